import { Anchor, Badge, Group, Pagination, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { zoneKindLabel } from "../../../../src/core/place-kinds.js";
import { api } from "../../api";
import { placeName, regionOf, useLang } from "../../useLang";
import { ImportForm } from "./ImportForm";

interface Version {
  id: string;
  effectiveFrom: string;
  basisKk: string;
  basisRu: string;
  isDemo: boolean;
  entries: number;
}
interface Entry {
  kato: string;
  kind: string;
  nameKk: string;
  nameRu: string;
  regionKk: string;
  regionRu: string;
  districtKk: string | null;
  districtRu: string | null;
  inStrip: boolean;
}

const PAGE = 50;

/** The border-zone list (Z-1): versions with their legal basis, search, export and import. */
export function ZoneTab({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const { lang, tr } = useLang();
  const queryClient = useQueryClient();
  const versions = useQuery({
    queryKey: ["zone-versions"],
    queryFn: () => api<{ items: Version[] }>("/api/v1/reference/zone/versions"),
  });
  const [at, setAt] = useState<string | null>(null);
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const [debounced] = useDebouncedValue(q, 250);
  const chosen = at ?? versions.data?.items[0]?.effectiveFrom ?? null;
  const entries = useQuery({
    queryKey: ["zone", chosen, debounced, page],
    enabled: chosen !== null,
    queryFn: () =>
      api<{ total: number; items: Entry[] }>(
        `/api/v1/reference/zone?at=${chosen}&limit=${PAGE}&offset=${(page - 1) * PAGE}&q=${encodeURIComponent(debounced)}`,
      ),
  });
  const version = versions.data?.items.find((v) => v.effectiveFrom === chosen);
  const [effectiveFrom, setEffectiveFrom] = useState("");
  const [basisKk, setBasisKk] = useState("");
  const [basisRu, setBasisRu] = useState("");

  return (
    <Stack>
      <Group align="flex-end">
        <Select
          label={t("ref.version")}
          data={(versions.data?.items ?? []).map((v) => ({
            value: v.effectiveFrom,
            label: `${v.effectiveFrom} (${v.entries} ${t("ref.entries")})${v.isDemo ? ` — ${t("ref.demo")}` : ""}`,
          }))}
          value={chosen}
          onChange={(v) => {
            setAt(v);
            setPage(1);
          }}
          allowDeselect={false}
          w={320}
        />
        <TextInput
          label={t("ref.search")}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setPage(1);
          }}
          w={280}
        />
        {chosen && (
          <Anchor href={`/api/v1/reference/zone/export?at=${chosen}`} download>
            {t("ref.export")}
          </Anchor>
        )}
      </Group>
      {version && (
        <Text size="sm">
          <b>{t("ref.basis")}:</b> {lang === "kk" ? version.basisKk : version.basisRu}
        </Text>
      )}
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("ref.kato")}</Table.Th>
            <Table.Th>{t("ref.name")}</Table.Th>
            <Table.Th>{t("ref.kind")}</Table.Th>
            <Table.Th>{t("ref.district")}</Table.Th>
            <Table.Th>{t("ref.region")}</Table.Th>
            <Table.Th>{t("ref.strip")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(entries.data?.items ?? []).map((e) => (
            <Table.Tr key={e.kato}>
              <Table.Td>{e.kato}</Table.Td>
              <Table.Td>{placeName(e, lang)}</Table.Td>
              <Table.Td>{tr(zoneKindLabel(e.kind))}</Table.Td>
              <Table.Td>
                {e.districtKk !== null && e.districtRu !== null
                  ? placeName({ nameKk: e.districtKk, nameRu: e.districtRu }, lang)
                  : "—"}
              </Table.Td>
              <Table.Td>{placeName(regionOf(e), lang)}</Table.Td>
              <Table.Td>{e.inStrip ? <Badge color="red.9">{t("ref.strip")}</Badge> : "—"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {(entries.data?.total ?? 0) > PAGE && (
        <Pagination total={Math.ceil((entries.data?.total ?? 0) / PAGE)} value={page} onChange={setPage} />
      )}
      {canManage && (
        <ImportForm
          url="/api/v1/reference/zone/import"
          extra={{ effectiveFrom, basisKk, basisRu }}
          onDone={() => void queryClient.invalidateQueries({ queryKey: ["zone-versions"] })}
        >
          <Text fw={600}>{t("ref.import")}</Text>
          <Group align="flex-end">
            <TextInput
              type="date"
              label={t("ref.effectiveFrom")}
              value={effectiveFrom}
              onChange={(e) => setEffectiveFrom(e.currentTarget.value)}
            />
            <TextInput
              label={`${t("ref.basis")} (kk)`}
              value={basisKk}
              onChange={(e) => setBasisKk(e.currentTarget.value)}
              w={300}
            />
            <TextInput
              label={`${t("ref.basis")} (ru)`}
              value={basisRu}
              onChange={(e) => setBasisRu(e.currentTarget.value)}
              w={300}
            />
          </Group>
        </ImportForm>
      )}
    </Stack>
  );
}
