import { Anchor, Button, Card, Group, Stack, Table, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { HANDOVER_KINDS } from "../../../../src/core/coordination/rules.js";
import { api } from "../../api";
import { formatInstant } from "../../localTime";
import { useLang } from "../../useLang";
import { ClauseBadge, ErrorAlert } from "../passes/shared";
import type { ActSummary } from "./HandoversPage";
import { CoordStatus } from "./shared";

interface ActJson extends ActSummary {
  giverSignature: { name: string; at: string } | null;
  receiverSignature: { name: string; at: string } | null;
  contentHash: string | null;
  closingNote: string | null;
  items: {
    id: string;
    kind: keyof typeof HANDOVER_KINDS;
    description: string;
    quantity: string;
    person: { fullName: string; birthDate?: string; citizenship: string; document?: string } | null;
    custodianUnitId: string;
    discrepancy?: string | null;
  }[];
  allowed: string[];
}

const PATHS: Record<string, string> = {
  SIGN_GIVE: "sign-give",
  SIGN_RECEIVE: "sign-receive",
  REFUSE: "refuse",
  CANCEL: "cancel",
};

/** One handover act: inventory, custodians, both signatures, and the actions open to this officer. */
export function HandoverActPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const { tr, lang, name: unitName } = useLang();
  const client = useQueryClient();
  const act = useQuery({
    queryKey: ["handover", id],
    queryFn: () => api<ActJson>(`/api/v1/handovers/${id}`),
  });
  const [reason, setReason] = useState("");
  const [notes, setNotes] = useState<Record<string, string>>({});
  const action = useMutation({
    mutationFn: (name: string) =>
      api<ActJson>(`/api/v1/handovers/${id}/${PATHS[name]}`, {
        method: "POST",
        body: {
          ...(name === "SIGN_RECEIVE" && act.data?.contentHash ? { contentHash: act.data.contentHash } : {}),
          ...(name === "SIGN_RECEIVE"
            ? {
                discrepancies: Object.entries(notes)
                  .filter(([, note]) => note.trim())
                  .map(([itemId, note]) => ({ itemId, note })),
              }
            : {}),
          ...(reason.trim() && (name === "REFUSE" || name === "CANCEL") ? { reason } : {}),
        },
      }),
    onSuccess: (data) => {
      client.setQueryData(["handover", id], data);
      void client.invalidateQueries({ queryKey: ["handovers"] });
    },
  });
  if (act.error) return <ErrorAlert error={act.error} />;
  const a = act.data;
  if (!a) return <Text>{t("common.loading", { defaultValue: "…" })}</Text>;
  const receiving = a.allowed.includes("SIGN_RECEIVE");
  const holder = (unitId: string) =>
    unitId === a.giver.unitId
      ? unitName(a.giver)
      : unitId === a.receiver.unitId
        ? unitName(a.receiver)
        : unitId;
  return (
    <Stack maw={1100}>
      <Title order={1}>{t("coord.acts.actTitle", { number: a.number })}</Title>
      <Group gap="xs">
        <CoordStatus status={a.status} />
        <ClauseBadge clause={a.clause} />
        {a.isDemo && <Text size="sm">({t("coord.demo")})</Text>}
        <Anchor href={`/api/v1/handovers/${a.id}/pdf?lang=${lang}`} target="_blank">
          {t("coord.print")}
        </Anchor>
      </Group>
      <Card withBorder>
        <Stack gap={4}>
          <Text>
            <b>{t("coord.acts.giver")}:</b> {unitName(a.giver)}
          </Text>
          <Text>
            <b>{t("coord.acts.receiver")}:</b> {unitName(a.receiver)}
          </Text>
          <Text>
            <b>{t("coord.acts.place")}:</b> {a.place}
          </Text>
          <Text>
            <b>{t("coord.acts.basis")}:</b> {a.basis}
          </Text>
          <Text>
            <b>{t("coord.acts.giverSignature")}:</b>{" "}
            {a.giverSignature
              ? `${a.giverSignature.name}, ${formatInstant(a.giverSignature.at)}`
              : t("coord.acts.notSigned")}
          </Text>
          <Text>
            <b>{t("coord.acts.receiverSignature")}:</b>{" "}
            {a.receiverSignature
              ? `${a.receiverSignature.name}, ${formatInstant(a.receiverSignature.at)}`
              : t("coord.acts.notSigned")}
          </Text>
          {a.closingNote && (
            <Text>
              <b>{t("coord.acts.reason")}:</b> {a.closingNote}
            </Text>
          )}
        </Stack>
      </Card>
      <Title order={2} size="h3">
        {t("coord.acts.inventory")}
      </Title>
      <Table.ScrollContainer minWidth={760}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>№</Table.Th>
              <Table.Th>{t("coord.acts.kind")}</Table.Th>
              <Table.Th>{t("coord.acts.description")}</Table.Th>
              <Table.Th>{t("coord.acts.quantity")}</Table.Th>
              <Table.Th>{t("coord.acts.custodian")}</Table.Th>
              <Table.Th>{t("coord.acts.discrepancy")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {a.items.map((item, i) => (
              <Table.Tr key={item.id}>
                <Table.Td>{i + 1}</Table.Td>
                <Table.Td>{tr(HANDOVER_KINDS[item.kind]?.label)}</Table.Td>
                <Table.Td>
                  {item.person && (
                    <Text size="sm" fw={600}>
                      {[
                        item.person.fullName,
                        item.person.birthDate,
                        item.person.citizenship,
                        item.person.document,
                      ]
                        .filter(Boolean)
                        .join(", ")}
                    </Text>
                  )}
                  <Text size="sm">{item.description}</Text>
                </Table.Td>
                <Table.Td>{item.quantity}</Table.Td>
                <Table.Td>{holder(item.custodianUnitId)}</Table.Td>
                <Table.Td>
                  {receiving ? (
                    <TextInput
                      aria-label={t("coord.acts.discrepancyFor", { n: i + 1 })}
                      value={notes[item.id] ?? ""}
                      onChange={(e) => {
                        const value = e.currentTarget.value;
                        setNotes((n) => ({ ...n, [item.id]: value }));
                      }}
                    />
                  ) : (
                    (item.discrepancy ?? "")
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {a.allowed.length > 0 && (
        <Card withBorder>
          <Stack>
            <Text>{t(receiving ? "coord.acts.receiveHelp" : "coord.acts.giveHelp")}</Text>
            {(a.allowed.includes("REFUSE") || a.allowed.includes("CANCEL")) && (
              <Textarea
                label={t("coord.acts.reason")}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                autosize
                minRows={1}
              />
            )}
            <ErrorAlert error={action.error} />
            <Group>
              {a.allowed.map((name) => (
                <Button
                  key={name}
                  color={name === "REFUSE" || name === "CANCEL" ? "red.9" : undefined}
                  variant={name === "REFUSE" || name === "CANCEL" ? "outline" : "filled"}
                  loading={action.isPending && action.variables === name}
                  onClick={() => action.mutate(name)}
                >
                  {t(`coord.acts.action.${name}`)}
                </Button>
              ))}
            </Group>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
