import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { DIRECTIONS, type Direction } from "../../../../src/core/coordination/rules.js";
import { api } from "../../api";
import { formatInstant } from "../../localTime";
import { useLang } from "../../useLang";
import { ClauseBadge, ErrorAlert } from "../passes/shared";
import { type PlanContentJson, PlanEditor } from "./PlanEditor";
import type { PlanSummaryJson } from "./PlansPage";
import { CoordStatus, PartyName } from "./shared";

interface PlanJson extends PlanSummaryJson {
  content: PlanContentJson;
  parties: { party: string; code: string; nameKk: string; nameRu: string; nameEn: string | null }[];
  versions: { version: number; note: string; createdByName: string; createdAt: string }[];
  events: {
    version: number;
    action: string;
    party: string | null;
    actorName: string;
    reason: string | null;
    at: string;
  }[];
  tasks: (PlanContentJson["tasks"][number] & { status: string; note: string; overdue: boolean })[];
  approvalClause: string;
  agreementClause: string;
  allowed: string[];
}

const ACTION_PATH: Record<string, string> = {
  AGREE: "agree",
  SUBMIT: "submit",
  APPROVE: "approve",
  RETURN: "return",
};

/** One plan: its newest version, agreement and approval, task progress, versions with their differences. */
export function PlanPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const { tr, lang, name: unitName } = useLang();
  const client = useQueryClient();
  const plan = useQuery({ queryKey: ["plan", id], queryFn: () => api<PlanJson>(`/api/v1/plans/${id}`) });
  const [reason, setReason] = useState("");
  const [editing, setEditing] = useState<PlanContentJson | null>(null);
  const [note, setNote] = useState("");
  const done = (data: PlanJson) => {
    client.setQueryData(["plan", id], data);
    void client.invalidateQueries({ queryKey: ["plans"] });
  };
  const act = useMutation({
    mutationFn: (action: string) =>
      api<PlanJson>(`/api/v1/plans/${id}/${ACTION_PATH[action]}`, {
        method: "POST",
        body: { expectedVersion: plan.data?.version, ...(reason.trim() ? { reason } : {}) },
      }),
    onSuccess: done,
  });
  const save = useMutation({
    mutationFn: () =>
      api<PlanJson>(`/api/v1/plans/${id}/versions`, {
        method: "POST",
        body: { expectedVersion: plan.data?.version, content: editing, ...(note.trim() ? { note } : {}) },
      }),
    onSuccess: (data) => {
      setEditing(null);
      done(data);
    },
  });
  const progress = useMutation({
    mutationFn: ({ key, status }: { key: string; status: string }) =>
      api<PlanJson>(`/api/v1/plans/${id}/tasks/${key}/progress`, { method: "POST", body: { status } }),
    onSuccess: done,
  });
  if (plan.error) return <ErrorAlert error={plan.error} />;
  const p = plan.data;
  if (!p) return <Text>…</Text>;
  return (
    <Stack maw={1100}>
      <Title order={1}>{p.content.title}</Title>
      <Group gap="xs">
        <CoordStatus status={p.status} />
        <Text size="sm">{t("coord.plans.versionN", { n: p.version })}</Text>
        {p.approvedVersion !== null && (
          <Text size="sm">{t("coord.plans.inForce", { n: p.approvedVersion })}</Text>
        )}
        {p.isDemo && <Text size="sm">({t("coord.demo")})</Text>}
        <Anchor href={`/api/v1/plans/${p.id}/pdf?lang=${lang}`} target="_blank">
          {t("coord.print")}
        </Anchor>
      </Group>
      <Card withBorder>
        <Stack gap={4}>
          <Text>
            <b>{t("coord.plans.orderRef")}:</b> {p.orderRef}, {p.orderDate}
          </Text>
          <Group gap="xs">
            <Text>
              <b>{t("coord.plans.due")}:</b> {p.dueDate}
            </Text>
            <ClauseBadge clause={p.dueClause} />
            {p.overdue && (
              <Badge color="red.9" variant="outline">
                {t("coord.plans.overdue")}
              </Badge>
            )}
          </Group>
          {p.parties.map((party) => (
            <Text key={party.party}>
              <b>
                <PartyName party={party.party} />:
              </b>{" "}
              {unitName(party)} —{" "}
              {p.agreedBy.includes(party.party) ? t("coord.plans.agreed") : t("coord.plans.notAgreed")}
              {p.status === "SUBMITTED" &&
                ` · ${p.approvedBy.includes(party.party) ? t("coord.plans.approvedByParty") : t("coord.plans.awaitingApproval")}`}
            </Text>
          ))}
          <Group gap="xs">
            <Text size="sm">{t("coord.plans.rules")}</Text>
            <ClauseBadge clause={p.agreementClause} />
            <ClauseBadge clause={p.approvalClause} />
          </Group>
        </Stack>
      </Card>
      {(p.allowed.some((a) => a !== "EDIT") || act.error) && (
        <Card withBorder>
          <Stack>
            {p.allowed.includes("RETURN") && (
              <Textarea
                label={t("coord.plans.returnReason")}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                autosize
                minRows={1}
              />
            )}
            <ErrorAlert error={act.error} />
            <Group>
              {p.allowed
                .filter((a) => a !== "EDIT")
                .map((a) => (
                  <Button
                    key={a}
                    variant={a === "RETURN" ? "outline" : "filled"}
                    loading={act.isPending && act.variables === a}
                    onClick={() => act.mutate(a)}
                  >
                    {t(`coord.plans.action.${a}`)}
                  </Button>
                ))}
            </Group>
          </Stack>
        </Card>
      )}
      {p.allowed.includes("EDIT") && !editing && (
        <Group>
          <Button variant="outline" onClick={() => setEditing(structuredClone(p.content))}>
            {t("coord.plans.newVersion")}
          </Button>
        </Group>
      )}
      {editing && (
        <Card withBorder>
          <Stack>
            <Title order={2} size="h3">
              {t("coord.plans.newVersion")}
            </Title>
            <PlanEditor value={editing} onChange={setEditing} />
            <Textarea
              label={t("coord.plans.versionNote")}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              autosize
              minRows={1}
            />
            <ErrorAlert error={save.error} />
            <Group>
              <Button loading={save.isPending} onClick={() => save.mutate()}>
                {t("coord.plans.saveVersion")}
              </Button>
              <Button variant="default" onClick={() => setEditing(null)}>
                {t("coord.plans.cancel")}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      {p.content.summary && <Text>{p.content.summary}</Text>}
      <Title order={2} size="h3">
        {t("coord.plans.directions")}
      </Title>
      <List>
        {p.content.directions.map((d) => (
          <List.Item key={d}>
            {tr(DIRECTIONS[d as Direction]?.label)} ({DIRECTIONS[d as Direction]?.clause})
          </List.Item>
        ))}
      </List>
      {p.content.variants.length > 0 && (
        <>
          <Title order={2} size="h3">
            {t("coord.plans.variants")}
          </Title>
          {p.content.variants.map((v) => (
            <Card key={v.key} withBorder padding="sm">
              <Text fw={600}>{v.situation}</Text>
              {(["IAB", "NSC", "CUSTOMS"] as const).map((party) => (
                <Text key={party} size="sm">
                  <PartyName party={party} />: {v.actions[party]}
                </Text>
              ))}
            </Card>
          ))}
        </>
      )}
      <Title order={2} size="h3">
        {t("coord.plans.tasks")}
      </Title>
      <ErrorAlert error={progress.error} />
      <Table.ScrollContainer minWidth={760}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("coord.plans.task")}</Table.Th>
              <Table.Th>{t("coord.plans.owner")}</Table.Th>
              <Table.Th>{t("coord.plans.dueDate")}</Table.Th>
              <Table.Th>{t("coord.acts.status")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.tasks.map((task) => (
              <Table.Tr key={task.key}>
                <Table.Td>{task.text}</Table.Td>
                <Table.Td>
                  <PartyName party={task.owner} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  {task.dueDate}{" "}
                  {task.overdue && (
                    <Badge color="red.9" variant="outline">
                      {t("coord.plans.overdue")}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={t("coord.plans.progressFor", { task: task.text })}
                    data={["OPEN", "IN_PROGRESS", "DONE"].map((s) => ({
                      value: s,
                      label: t(`coord.status.${s}`),
                    }))}
                    value={task.status}
                    onChange={(status) => status && progress.mutate({ key: task.key, status })}
                    allowDeselect={false}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Versions key={p.version} plan={p} />
      <Title order={2} size="h3">
        {t("coord.plans.history")}
      </Title>
      <List>
        {p.events.map((e) => (
          <List.Item key={`${e.at}-${e.action}-${e.party}`}>
            {formatInstant(e.at)} — {t(`coord.plans.event.${e.action}`, { defaultValue: e.action })} (v
            {e.version}
            {e.party ? `, ${t(`coord.party.${e.party}`)}` : ""}) — {e.actorName}
            {e.reason ? `: ${e.reason}` : ""}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

/** The versions of a plan and the differences between any two of them. */
function Versions({ plan }: { plan: PlanJson }) {
  const { t } = useTranslation();
  const last = plan.versions.length;
  const [from, setFrom] = useState(String(Math.max(1, last - 1)));
  const [to, setTo] = useState(String(last));
  const diff = useQuery({
    queryKey: ["plan-diff", plan.id, from, to, plan.version],
    queryFn: () =>
      api<{ kind: string; path: string; from?: unknown; to?: unknown }[]>(
        `/api/v1/plans/${plan.id}/diff?from=${from}&to=${to}`,
      ),
    enabled: last > 1,
  });
  const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
  const data = plan.versions.map((v) => ({
    value: String(v.version),
    label: `v${v.version} — ${v.createdByName}${v.note ? `: ${v.note}` : ""}`,
  }));
  return (
    <Stack>
      <Title order={2} size="h3">
        {t("coord.plans.versions")}
      </Title>
      {last < 2 ? (
        <Text>{t("coord.plans.oneVersion")}</Text>
      ) : (
        <>
          <Group grow>
            <Select
              label={t("coord.plans.compareFrom")}
              data={data}
              value={from}
              onChange={(v) => v && setFrom(v)}
              allowDeselect={false}
            />
            <Select
              label={t("coord.plans.compareTo")}
              data={data}
              value={to}
              onChange={(v) => v && setTo(v)}
              allowDeselect={false}
            />
          </Group>
          <ErrorAlert error={diff.error} />
          {diff.data && diff.data.length === 0 && <Text>{t("coord.plans.noChanges")}</Text>}
          <List>
            {(diff.data ?? []).map((c) => (
              <List.Item key={`${c.kind}-${c.path}`}>
                <b>{t(`coord.plans.change.${c.kind}`)}</b> {c.path}
                {c.kind === "changed" && `: «${show(c.from)}» → «${show(c.to)}»`}
                {c.kind === "added" && `: ${show(c.to)}`}
                {c.kind === "removed" && `: ${show(c.from)}`}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Stack>
  );
}
