import { Alert, Anchor, Button, Code, Group, Stack, Table, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { useMe } from "../../session";

interface Entry {
  id: string;
  at: string;
  actorLogin: string | null;
  actorRole: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  address: string | null;
  details: unknown;
}
interface VerifyReport {
  ok: boolean;
  checked: number;
  firstBad?: { seq: string; problem: string };
}

/** Builds the query string of the audit filters (dates are local dates, sent as UTC instants). */
function queryOf(f: Record<string, string>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) {
    if (!v) continue;
    params.set(k, k === "from" || k === "to" ? new Date(`${v}T00:00:00`).toISOString() : v);
  }
  return params.toString();
}

/** The audit viewer (C-3): filters by object, action and period; CSV export; chain verification. */
export function AuditPage() {
  const { t } = useTranslation();
  const canVerify = useMe().data?.permissions.includes("audit.verify") ?? false;
  const [draft, setDraft] = useState({
    actorLogin: "",
    objectType: "",
    objectId: "",
    action: "",
    from: "",
    to: "",
  });
  const [filter, setFilter] = useState(draft);
  const [limit, setLimit] = useState(100);
  const qs = queryOf(filter);
  const entries = useQuery({
    queryKey: ["audit", qs, limit],
    queryFn: () => api<{ items: Entry[] }>(`/api/v1/audit?limit=${limit}&${qs}`),
  });
  const verify = useMutation({ mutationFn: () => api<VerifyReport>("/api/v1/audit/verify") });
  const field = (key: keyof typeof draft, label: string, type = "text") => (
    <TextInput
      label={label}
      type={type}
      value={draft[key]}
      onChange={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })}
      w={type === "date" ? 160 : 200}
    />
  );
  return (
    <Stack>
      <Title order={1}>{t("admin.audit")}</Title>
      <Group align="flex-end">
        {field("actorLogin", t("admin.actor"))}
        {field("objectType", t("admin.objectType"))}
        {field("objectId", t("admin.objectId"))}
        {field("action", t("admin.action"))}
        {field("from", t("admin.from"), "date")}
        {field("to", t("admin.to"), "date")}
        <Button onClick={() => setFilter(draft)}>{t("admin.filter")}</Button>
        <Anchor href={`/api/v1/audit/export?${qs}`} download>
          {t("admin.export")}
        </Anchor>
        {canVerify && (
          <Button variant="outline" onClick={() => verify.mutate()} loading={verify.isPending}>
            {t("admin.verify")}
          </Button>
        )}
      </Group>
      {verify.data && (
        <Alert color={verify.data.ok ? "teal" : "red"} role="status">
          {verify.data.ok
            ? t("admin.chainOk", { count: verify.data.checked })
            : t("admin.chainBad", { seq: verify.data.firstBad?.seq, problem: verify.data.firstBad?.problem })}
        </Alert>
      )}
      {entries.error && (
        <Alert color="red" role="alert">
          {entries.error.message}
        </Alert>
      )}
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("admin.at")}</Table.Th>
            <Table.Th>{t("admin.actor")}</Table.Th>
            <Table.Th>{t("admin.action")}</Table.Th>
            <Table.Th>{t("admin.object")}</Table.Th>
            <Table.Th>{t("admin.address")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(entries.data?.items ?? []).map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{e.at.replace("T", " ").slice(0, 19)}</Table.Td>
              <Table.Td>{e.actorLogin ?? "—"}</Table.Td>
              <Table.Td>
                <Code>{e.action}</Code>
              </Table.Td>
              <Table.Td>
                {e.objectType}
                {e.objectId ? ` ${e.objectId.slice(0, 8)}` : ""}
              </Table.Td>
              <Table.Td>{e.address ?? "—"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {(entries.data?.items.length ?? 0) >= limit && (
        <Button variant="subtle" onClick={() => setLimit(limit + 100)}>
          {t("admin.more")}
        </Button>
      )}
    </Stack>
  );
}
