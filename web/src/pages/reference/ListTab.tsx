import { Anchor, Group, Stack, Table } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { servicePlaceKindLabel } from "../../../../src/core/place-kinds.js";
import { api } from "../../api";
import { useLang } from "../../useLang";
import { ImportForm } from "./ImportForm";

interface Row {
  id: string;
  code: string;
  titleKk?: string;
  titleRu?: string;
  nameKk?: string;
  nameRu?: string;
  kato?: string;
  kind?: string;
  basis: string;
  validFrom: string;
  validTo: string | null;
}

/** A code-keyed reference list (NSC officials Z p.3, or places Z p.19): table, export, import. */
export function ListTab({ kind, canManage }: { kind: "officials" | "places"; canManage: boolean }) {
  const { t } = useTranslation();
  const { lang, tr } = useLang();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ["reference", kind],
    queryFn: () => api<{ items: Row[] }>(`/api/v1/reference/${kind}`),
  });
  const title = (r: Row) => (lang === "kk" ? (r.titleKk ?? r.nameKk) : (r.titleRu ?? r.nameRu)) ?? "";
  return (
    <Stack>
      <Group>
        <Anchor href={`/api/v1/reference/${kind}/export`} download>
          {t("ref.export")}
        </Anchor>
      </Group>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("ref.code")}</Table.Th>
            <Table.Th>{t("ref.titleCol")}</Table.Th>
            {kind === "places" && <Table.Th>{t("ref.kato")}</Table.Th>}
            {kind === "places" && <Table.Th>{t("ref.kind")}</Table.Th>}
            <Table.Th>{t("ref.basis")}</Table.Th>
            <Table.Th>{t("ref.validFrom")}</Table.Th>
            <Table.Th>{t("ref.validTo")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{r.code}</Table.Td>
              <Table.Td>{title(r)}</Table.Td>
              {kind === "places" && <Table.Td>{r.kato}</Table.Td>}
              {kind === "places" && <Table.Td>{tr(servicePlaceKindLabel(r.kind ?? ""))}</Table.Td>}
              <Table.Td>{r.basis}</Table.Td>
              <Table.Td>{r.validFrom}</Table.Td>
              <Table.Td>{r.validTo ?? "—"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canManage && (
        <ImportForm
          url={`/api/v1/reference/${kind}/import`}
          onDone={() => void queryClient.invalidateQueries({ queryKey: ["reference", kind] })}
        />
      )}
    </Stack>
  );
}
