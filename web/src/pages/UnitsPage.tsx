import { Alert, Loader, Table, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../api";

interface Unit {
  id: string;
  code: string;
  agency: string;
  nameKk: string;
  nameRu: string;
  nameEn: string | null;
  level: number | null;
  timeZone: string;
  path: string;
}

/** The units of the user's subtree, indented by depth. */
export function UnitsPage() {
  const { t, i18n } = useTranslation();
  const query = useQuery({ queryKey: ["units"], queryFn: () => api<{ items: Unit[] }>("/api/v1/units") });
  const nameOf = (u: Unit) =>
    i18n.language === "ru" ? u.nameRu : i18n.language === "en" ? (u.nameEn ?? u.nameRu) : u.nameKk;
  return (
    <>
      <Title order={1} mb="md">
        {t("units.title")}
      </Title>
      {query.isPending && <Loader aria-label={t("common.loading")} />}
      {query.error && <Alert color="red">{query.error.message}</Alert>}
      {query.data && (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("units.code")}</Table.Th>
              <Table.Th>{t("units.name")}</Table.Th>
              <Table.Th>{t("units.agency")}</Table.Th>
              <Table.Th>{t("units.level")}</Table.Th>
              <Table.Th>{t("units.timeZone")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.data.items.map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td>{u.code}</Table.Td>
                <Table.Td style={{ paddingInlineStart: `${(u.path.split(".").length - 1) * 16 + 8}px` }}>
                  {nameOf(u)}
                </Table.Td>
                <Table.Td>{u.agency}</Table.Td>
                <Table.Td>{u.level ?? "—"}</Table.Td>
                <Table.Td>{u.timeZone}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
