import {
  Badge,
  Button,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { useMe } from "../../session";
import { AA_ERRORS, ErrorAlert, formatInstant } from "../passes/shared";

/** A record of the registry as the API returns it. */
interface RecordView {
  id: string;
  names: string[];
  birthDate: string | null;
  documentNumber: string | null;
  iin: string | null;
  reason: string;
  source: string;
  validUntil: string | null;
  isDemo: boolean;
  updatedAt: string;
}

const PAGE = 25;

/** The records registry (issue 6): search and page through records; managers add, change and delete them. */
export function RecordsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const canManage = me?.permissions.includes("records.manage") ?? false;
  const queryClient = useQueryClient();
  const [q, setQ] = useState("");
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const [cursor, setCursor] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ["records", debounced, cursor],
    queryFn: () =>
      api<{ items: RecordView[]; next: string | null }>(
        `/api/v1/screening/records?limit=${PAGE}&q=${encodeURIComponent(debounced)}${cursor ? `&after=${encodeURIComponent(cursor)}` : ""}`,
      ),
  });
  const [viewing, setViewing] = useState<RecordView | null>(null);
  const [editing, setEditing] = useState<RecordView | "new" | null>(null);
  const [deleting, setDeleting] = useState<RecordView | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["records"] });
  const remove = useMutation({
    mutationFn: (id: string) =>
      api(`/api/v1/screening/records/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => {
      setDeleting(null);
      refresh();
    },
  });

  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <Title order={1}>{t("screening.records.title")}</Title>
        {canManage && (
          <Button color="blue.8" onClick={() => setEditing("new")}>
            {t("screening.records.add")}
          </Button>
        )}
      </Group>
      <TextInput
        label={t("screening.records.search")}
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value);
          setCursor(null);
        }}
        maw={420}
      />
      <ErrorAlert error={list.error} />
      <Table.ScrollContainer minWidth={800}>
        <Table striped withTableBorder data-testid="records">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("screening.records.id")}</Table.Th>
              <Table.Th>{t("screening.records.names")}</Table.Th>
              <Table.Th>{t("screening.birthDate")}</Table.Th>
              <Table.Th>{t("screening.reason")}</Table.Th>
              <Table.Th>{t("screening.records.validUntil")}</Table.Th>
              <Table.Th>{t("screening.records.actions")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={6}>{t("screening.records.empty")}</Table.Td>
              </Table.Tr>
            )}
            {list.data?.items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  {r.id}{" "}
                  {r.isDemo && (
                    <Badge color="dark" variant="outline" size="sm">
                      {t("screening.records.demo")}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{r.names.join(" / ")}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{r.birthDate ?? ""}</Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2}>
                    {r.reason}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{r.validUntil ?? ""}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="xs"
                      variant="outline"
                      color="dark"
                      aria-label={`${t("screening.records.view")}: ${r.id}`}
                      onClick={() => setViewing(r)}
                    >
                      {t("screening.records.view")}
                    </Button>
                    {canManage && (
                      <>
                        <Button
                          size="xs"
                          variant="outline"
                          color="blue.8"
                          aria-label={`${t("screening.records.edit")}: ${r.id}`}
                          onClick={() => setEditing(r)}
                        >
                          {t("screening.records.edit")}
                        </Button>
                        <Button
                          size="xs"
                          variant="outline"
                          color="red.9"
                          aria-label={`${t("screening.records.delete")}: ${r.id}`}
                          onClick={() => setDeleting(r)}
                        >
                          {t("screening.records.delete")}
                        </Button>
                      </>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group>
        <Button variant="outline" color="dark" disabled={cursor === null} onClick={() => setCursor(null)}>
          {t("screening.records.first")}
        </Button>
        <Button
          variant="outline"
          color="dark"
          disabled={!list.data?.next}
          onClick={() => setCursor(list.data?.next ?? null)}
        >
          {t("screening.records.more")}
        </Button>
      </Group>

      <Modal
        opened={viewing !== null}
        onClose={() => setViewing(null)}
        title={viewing?.id ?? ""}
        size="lg"
        closeButtonProps={{ "aria-label": t("screening.close") }}
      >
        {viewing && <RecordDetails record={viewing} />}
      </Modal>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={
          editing === "new"
            ? t("screening.records.add")
            : `${t("screening.records.edit")}: ${editing?.id ?? ""}`
        }
        size="lg"
        closeButtonProps={{ "aria-label": t("screening.close") }}
      >
        {editing && (
          <RecordForm
            record={editing === "new" ? null : editing}
            onDone={() => {
              setEditing(null);
              refresh();
            }}
          />
        )}
      </Modal>
      <Modal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t("screening.records.delete")}
        closeButtonProps={{ "aria-label": t("screening.close") }}
      >
        {deleting && (
          <Stack>
            <Text>{t("screening.records.deleteConfirm", { id: deleting.id })}</Text>
            <ErrorAlert error={remove.error} />
            <Group>
              <Button color="red.9" loading={remove.isPending} onClick={() => remove.mutate(deleting.id)}>
                {t("screening.records.delete")}
              </Button>
              <Button variant="outline" color="dark" onClick={() => setDeleting(null)}>
                {t("screening.cancel")}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

function RecordDetails({ record }: { record: RecordView }) {
  const { t } = useTranslation();
  const rows: [string, string][] = [
    [t("screening.records.names"), record.names.join("\n")],
    [t("screening.birthDate"), record.birthDate ?? ""],
    [t("screening.iin"), record.iin ?? ""],
    [t("screening.documentNumber"), record.documentNumber ?? ""],
    [t("screening.reason"), record.reason],
    [t("screening.source"), record.source],
    [t("screening.records.validUntil"), record.validUntil ?? ""],
    [t("screening.records.updated"), formatInstant(record.updatedAt)],
  ];
  return (
    <Table>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th scope="row" w="35%">
              {label}
            </Table.Th>
            <Table.Td style={{ whiteSpace: "pre-line" }}>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function RecordForm({ record, onDone }: { record: RecordView | null; onDone: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    id: record?.id ?? "",
    names: record?.names.join("\n") ?? "",
    birthDate: record?.birthDate ?? "",
    iin: record?.iin ?? "",
    documentNumber: record?.documentNumber ?? "",
    reason: record?.reason ?? "",
    source: record?.source ?? "",
    validUntil: record?.validUntil ?? "",
  });
  const save = useMutation({
    mutationFn: () => {
      const names = form.names
        .split("\n")
        .map((n) => n.trim())
        .filter(Boolean);
      const optional = (value: string) => (value.trim() === "" ? undefined : value.trim());
      if (record) {
        // PATCH: null clears an optional field.
        return api(`/api/v1/screening/records/${encodeURIComponent(record.id)}`, {
          method: "PATCH",
          body: {
            names,
            reason: form.reason.trim(),
            source: form.source.trim(),
            birthDate: optional(form.birthDate) ?? null,
            iin: optional(form.iin) ?? null,
            documentNumber: optional(form.documentNumber) ?? null,
            validUntil: optional(form.validUntil) ?? null,
          },
        });
      }
      return api("/api/v1/screening/records", {
        method: "POST",
        body: {
          id: form.id.trim(),
          names,
          reason: form.reason.trim(),
          source: form.source.trim(),
          birthDate: optional(form.birthDate),
          iin: optional(form.iin),
          documentNumber: optional(form.documentNumber),
          validUntil: optional(form.validUntil),
        },
      });
    },
    onSuccess: onDone,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const field = (key: keyof typeof form) => ({
    value: form[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      setForm({ ...form, [key]: e.currentTarget.value }),
  });
  return (
    <form onSubmit={submit} noValidate style={AA_ERRORS}>
      <Stack>
        <TextInput label={t("screening.records.id")} required disabled={record !== null} {...field("id")} />
        <Textarea
          label={t("screening.records.names")}
          description={t("screening.records.namesHelp")}
          required
          autosize
          minRows={2}
          {...field("names")}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t("screening.birthDate")}
            description={t("screening.birthDateHelp")}
            {...field("birthDate")}
          />
          <TextInput label={t("screening.iin")} inputMode="numeric" {...field("iin")} />
          <TextInput label={t("screening.documentNumber")} {...field("documentNumber")} />
          <TextInput
            label={t("screening.records.validUntil")}
            description={t("screening.birthDateHelp").split(" ")[0]}
            {...field("validUntil")}
          />
        </SimpleGrid>
        <Textarea label={t("screening.reason")} required autosize minRows={2} {...field("reason")} />
        <TextInput label={t("screening.source")} required {...field("source")} />
        <ErrorAlert error={save.error} />
        <Group>
          <Button type="submit" color="blue.8" loading={save.isPending}>
            {t("screening.save")}
          </Button>
          <Button variant="outline" color="dark" onClick={onDone}>
            {t("screening.cancel")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
