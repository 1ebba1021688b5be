import { Anchor, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { HANDOVER_KIND_CODES, HANDOVER_KINDS } from "../../../../src/core/coordination/rules.js";
import { api } from "../../api";
import { useMe } from "../../session";
import { useLang } from "../../useLang";
import { ErrorAlert } from "../passes/shared";
import { CoordStatus, type UnitRef } from "./shared";

/** An act in the list. */
export interface ActSummary {
  id: string;
  number: string;
  status: string;
  place: string;
  basis: string;
  clause: string;
  giver: UnitRef;
  receiver: UnitRef;
  createdAt: string;
  isDemo: boolean;
}

/** Handover acts of the officer's unit: the list and a form for a new act. */
export function HandoversPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { name: unitName } = useLang();
  const acts = useQuery({ queryKey: ["handovers"], queryFn: () => api<ActSummary[]>("/api/v1/handovers") });
  const canManage = me.data?.permissions.includes("handovers.manage") ?? false;
  return (
    <Stack maw={1100}>
      <Title order={1}>{t("coord.acts.title")}</Title>
      <Text>{t("coord.acts.intro")}</Text>
      {canManage && <NewActForm />}
      <Title order={2} size="h3">
        {t("coord.acts.list")}
      </Title>
      <ErrorAlert error={acts.error} />
      {acts.data && acts.data.length === 0 && <Text>{t("coord.acts.empty")}</Text>}
      {acts.data && acts.data.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("coord.acts.number")}</Table.Th>
                <Table.Th>{t("coord.acts.giver")}</Table.Th>
                <Table.Th>{t("coord.acts.receiver")}</Table.Th>
                <Table.Th>{t("coord.acts.date")}</Table.Th>
                <Table.Th>{t("coord.acts.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {acts.data.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/handovers/${a.id}`}>
                      {a.number}
                    </Anchor>
                    {a.isDemo && ` (${t("coord.demo")})`}
                  </Table.Td>
                  <Table.Td>{unitName(a.giver)}</Table.Td>
                  <Table.Td>{unitName(a.receiver)}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{a.createdAt.slice(0, 10)}</Table.Td>
                  <Table.Td>
                    <CoordStatus status={a.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

interface Line {
  kind: string;
  description: string;
  quantity: string;
  fullName: string;
  birthDate: string;
  citizenship: string;
  document: string;
  itemId?: string;
}
const emptyLine = (): Line => ({
  kind: "GOODS",
  description: "",
  quantity: "1",
  fullName: "",
  birthDate: "",
  citizenship: "",
  document: "",
});

/** The giving officer draws up an act: receiver, place, basis and the inventory. */
function NewActForm() {
  const { t } = useTranslation();
  const { tr, name: unitName } = useLang();
  const navigate = useNavigate();
  const receivers = useQuery({
    queryKey: ["handover-receivers"],
    queryFn: () => api<(UnitRef & { id: string })[]>("/api/v1/handovers/receivers"),
  });
  const custody = useQuery({
    queryKey: ["handover-custody"],
    queryFn: () =>
      api<{ id: string; kind: string; description: string; pendingActId: string | null }[]>(
        "/api/v1/handovers/custody",
      ),
  });
  const [receiver, setReceiver] = useState<string | null>(null);
  const [place, setPlace] = useState("");
  const [basis, setBasis] = useState("");
  const [lines, setLines] = useState<Line[]>([emptyLine()]);
  const create = useMutation({
    mutationFn: () =>
      api<{ id: string }>("/api/v1/handovers", {
        method: "POST",
        body: {
          receiverUnitId: receiver,
          place,
          basis,
          items: lines.map((l) =>
            l.itemId
              ? { itemId: l.itemId }
              : {
                  kind: l.kind,
                  description: l.description,
                  quantity: l.quantity,
                  ...(HANDOVER_KINDS[l.kind as keyof typeof HANDOVER_KINDS]?.person
                    ? {
                        person: {
                          fullName: l.fullName,
                          citizenship: l.citizenship,
                          ...(l.birthDate ? { birthDate: l.birthDate } : {}),
                          ...(l.document ? { document: l.document } : {}),
                        },
                      }
                    : {}),
                },
          ),
        },
      }),
    onSuccess: (act) => navigate(`/handovers/${act.id}`),
  });
  const set = (i: number, patch: Partial<Line>) =>
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const free = (custody.data ?? []).filter((c) => !c.pendingActId);
  return (
    <Card withBorder>
      <form onSubmit={submit}>
        <Stack>
          <Title order={2} size="h3">
            {t("coord.acts.new")}
          </Title>
          <Select
            label={t("coord.acts.receiver")}
            required
            data={(receivers.data ?? []).map((u) => ({ value: u.id, label: `${unitName(u)} (${u.code})` }))}
            value={receiver}
            onChange={setReceiver}
            searchable
          />
          <Group grow>
            <TextInput
              label={t("coord.acts.place")}
              required
              value={place}
              onChange={(e) => setPlace(e.currentTarget.value)}
            />
            <TextInput
              label={t("coord.acts.basis")}
              required
              value={basis}
              onChange={(e) => setBasis(e.currentTarget.value)}
            />
          </Group>
          <Title order={3} size="h4">
            {t("coord.acts.inventory")}
          </Title>
          {lines.map((l, i) => {
            const n = i + 1;
            const isPerson = HANDOVER_KINDS[l.kind as keyof typeof HANDOVER_KINDS]?.person ?? false;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity until saved
              <Card key={i} withBorder padding="sm">
                <Stack gap="xs">
                  {l.itemId ? (
                    <Text>
                      {n}. {free.find((f) => f.id === l.itemId)?.description}
                    </Text>
                  ) : (
                    <>
                      <Group grow align="end">
                        <Select
                          label={t("coord.acts.lineKind", { n })}
                          data={HANDOVER_KIND_CODES.map((k) => ({
                            value: k,
                            label: tr(HANDOVER_KINDS[k].label),
                          }))}
                          value={l.kind}
                          onChange={(v) => set(i, { kind: v ?? "GOODS" })}
                          allowDeselect={false}
                        />
                        <TextInput
                          label={t("coord.acts.lineDescription", { n })}
                          required
                          value={l.description}
                          onChange={(e) => set(i, { description: e.currentTarget.value })}
                        />
                        <TextInput
                          label={t("coord.acts.lineQuantity", { n })}
                          required
                          value={l.quantity}
                          onChange={(e) => set(i, { quantity: e.currentTarget.value })}
                        />
                      </Group>
                      {isPerson && (
                        <Group grow>
                          <TextInput
                            label={t("coord.acts.fullName", { n })}
                            required
                            value={l.fullName}
                            onChange={(e) => set(i, { fullName: e.currentTarget.value })}
                          />
                          <TextInput
                            label={t("coord.acts.birthDate", { n })}
                            placeholder="YYYY-MM-DD"
                            value={l.birthDate}
                            onChange={(e) => set(i, { birthDate: e.currentTarget.value })}
                          />
                          <TextInput
                            label={t("coord.acts.citizenship", { n })}
                            required
                            value={l.citizenship}
                            onChange={(e) => set(i, { citizenship: e.currentTarget.value })}
                          />
                          <TextInput
                            label={t("coord.acts.document", { n })}
                            value={l.document}
                            onChange={(e) => set(i, { document: e.currentTarget.value })}
                          />
                        </Group>
                      )}
                    </>
                  )}
                  {lines.length > 1 && (
                    <Group>
                      <Button
                        variant="default"
                        onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}
                      >
                        {t("coord.acts.removeLine", { n })}
                      </Button>
                    </Group>
                  )}
                </Stack>
              </Card>
            );
          })}
          <Group>
            <Button variant="outline" onClick={() => setLines((ls) => [...ls, emptyLine()])}>
              {t("coord.acts.addLine")}
            </Button>
            {free.length > 0 && (
              <Select
                aria-label={t("coord.acts.fromCustody")}
                placeholder={t("coord.acts.fromCustody")}
                data={free
                  .filter((f) => !lines.some((l) => l.itemId === f.id))
                  .map((f) => ({
                    value: f.id,
                    label: `${tr(HANDOVER_KINDS[f.kind as keyof typeof HANDOVER_KINDS]?.label)}: ${f.description}`,
                  }))}
                value={null}
                onChange={(v) => v && setLines((ls) => [...ls, { ...emptyLine(), itemId: v }])}
              />
            )}
          </Group>
          <ErrorAlert error={create.error} />
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t("coord.acts.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
