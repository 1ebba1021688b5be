import { Alert, Anchor, Badge, Card, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import {
  BANK_AUDIENCE_NAMES,
  BANK_KIND_INFO,
  BANK_MARKING_NAMES,
  type BankAudience,
} from "../../../../src/core/databank/catalog.js";
import { api } from "../../api";
import { unitLabel, useLang } from "../../useLang";
import { type BankDoc, docUnit } from "./DataBankPage";

/** One document of the data bank: its details, full text and file (opening it is audited). */
export function DocumentPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const { lang, tr } = useLang();
  const doc = useQuery({
    queryKey: ["databank", "document", id],
    queryFn: () => api<BankDoc & { body: string }>(`/api/v1/databank/documents/${id}`),
    retry: false,
  });
  const d = doc.data;
  return (
    <Stack>
      <Anchor component={Link} to="/databank">
        {t("databank.back")}
      </Anchor>
      {doc.error && (
        <Alert color="red" role="alert">
          {doc.error.message}
        </Alert>
      )}
      {d && (
        <>
          <Title order={1}>{d.title}</Title>
          <Group gap={4}>
            <Badge variant="light">{tr(BANK_KIND_INFO[d.kind].name)}</Badge>
            <Badge color={d.marking === "OFFICIAL_USE" ? "red" : "gray"}>
              {tr(BANK_MARKING_NAMES[d.marking])}
            </Badge>
            <Text size="xs">({BANK_KIND_INFO[d.kind].clause})</Text>
          </Group>
          <Table>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th>{t("databank.docDate")}</Table.Th>
                <Table.Td>{d.docDate}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t("databank.unit")}</Table.Th>
                <Table.Td>{unitLabel(docUnit(d), lang)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t("databank.audience")}</Table.Th>
                <Table.Td>{tr(BANK_AUDIENCE_NAMES[d.audience as BankAudience])}</Table.Td>
              </Table.Tr>
              {d.reference && (
                <Table.Tr>
                  <Table.Th>{t("databank.reference")}</Table.Th>
                  <Table.Td>{d.reference}</Table.Td>
                </Table.Tr>
              )}
              {d.fileName && (
                <Table.Tr>
                  <Table.Th>{t("databank.file")}</Table.Th>
                  <Table.Td>
                    <Anchor href={`/api/v1/databank/documents/${d.id}/file`}>{d.fileName}</Anchor>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
          <Card withBorder>
            <Text style={{ whiteSpace: "pre-wrap" }}>{d.body}</Text>
          </Card>
        </>
      )}
    </Stack>
  );
}
