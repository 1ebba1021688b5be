import { Anchor, Box, Group, Loader, NumberInput, Select, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { registerIdentityDocument, registerPurpose } from "../../../../src/core/passes/register-wording.js";
import { api } from "../../api";
import { useMe } from "../../session";
import { localName, useLang } from "../../useLang";
import { ErrorAlert } from "./shared";

interface Unit {
  id: string;
  code: string;
  nameKk: string;
  nameRu: string;
  agency: string;
}

interface BookLine {
  lineNo: number;
  date: string;
  passNumber: string;
  fullName: string;
  birthYear: number;
  identityDocument: string;
  destination: string;
  purpose: string;
  validFrom: string;
  validUntil: string;
  recipientSignature: string;
  returnMark: string;
}

/** The register book of passes of a unit and year (Z-21, App.3), with its PDF. */
export function RegisterBookPage() {
  const { t } = useTranslation();
  const { lang, tr } = useLang();
  const me = useMe().data;
  const [unitChoice, setUnitChoice] = useState<string | null>(null);
  const [year, setYear] = useState<number | string>(new Date().getFullYear());
  const units = useQuery({ queryKey: ["units"], queryFn: () => api<{ items: Unit[] }>("/api/v1/units") });
  const unitId = unitChoice ?? me?.unitId ?? null;
  const validYear = typeof year === "number" && year >= 1994 && year <= 9999;
  const query = `unitId=${unitId ?? ""}&year=${year}`;
  const book = useQuery({
    queryKey: ["register-book", unitId, year],
    enabled: unitId !== null && validYear,
    queryFn: () => api<{ lines: BookLine[] }>(`/api/v1/register-book?${query}`),
  });
  const options = (units.data?.items ?? [])
    .filter((u) => u.agency === "IAB")
    .map((u) => ({ value: u.id, label: `${localName(u, lang)} (${u.code})` }));
  return (
    <Stack>
      <Title order={1}>{t("passes.book.title")}</Title>
      <Group align="flex-end">
        <Select
          label={t("passes.book.unit")}
          data={options}
          value={unitId}
          onChange={setUnitChoice}
          searchable
          allowDeselect={false}
          w={420}
        />
        <NumberInput
          label={t("passes.book.year")}
          value={year}
          onChange={setYear}
          min={1994}
          max={9999}
          w={140}
        />
        {unitId && validYear && (
          <Anchor href={`/api/v1/register-book/pdf?${query}`} target="_blank" rel="noopener" pb={8}>
            {t("passes.book.pdf")}
          </Anchor>
        )}
      </Group>
      <ErrorAlert error={units.error ?? book.error} />
      {book.isFetching && <Loader aria-label={t("common.loading")} />}
      {book.data && book.data.lines.length === 0 && <Text>{t("passes.book.empty")}</Text>}
      {book.data && book.data.lines.length > 0 && (
        <Box style={{ overflowX: "auto" }} tabIndex={0} role="region" aria-label={t("passes.book.title")}>
          <Table striped withTableBorder miw={1000}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>№</Table.Th>
                <Table.Th>{t("passes.book.date")}</Table.Th>
                <Table.Th>{t("passes.book.passNumber")}</Table.Th>
                <Table.Th>{t("passes.book.holder")}</Table.Th>
                <Table.Th>{t("passes.book.document")}</Table.Th>
                <Table.Th>{t("passes.book.destination")}</Table.Th>
                <Table.Th>{t("passes.book.purpose")}</Table.Th>
                <Table.Th>{t("passes.book.validity")}</Table.Th>
                <Table.Th>{t("passes.book.signature")}</Table.Th>
                <Table.Th>{t("passes.book.returnMark")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {book.data.lines.map((l) => (
                <Table.Tr key={l.lineNo}>
                  <Table.Td>{l.lineNo}</Table.Td>
                  <Table.Td>{l.date}</Table.Td>
                  <Table.Td>{l.passNumber}</Table.Td>
                  <Table.Td>
                    {l.fullName}, {l.birthYear}
                  </Table.Td>
                  <Table.Td>{tr(registerIdentityDocument(l.identityDocument))}</Table.Td>
                  <Table.Td>{l.destination}</Table.Td>
                  <Table.Td>{tr(registerPurpose(l.purpose))}</Table.Td>
                  <Table.Td>
                    {l.validFrom} — {l.validUntil}
                  </Table.Td>
                  <Table.Td>{l.recipientSignature}</Table.Td>
                  <Table.Td>{l.returnMark}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Box>
      )}
    </Stack>
  );
}
