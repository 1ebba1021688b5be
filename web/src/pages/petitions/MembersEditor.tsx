import {
  Button,
  Card,
  Checkbox,
  FileInput,
  Grid,
  Group,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Translated } from "../../../../src/core/i18n.js";
import type { MemberInput } from "../../../../src/core/petitions/members.js";
import { api } from "../../api";
import { useLang } from "../../useLang";
import { EMPTY_PERSON, type PersonDraft, type PersonField, PersonFields } from "../passes/PersonFields";
import { ErrorAlert } from "../passes/shared";

/** The server's verdict on one uploaded row. */
interface RowReport {
  line: number;
  ok: boolean;
  problems: { field: string; message: Translated }[];
  member?: MemberInput;
}

/** A person being typed: the App.2 person fields and the address. */
type MemberDraft = PersonDraft & { address: string };
const EMPTY: MemberDraft = { ...EMPTY_PERSON, address: "" };

/** The labels of a member's person fields (the document on a petition is a passport). */
const PERSON_LABELS: Record<PersonField, string> = {
  surname: "petitions.form.surname",
  givenName: "petitions.form.givenName",
  patronymic: "petitions.form.patronymic",
  birthYear: "petitions.form.birthYear",
  documentSeries: "petitions.form.series",
  documentNumber: "petitions.form.docNumber",
  documentIssuedOn: "petitions.form.issuedOn",
  documentIssuedBy: "petitions.form.issuedBy",
};

/**
 * The people of a petition: typed one by one, or loaded from a CSV/XLSX file that the server
 * checks row by row; accepted rows join the list, rejected rows are shown with their problems.
 */
export function MembersEditor({
  members,
  onChange,
  single,
  error,
}: {
  members: MemberInput[];
  onChange: (members: MemberInput[]) => void;
  single: boolean;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const { tr } = useLang();
  const [draft, setDraft] = useState(EMPTY);
  const [leader, setLeader] = useState(false);
  const [report, setReport] = useState<RowReport[] | null>(null);
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append("file", file);
      return api<{ rows: RowReport[] }>("/api/v1/petitions/list-file", { method: "POST", body: form });
    },
    onSuccess: (result) => {
      setReport(result.rows);
      onChange([...members, ...result.rows.flatMap((r) => (r.member ? [r.member] : []))]);
    },
  });
  const add = () => {
    const member: MemberInput = {
      surname: draft.surname.trim(),
      givenName: draft.givenName.trim(),
      ...(draft.patronymic.trim() ? { patronymic: draft.patronymic.trim() } : {}),
      birthYear: Number(draft.birthYear),
      address: draft.address.trim(),
      ...(draft.documentSeries.trim() ? { documentSeries: draft.documentSeries.trim() } : {}),
      documentNumber: draft.documentNumber.trim(),
      documentIssuedOn: draft.documentIssuedOn,
      documentIssuedBy: draft.documentIssuedBy.trim(),
      isLeader: leader,
    };
    onChange([...members, member]);
    setDraft(EMPTY);
    setLeader(false);
  };
  const bad = report?.filter((r) => !r.ok) ?? [];
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h3">
          {t("petitions.form.people")}
        </Title>
        {error && (
          <Text c="red.9" role="alert">
            {error}
          </Text>
        )}
        {!single && (
          <>
            <FileInput
              label={t("petitions.form.upload")}
              description={t("petitions.form.uploadHelp")}
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(file) => file && upload.mutate(file)}
            />
            <ErrorAlert error={upload.error} />
          </>
        )}
        {report && (
          <Stack gap="xs">
            <Title order={3} size="h4">
              {t("petitions.form.report")}
            </Title>
            <Text role="status">
              {t("petitions.form.accepted", { ok: report.length - bad.length, bad: bad.length })}
            </Text>
            {bad.length > 0 && (
              <Table withTableBorder aria-label={t("petitions.form.report")}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("petitions.form.line")}</Table.Th>
                    <Table.Th>{t("petitions.form.problems")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {bad.map((r) => (
                    <Table.Tr key={r.line}>
                      <Table.Td>{r.line}</Table.Td>
                      <Table.Td>{r.problems.map((p) => `${p.field}: ${tr(p.message)}`).join("; ")}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        )}
        {members.length > 0 && (
          <Table striped withTableBorder aria-label={t("petitions.form.people")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>№</Table.Th>
                <Table.Th>{t("petitions.form.surname")}</Table.Th>
                <Table.Th>{t("petitions.form.birthYear")}</Table.Th>
                <Table.Th>{t("petitions.form.docNumber")}</Table.Th>
                <Table.Th>{t("petitions.form.leader")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.map((m, i) => {
                const name = [m.surname, m.givenName, m.patronymic].filter(Boolean).join(" ");
                return (
                  <Table.Tr key={`${m.documentSeries ?? ""}|${m.documentNumber}|${m.surname}|${m.birthYear}`}>
                    <Table.Td>{i + 1}</Table.Td>
                    <Table.Td>{name}</Table.Td>
                    <Table.Td>{m.birthYear}</Table.Td>
                    <Table.Td>{`${m.documentSeries ?? ""} ${m.documentNumber}`.trim()}</Table.Td>
                    <Table.Td>{m.isLeader ? t("petitions.detail.yes") : ""}</Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red.9"
                        onClick={() => onChange(members.filter((_, j) => j !== i))}
                        aria-label={t("petitions.form.remove", { name })}
                      >
                        ×
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        {(!single || members.length === 0) && (
          <Stack gap="xs">
            <Title order={3} size="h4">
              {t("petitions.form.addPerson")}
            </Title>
            <PersonFields
              value={draft}
              onChange={setDraft}
              labels={PERSON_LABELS}
              afterBirthYear={
                <Grid.Col span={{ base: 12, sm: 9 }}>
                  <TextInput
                    label={t("petitions.form.address")}
                    value={draft.address}
                    onChange={(e) => setDraft({ ...draft, address: e.currentTarget.value })}
                  />
                </Grid.Col>
              }
            />
            <Group>
              {!single && (
                <Checkbox
                  label={t("petitions.form.leader")}
                  checked={leader}
                  onChange={(e) => setLeader(e.currentTarget.checked)}
                />
              )}
              <Button variant="light" onClick={add}>
                {t("petitions.form.addPerson")}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
