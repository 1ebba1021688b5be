import {
  Alert,
  Button,
  Card,
  FileInput,
  Group,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { AA_ERRORS, ErrorAlert } from "../passes/shared";
import { CandidateTable, type CheckResult, type Decision, type Subject } from "./Candidates";
import { parsePeople } from "./parse";

/** Records screening (issue 6): check one person or a list, and confirm or dismiss each candidate. */
export function ScreeningPage() {
  const { t } = useTranslation();
  return (
    <Stack maw={1200}>
      <Title order={1}>{t("screening.title")}</Title>
      <Text>{t("screening.intro")}</Text>
      <Tabs defaultValue="one" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="one">{t("screening.tabOne")}</Tabs.Tab>
          <Tabs.Tab value="batch">{t("screening.tabBatch")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="one" pt="md">
          <CheckOne />
        </Tabs.Panel>
        <Tabs.Panel value="batch" pt="md">
          <CheckBatch />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** Reviews taken on this page, by subject and record, so the table shows them at once. */
function useReviews() {
  const [reviews, setReviews] = useState<Record<string, Record<string, Decision>>>({});
  const review = async (subject: Subject, recordId: string, decision: Decision, reason: string) => {
    await api("/api/v1/screening/reviews", { method: "POST", body: { subject, recordId, decision, reason } });
    const key = JSON.stringify(subject);
    setReviews((all) => ({ ...all, [key]: { ...all[key], [recordId]: decision } }));
  };
  return { of: (subject: Subject) => reviews[JSON.stringify(subject)] ?? {}, review };
}

function clean(subject: Subject): Subject {
  const out: Subject = { name: subject.name.trim() };
  for (const key of ["birthDate", "iin", "documentNumber"] as const) {
    const value = subject[key]?.trim();
    if (value) out[key] = value;
  }
  return out;
}

function CheckOne() {
  const { t } = useTranslation();
  const [form, setForm] = useState<Required<Subject>>({
    name: "",
    birthDate: "",
    iin: "",
    documentNumber: "",
  });
  const [checked, setChecked] = useState<Subject | null>(null);
  const reviews = useReviews();
  const check = useMutation({
    mutationFn: (subject: Subject) =>
      api<CheckResult>("/api/v1/screening/check", { method: "POST", body: subject }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const subject = clean(form);
    setChecked(subject);
    check.mutate(subject);
  };
  const field = (key: keyof Subject) => ({
    value: form[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.currentTarget.value }),
  });
  return (
    <Stack>
      <form onSubmit={submit} noValidate style={AA_ERRORS}>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t("screening.name")}
              description={t("screening.nameHelp")}
              required
              {...field("name")}
            />
            <TextInput
              label={t("screening.birthDate")}
              description={t("screening.birthDateHelp")}
              {...field("birthDate")}
            />
            <TextInput label={t("screening.iin")} inputMode="numeric" {...field("iin")} />
            <TextInput label={t("screening.documentNumber")} {...field("documentNumber")} />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={check.isPending} color="blue.8">
              {t("screening.check")}
            </Button>
          </Group>
        </Stack>
      </form>
      <ErrorAlert error={check.error} />
      {check.data && checked && (
        <Card withBorder aria-live="polite">
          <Title order={2} size="h3" mb="xs">
            {t("screening.results")}
          </Title>
          <Text size="sm" mb="xs">
            {t("screening.scored", { count: check.data.scored })}
          </Text>
          <CandidateTable
            result={check.data}
            caption={t("screening.candidates", { count: check.data.candidates.length })}
            reviews={reviews.of(checked)}
            onReview={(recordId, decision, reason) => reviews.review(checked, recordId, decision, reason)}
          />
        </Card>
      )}
    </Stack>
  );
}

function CheckBatch() {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [people, setPeople] = useState<{ line: number; subject: Subject }[]>([]);
  const [inputError, setInputError] = useState<string | null>(null);
  const reviews = useReviews();
  const check = useMutation({
    mutationFn: (list: Subject[]) =>
      api<{ results: CheckResult[] }>("/api/v1/screening/batch", { method: "POST", body: { people: list } }),
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const source = file ? await file.text() : text;
    const parsed = parsePeople(source);
    const blank = parsed.find((p) => p.subject.name.trim() === "");
    if (parsed.length === 0) {
      setInputError(t("screening.batchEmpty"));
      return;
    }
    if (blank) {
      setInputError(t("screening.batchLineError", { line: blank.line, message: t("screening.name") }));
      return;
    }
    setInputError(null);
    const list = parsed.map((p) => ({ line: p.line, subject: clean(p.subject) }));
    setPeople(list);
    check.mutate(list.map((p) => p.subject));
  };
  return (
    <Stack>
      <form onSubmit={submit} noValidate style={AA_ERRORS}>
        <Stack>
          <Textarea
            label={t("screening.batchText")}
            description={t("screening.batchHelp")}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            autosize
            minRows={4}
            maxRows={14}
            disabled={file !== null}
          />
          <FileInput
            label={t("screening.batchFile")}
            description={t("screening.batchFileHelp")}
            accept=".csv,text/csv,text/plain"
            value={file}
            onChange={setFile}
            clearable
          />
          {inputError && (
            <Alert color="red.9" variant="outline" role="alert">
              {inputError}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={check.isPending} color="blue.8">
              {t("screening.checkList")}
            </Button>
          </Group>
        </Stack>
      </form>
      <ErrorAlert error={check.error} />
      {check.data && (
        <Stack aria-live="polite">
          <Title order={2} size="h3">
            {t("screening.results")}
          </Title>
          {check.data.results.map((result, i) => {
            const entry = people[i];
            if (!entry) return null;
            const subject = entry.subject;
            return (
              <Card withBorder key={entry.line} data-testid="batch-result">
                <Title order={3} size="h4" mb="xs">
                  {i + 1}. {subject.name}
                  {subject.birthDate ? `, ${subject.birthDate}` : ""}
                </Title>
                <CandidateTable
                  result={result}
                  caption={t("screening.candidates", { count: result.candidates.length })}
                  reviews={reviews.of(subject)}
                  onReview={(recordId, decision, reason) =>
                    reviews.review(subject, recordId, decision, reason)
                  }
                />
              </Card>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}
