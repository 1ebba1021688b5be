import {
  Badge,
  Button,
  Card,
  Group,
  Image,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { JOINT_KIND_CODES, JOINT_KINDS } from "../../../../src/core/coordination/joint.js";
import { PARTIES } from "../../../../src/core/coordination/rules.js";
import { api } from "../../api";
import { useMe } from "../../session";
import { localName, useLang } from "../../useLang";
import { formatInstant } from "../exchange/shared";
import { ClauseBadge, ErrorAlert } from "../passes/shared";
import { SectorForm } from "./SectorForm";
import { CoordStatus, PartyName, type Triad } from "./shared";

interface Activity {
  id: string;
  triadId: string;
  kind: keyof typeof JOINT_KINDS;
  clause: string;
  title: string;
  startsOn: string;
  endsOn: string | null;
  status: string;
  members: { party: string; name: string; position: string }[];
  details: Record<string, unknown>;
  tasks: { id: string; text: string; owner: string; dueDate: string; status: string; overdue: boolean }[];
  isDemo: boolean;
}
interface Sector {
  id: string;
  name: string;
  controlledBy: string;
  basis: string;
  validFrom: string;
  isDemo: boolean;
}

/** Joint activity of the officer's triads (X-11, X-13): sectors and their map, patrols, groups, meetings, documents. */
export function JointPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const me = useMe();
  const manage = me.data?.permissions.includes("coordination.manage") ?? false;
  const triads = useQuery({
    queryKey: ["coord-triads"],
    queryFn: () => api<Triad[]>("/api/v1/coordination/triads"),
  });
  const [picked, setPicked] = useState<string | null>(null);
  const triadId = picked ?? triads.data?.find((x) => x.level === 3)?.id ?? triads.data?.[0]?.id ?? null;
  const activities = useQuery({ queryKey: ["joint"], queryFn: () => api<Activity[]>("/api/v1/joint") });
  const sectors = useQuery({
    queryKey: ["sectors", triadId],
    queryFn: () => api<Sector[]>(`/api/v1/coordination/triads/${triadId}/sectors`),
    enabled: Boolean(triadId),
  });
  return (
    <Stack maw={1100}>
      <Title order={1}>{t("coord.joint.title")}</Title>
      <Text>{t("coord.joint.intro")}</Text>
      <ErrorAlert error={triads.error ?? activities.error} />
      {triads.data && triads.data.length === 0 && <Text>{t("coord.joint.noTriad")}</Text>}
      {triads.data && triads.data.length > 0 && (
        <Select
          label={t("coord.plans.triad")}
          data={triads.data.map((x) => ({ value: x.id, label: localName(x, lang) }))}
          value={triadId}
          onChange={setPicked}
          allowDeselect={false}
        />
      )}
      {triadId && (
        <Card withBorder>
          <Stack>
            <Group gap="xs">
              <Title order={2} size="h3">
                {t("coord.joint.sectors")}
              </Title>
              <ClauseBadge clause="X p.10.1" />
            </Group>
            <Image
              src={`/api/v1/coordination/triads/${triadId}/sectors.svg?lang=${lang}&v=${sectors.dataUpdatedAt}`}
              alt={t("coord.joint.mapAlt")}
              maw={640}
            />
            {sectors.data && sectors.data.length > 0 && (
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("coord.joint.sectorName")}</Table.Th>
                    <Table.Th>{t("coord.joint.controlledBy")}</Table.Th>
                    <Table.Th>{t("coord.acts.basis")}</Table.Th>
                    <Table.Th>{t("coord.joint.validFrom")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {sectors.data.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>{s.name}</Table.Td>
                      <Table.Td>
                        <PartyName party={s.controlledBy} />
                      </Table.Td>
                      <Table.Td>{s.basis}</Table.Td>
                      <Table.Td>{s.validFrom}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        </Card>
      )}
      {manage && triadId && (
        <SectorForm triadId={triadId} today={formatInstant(new Date().toISOString()).slice(0, 10)} />
      )}
      {manage && triadId && <NewActivity triadId={triadId} />}
      <Title order={2} size="h3">
        {t("coord.joint.activities")}
      </Title>
      {(activities.data ?? [])
        .filter((a) => a.triadId === triadId)
        .map((a) => (
          <ActivityCard key={a.id} activity={a} manage={manage} />
        ))}
    </Stack>
  );
}

const DETAIL_FIELDS: Record<keyof typeof JOINT_KINDS, string[]> = {
  PATROL: ["route", "schedule"],
  WORKING_GROUP: ["purpose"],
  MEETING: ["agenda"],
  ORDER: ["number", "text"],
};

function NewActivity({ triadId }: { triadId: string }) {
  const { t } = useTranslation();
  const { tr } = useLang();
  const client = useQueryClient();
  const [kind, setKind] = useState<keyof typeof JOINT_KINDS>("PATROL");
  const [title, setTitle] = useState("");
  const [startsOn, setStartsOn] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [form, setForm] = useState("OPERATIONAL");
  const [members, setMembers] = useState<{ party: string; name: string }[]>([
    { party: "IAB", name: "" },
    { party: "NSC", name: "" },
  ]);
  const create = useMutation({
    mutationFn: () => {
      const details: Record<string, unknown> = { ...fields };
      if (kind === "MEETING") {
        details.form = form;
        details.agenda = (fields.agenda ?? "").split("\n").filter((l) => l.trim());
      }
      if (kind === "ORDER") details.form = form === "OPERATIONAL" ? "ORDER" : form;
      return api<Activity>("/api/v1/joint", {
        method: "POST",
        body: { triadId, kind, title, startsOn, members: members.filter((m) => m.name.trim()), details },
      });
    },
    onSuccess: () => {
      setTitle("");
      setFields({});
      void client.invalidateQueries({ queryKey: ["joint"] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Card withBorder>
      <form onSubmit={submit}>
        <Stack>
          <Title order={2} size="h3">
            {t("coord.joint.new")}
          </Title>
          <Group grow>
            <Select
              label={t("coord.joint.kind")}
              data={JOINT_KIND_CODES.map((k) => ({ value: k, label: tr(JOINT_KINDS[k].label) }))}
              value={kind}
              onChange={(v) => v && setKind(v as keyof typeof JOINT_KINDS)}
              allowDeselect={false}
            />
            <TextInput
              label={t("coord.joint.titleField")}
              required
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
            />
            <TextInput
              label={t("coord.joint.startsOn")}
              placeholder="YYYY-MM-DD"
              required
              value={startsOn}
              onChange={(e) => setStartsOn(e.currentTarget.value)}
            />
          </Group>
          {(kind === "MEETING" || kind === "ORDER") && (
            <Select
              label={t("coord.joint.form")}
              data={(kind === "MEETING"
                ? ["BOARD", "COUNCIL", "OPERATIONAL"]
                : ["ORDER", "PLAN", "INSTRUCTION", "GUIDANCE"]
              ).map((f) => ({
                value: f,
                label: t(`coord.joint.forms.${f}`),
              }))}
              value={kind === "ORDER" && form === "OPERATIONAL" ? "ORDER" : form}
              onChange={(v) => v && setForm(v)}
              allowDeselect={false}
            />
          )}
          {DETAIL_FIELDS[kind].map((f) => (
            <Textarea
              key={`${kind}-${f}`}
              label={t(`coord.joint.field.${f}`)}
              required={f !== "number"}
              value={fields[f] ?? ""}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setFields((x) => ({ ...x, [f]: value }));
              }}
              autosize
              minRows={1}
            />
          ))}
          <Text fw={600}>{t("coord.joint.members")}</Text>
          {members.map((m, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: member rows have no identity until saved
            <Group key={i} grow>
              <Select
                label={t("coord.joint.memberParty", { n: i + 1 })}
                data={PARTIES.map((p) => ({ value: p, label: t(`coord.party.${p}`) }))}
                value={m.party}
                onChange={(v) =>
                  v && setMembers((ms) => ms.map((x, j) => (j === i ? { ...x, party: v } : x)))
                }
                allowDeselect={false}
              />
              <TextInput
                label={t("coord.joint.memberName", { n: i + 1 })}
                value={m.name}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setMembers((ms) => ms.map((x, j) => (j === i ? { ...x, name: value } : x)));
                }}
              />
            </Group>
          ))}
          <Group>
            <Button
              variant="outline"
              onClick={() => setMembers((ms) => [...ms, { party: "CUSTOMS", name: "" }])}
            >
              {t("coord.joint.addMember")}
            </Button>
          </Group>
          <ErrorAlert error={create.error} />
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t("coord.joint.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function ActivityCard({ activity: a, manage }: { activity: Activity; manage: boolean }) {
  const { t } = useTranslation();
  const { tr } = useLang();
  const client = useQueryClient();
  const closeField = JOINT_KINDS[a.kind].closeField;
  const [text, setText] = useState("");
  const [task, setTask] = useState({ text: "", owner: "IAB", dueDate: "" });
  const refresh = () => void client.invalidateQueries({ queryKey: ["joint"] });
  const close = useMutation({
    mutationFn: () =>
      api<Activity>(`/api/v1/joint/${a.id}`, {
        method: "PATCH",
        body: { status: "DONE", details: { ...a.details, ...(closeField ? { [closeField]: text } : {}) } },
      }),
    onSuccess: refresh,
  });
  const addTask = useMutation({
    mutationFn: () => api<Activity>(`/api/v1/joint/${a.id}/tasks`, { method: "POST", body: task }),
    onSuccess: () => {
      setTask({ text: "", owner: "IAB", dueDate: "" });
      refresh();
    },
  });
  const doneTask = useMutation({
    mutationFn: (taskId: string) =>
      api<Activity>(`/api/v1/joint/${a.id}/tasks/${taskId}/done`, { method: "POST" }),
    onSuccess: refresh,
  });
  const shown = Object.entries(a.details).filter(([, v]) => (Array.isArray(v) ? v.length : v !== ""));
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Group gap="xs">
          <Title order={3} size="h4">
            {a.title}
          </Title>
          <Badge variant="outline" color="gray.9">
            {tr(JOINT_KINDS[a.kind].label)}
          </Badge>
          <CoordStatus status={a.status} />
          <ClauseBadge clause={a.clause} />
          {a.isDemo && <Text size="sm">({t("coord.demo")})</Text>}
        </Group>
        <Text size="sm">
          {a.startsOn}
          {a.endsOn && a.endsOn !== a.startsOn ? ` — ${a.endsOn}` : ""}
        </Text>
        {shown.map(([k, v]) => (
          <Text key={k} size="sm">
            <b>{t(`coord.joint.field.${k}`, { defaultValue: k })}:</b>{" "}
            {Array.isArray(v) ? v.join("; ") : k === "form" ? t(`coord.joint.forms.${String(v)}`) : String(v)}
          </Text>
        ))}
        {a.members.length > 0 && (
          <Text size="sm">
            <b>{t("coord.joint.members")}:</b>{" "}
            {a.members
              .map((m) => `${m.name}${m.position ? ` (${m.position})` : ""} — ${t(`coord.party.${m.party}`)}`)
              .join("; ")}
          </Text>
        )}
        {a.tasks.length > 0 && (
          <Stack gap={4}>
            <Text fw={600}>{t("coord.plans.tasks")}</Text>
            {a.tasks.map((x) => (
              <Group key={x.id} gap="xs">
                <Text size="sm">
                  {x.text} — <PartyName party={x.owner} />, {x.dueDate}
                </Text>
                <CoordStatus status={x.status} />
                {x.overdue && (
                  <Badge color="red.9" variant="outline">
                    {t("coord.plans.overdue")}
                  </Badge>
                )}
                {x.status !== "DONE" && (
                  <Button size="compact-sm" variant="outline" onClick={() => doneTask.mutate(x.id)}>
                    {t("coord.joint.markDone")}
                  </Button>
                )}
              </Group>
            ))}
          </Stack>
        )}
        <ErrorAlert error={close.error ?? addTask.error ?? doneTask.error} />
        {manage && a.status !== "DONE" && (a.kind === "WORKING_GROUP" || a.kind === "MEETING") && (
          <Group grow align="end">
            <TextInput
              label={t("coord.joint.newTask")}
              value={task.text}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setTask((x) => ({ ...x, text: value }));
              }}
            />
            <Select
              label={t("coord.plans.owner")}
              data={PARTIES.map((p) => ({ value: p, label: t(`coord.party.${p}`) }))}
              value={task.owner}
              onChange={(v) => v && setTask((x) => ({ ...x, owner: v }))}
              allowDeselect={false}
            />
            <TextInput
              label={t("coord.plans.dueDate")}
              placeholder="YYYY-MM-DD"
              value={task.dueDate}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setTask((x) => ({ ...x, dueDate: value }));
              }}
            />
            <Button variant="outline" onClick={() => addTask.mutate()}>
              {t("coord.joint.addTask")}
            </Button>
          </Group>
        )}
        {manage && a.status !== "DONE" && closeField && (
          <Group grow align="end">
            <Textarea
              label={t(`coord.joint.field.${closeField}`)}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              autosize
              minRows={1}
            />
            <Button onClick={() => close.mutate()}>{t("coord.joint.close")}</Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
