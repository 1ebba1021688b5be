import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  BANK_AUDIENCE_NAMES,
  BANK_AUDIENCES,
  BANK_KIND_INFO,
  BANK_KINDS,
  BANK_MARKING_NAMES,
  BANK_MARKINGS,
  type BankKind,
  type BankMarking,
} from "../../../../src/core/databank/catalog.js";
import { api } from "../../api";
import { useMe } from "../../session";
import { type LocalNames, localName, unitLabel, useLang } from "../../useLang";

/** A document as search answers it. */
export interface BankDoc {
  id: string;
  kind: BankKind;
  title: string;
  excerpt: string;
  language: string;
  reference: string | null;
  docDate: string;
  agency: string;
  unitNameKk: string | null;
  unitNameRu: string | null;
  unitNameEn: string | null;
  audience: string;
  marking: BankMarking;
  fileName: string | null;
  isDemo: boolean;
}

/** The names of the unit a document was filed by, or null for one filed without a unit. */
export function docUnit(d: BankDoc): LocalNames | null {
  return d.unitNameKk === null || d.unitNameRu === null
    ? null
    : { nameKk: d.unitNameKk, nameRu: d.unitNameRu, nameEn: d.unitNameEn };
}

const PAGE = 20;
const EMPTY = { q: "", kind: "", agency: "", unitId: "", from: "", to: "", marking: "", sort: "" };

/** The unified data bank: search in Kazakh or Russian with filters, and filing new material. */
export function DataBankPage() {
  const { t } = useTranslation();
  const { lang, tr } = useLang();
  const canFile = useMe().data?.permissions.includes("databank.file") ?? false;
  const [draft, setDraft] = useState(EMPTY);
  const [filter, setFilter] = useState(EMPTY);
  const [pages, setPages] = useState(1);
  const params = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== ""));
  params.set("limit", String(PAGE * pages));
  const results = useQuery({
    queryKey: ["databank", params.toString()],
    queryFn: () =>
      api<{ items: BankDoc[]; hasMore: boolean }>(`/api/v1/databank/documents?${params.toString()}`),
  });
  const units = useQuery({
    queryKey: ["databank", "units"],
    queryFn: () =>
      api<{ items: { id: string; agency: string; nameKk: string; nameRu: string; nameEn: string | null }[] }>(
        "/api/v1/databank/units",
      ),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setPages(1);
    setFilter(draft);
  };
  const select = (key: keyof typeof EMPTY, label: string, data: { value: string; label: string }[]) => (
    <Select
      label={label}
      data={data}
      value={draft[key] || null}
      onChange={(v) => setDraft({ ...draft, [key]: v ?? "" })}
      clearable
      w={220}
    />
  );
  return (
    <Stack>
      <Title order={1}>{t("databank.title")}</Title>
      <Text size="sm">{t("databank.intro")}</Text>
      <form onSubmit={submit} aria-label={t("databank.searchForm")}>
        <Stack gap="xs">
          <Group align="flex-end">
            <TextInput
              label={t("databank.query")}
              description={t("databank.queryHint")}
              value={draft.q}
              onChange={(e) => setDraft({ ...draft, q: e.currentTarget.value })}
              maxLength={300}
              w={420}
            />
            <Button type="submit">{t("databank.search")}</Button>
          </Group>
          <Group align="flex-end">
            {select(
              "kind",
              t("databank.kind"),
              BANK_KINDS.map((k) => ({ value: k, label: tr(BANK_KIND_INFO[k].name) })),
            )}
            {select(
              "agency",
              t("databank.agency"),
              ["IAB", "NSC", "CUSTOMS"].map((a) => ({ value: a, label: t(`statistics.agency.${a}`) })),
            )}
            {select(
              "unitId",
              t("databank.unit"),
              (units.data?.items ?? []).map((u) => ({ value: u.id, label: localName(u, lang) })),
            )}
            {select(
              "marking",
              t("databank.marking"),
              BANK_MARKINGS.map((m) => ({ value: m, label: tr(BANK_MARKING_NAMES[m]) })),
            )}
            <TextInput
              label={t("databank.from")}
              type="date"
              value={draft.from}
              onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
              w={160}
            />
            <TextInput
              label={t("databank.to")}
              type="date"
              value={draft.to}
              onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
              w={160}
            />
            {select("sort", t("databank.sort"), [
              { value: "newest", label: t("databank.sortNewest") },
              { value: "relevance", label: t("databank.sortRelevance") },
            ])}
          </Group>
        </Stack>
      </form>
      {results.error && (
        <Alert color="red" role="alert">
          {results.error.message}
        </Alert>
      )}
      {results.data && (
        <Stack gap="xs" aria-live="polite">
          <Text size="sm" role="status">
            {results.data.items.length === 0
              ? t("databank.none")
              : t("databank.shown", { count: results.data.items.length })}
          </Text>
          {results.data.items.map((d) => (
            <Card withBorder key={d.id} data-testid="bank-result">
              <Group justify="space-between" align="flex-start">
                <Anchor component={Link} to={`/databank/${d.id}`} fw={600}>
                  {d.title}
                </Anchor>
                <Group gap={4}>
                  <Badge variant="light">{tr(BANK_KIND_INFO[d.kind].name)}</Badge>
                  {d.marking === "OFFICIAL_USE" && (
                    <Badge color="red">{tr(BANK_MARKING_NAMES[d.marking])}</Badge>
                  )}
                </Group>
              </Group>
              <Text size="sm">
                {d.docDate} · {unitLabel(docUnit(d), lang)}
                {d.reference ? ` · ${d.reference}` : ""}
              </Text>
              <Text size="sm" lineClamp={2}>
                {d.excerpt}
              </Text>
            </Card>
          ))}
          {results.data.hasMore && (
            <Button variant="outline" onClick={() => setPages(pages + 1)} w={200}>
              {t("databank.more")}
            </Button>
          )}
        </Stack>
      )}
      {canFile && <FileForm />}
    </Stack>
  );
}

/** Filing a document for the user's own unit: the text for search, an optional file. */
function FileForm() {
  const { t } = useTranslation();
  const { tr } = useLang();
  const [fields, setFields] = useState({
    kind: "REVIEW",
    title: "",
    language: "kk",
    docDate: "",
    reference: "",
    audience: "ALL_AGENCIES",
    marking: "OPEN",
    body: "",
  });
  const [file, setFile] = useState<File | null>(null);
  const save = useMutation({
    mutationFn: () => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) if (v !== "") form.append(k, v);
      if (file) form.append("file", file);
      return api<BankDoc>("/api/v1/databank/documents", { method: "POST", body: form });
    },
  });
  const set = (key: keyof typeof fields) => (v: string | null) => setFields({ ...fields, [key]: v ?? "" });
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={2} size="h3">
          {t("databank.fileTitle")}
        </Title>
        <Group align="flex-end">
          <Select
            label={t("databank.kind")}
            data={BANK_KINDS.map((k) => ({ value: k, label: tr(BANK_KIND_INFO[k].name) }))}
            value={fields.kind}
            onChange={set("kind")}
            allowDeselect={false}
            w={220}
          />
          <Select
            label={t("databank.language")}
            data={[
              { value: "kk", label: "Қазақша" },
              { value: "ru", label: "Русский" },
              { value: "kk+ru", label: "Қазақша + Русский" },
            ]}
            value={fields.language}
            onChange={set("language")}
            allowDeselect={false}
            w={200}
          />
          <TextInput
            label={t("databank.docDate")}
            type="date"
            value={fields.docDate}
            onChange={(e) => set("docDate")(e.currentTarget.value)}
            w={160}
          />
          <TextInput
            label={t("databank.reference")}
            value={fields.reference}
            onChange={(e) => set("reference")(e.currentTarget.value)}
            w={160}
          />
          <Select
            label={t("databank.audience")}
            data={BANK_AUDIENCES.map((a) => ({ value: a, label: tr(BANK_AUDIENCE_NAMES[a]) }))}
            value={fields.audience}
            onChange={set("audience")}
            allowDeselect={false}
            w={240}
          />
          <Select
            label={t("databank.marking")}
            data={BANK_MARKINGS.map((m) => ({ value: m, label: tr(BANK_MARKING_NAMES[m]) }))}
            value={fields.marking}
            onChange={set("marking")}
            allowDeselect={false}
            w={260}
          />
        </Group>
        <TextInput
          label={t("databank.docTitle")}
          value={fields.title}
          onChange={(e) => set("title")(e.currentTarget.value)}
        />
        <Textarea
          label={t("databank.body")}
          description={t("databank.bodyHint")}
          autosize
          minRows={3}
          value={fields.body}
          onChange={(e) => set("body")(e.currentTarget.value)}
        />
        <FileInput
          label={t("databank.file")}
          description={t("databank.fileHint")}
          accept="application/pdf,image/png,image/jpeg,text/plain"
          value={file}
          onChange={setFile}
          clearable
          w={360}
        />
        <Group>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {t("databank.fileSubmit")}
          </Button>
          {save.data && (
            <Text role="status" size="sm">
              {t("databank.filed")}{" "}
              <Anchor component={Link} to={`/databank/${save.data.id}`}>
                {save.data.title}
              </Anchor>
            </Text>
          )}
        </Group>
        {save.error && (
          <Alert color="red" role="alert">
            {save.error.message}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
