import { Alert, Anchor, Badge, Button, Card, Group, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api } from "../../api";
import { useMe } from "../../session";
import { useLang } from "../../useLang";
import { ClauseBadge, ErrorAlert } from "../passes/shared";
import { formatInstant, type Message, useClasses } from "./shared";

/** One message: template fields, addressees with their receipts, deadlines it created or discharged. */
export function MessagePage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { tr, name: unit } = useLang();
  const me = useMe();
  const client = useQueryClient();
  const classes = useClasses();
  const message = useQuery({
    queryKey: ["exchange", "message", id],
    queryFn: () => api<Message>(`/api/v1/exchange/messages/${id}`),
  });
  const ack = useMutation({
    mutationFn: () => api<Message>(`/api/v1/exchange/messages/${id}/ack`, { method: "POST", body: {} }),
    onSuccess: (data) => {
      client.setQueryData(["exchange", "message", id], data);
      void client.invalidateQueries({ queryKey: ["exchange", "messages"] });
    },
  });
  if (message.isPending) return <Loader aria-label={t("common.loading")} />;
  if (!message.data) return <ErrorAlert error={message.error} />;
  const m = message.data;
  const cls = classes.data?.items.find((c) => c.id === m.classId);
  const topic = cls?.topics.find((x) => x.code === m.topic);
  const mine = m.addressees.find((a) => a.unitId === me.data?.unitId);
  const openConfirmation = m.obligations.find((o) => o.role === "CREATED" && !o.deliveredAt);
  const value = (v: unknown): string => {
    if (Array.isArray(v)) {
      return v
        .map((p) =>
          Object.values(p as Record<string, unknown>)
            .filter(Boolean)
            .join(", "),
        )
        .join("; ");
    }
    if (typeof v === "boolean") return v ? t("exchange.compose.yes") : t("exchange.compose.no");
    return String(v ?? "");
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>
          {tr(cls?.name) || m.classId} — {t(`exchange.mode.${m.mode}`)}
        </Title>
        <Group>
          <ClauseBadge clause={m.clause} />
          {m.officialUse && <Badge color="red.9">{t("exchange.detail.officialUse")}</Badge>}
          {m.isDemo && <Badge color="gray.7">{t("exchange.detail.demo")}</Badge>}
        </Group>
      </Group>
      <Text>
        {tr(topic?.label) || m.topic} · {unit(m.sender)} · {formatInstant(m.sentAt)}
        {m.authorName ? ` · ${m.authorName}` : ""}
      </Text>
      <ErrorAlert error={ack.error} />
      {mine && !mine.acknowledgedAt && (
        <Button onClick={() => ack.mutate()} loading={ack.isPending} w="fit-content">
          {t("exchange.detail.acknowledge")}
        </Button>
      )}
      {openConfirmation && m.sender.unitId === me.data?.unitId && (
        <Alert
          color="orange.9"
          title={t("exchange.detail.created", { due: formatInstant(openConfirmation.dueAt) })}
        >
          <Button component={Link} to={`/exchange/compose?confirms=${m.id}`}>
            {t("exchange.detail.confirmNow")}
          </Button>
        </Alert>
      )}
      <Card withBorder>
        <Table>
          <Table.Tbody>
            {(topic?.fields ?? []).map((f) =>
              m.payload[f.name] === undefined ? null : (
                <Table.Tr key={f.name}>
                  <Table.Th w="35%">{tr(f.label)}</Table.Th>
                  <Table.Td>
                    {f.type === "choice"
                      ? tr(f.options?.find((o) => o.code === m.payload[f.name])?.label)
                      : value(m.payload[f.name])}
                  </Table.Td>
                </Table.Tr>
              ),
            )}
            {m.passedTo && (
              <Table.Tr>
                <Table.Th>{t("exchange.detail.passedTo")}</Table.Th>
                <Table.Td>{m.passedTo}</Table.Td>
              </Table.Tr>
            )}
            {m.period && (
              <Table.Tr>
                <Table.Th>{t("exchange.detail.period")}</Table.Th>
                <Table.Td>{m.period}</Table.Td>
              </Table.Tr>
            )}
            {m.eventAt && (
              <Table.Tr>
                <Table.Th>{t("exchange.detail.eventAt")}</Table.Th>
                <Table.Td>{formatInstant(m.eventAt)}</Table.Td>
              </Table.Tr>
            )}
            {m.confirmsId && (
              <Table.Tr>
                <Table.Th>{t("exchange.detail.confirms")}</Table.Th>
                <Table.Td>
                  <Anchor component={Link} to={`/exchange/messages/${m.confirmsId}`}>
                    {m.confirmsId.slice(0, 8)}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            )}
            {m.freeText && (
              <Table.Tr>
                <Table.Th>{t("exchange.detail.freeText")}</Table.Th>
                <Table.Td style={{ whiteSpace: "pre-wrap" }}>{m.freeText}</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Card>
      {m.attachments.length > 0 && (
        <Stack gap={4}>
          <Title order={2}>{t("exchange.detail.attachments")}</Title>
          {m.attachments.map((a) => (
            <Anchor key={a.id} href={`/api/v1/exchange/messages/${m.id}/attachments/${a.id}`}>
              {a.fileName}
            </Anchor>
          ))}
        </Stack>
      )}
      <Title order={2}>{t("exchange.col.to")}</Title>
      <Table>
        <Table.Tbody>
          {m.addressees.map((a) => (
            <Table.Tr key={a.unitId}>
              <Table.Td>
                {unit(a)} ({t(`exchange.kind.${a.kind}`)})
              </Table.Td>
              <Table.Td>
                {a.acknowledgedAt
                  ? t("exchange.detail.acknowledged", {
                      at: formatInstant(a.acknowledgedAt),
                      name: a.acknowledgedByName ?? "",
                    })
                  : t("exchange.detail.notAcknowledged")}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {m.obligations.length > 0 && (
        <Stack gap={4}>
          <Title order={2}>{t("exchange.detail.obligations")}</Title>
          {m.obligations.map((o) => (
            <Group key={o.id} gap="xs">
              <ClauseBadge clause={o.clause} />
              <Text size="sm">
                {o.role === "CREATED"
                  ? t("exchange.detail.created", { due: formatInstant(o.dueAt) })
                  : t("exchange.detail.discharged", {
                      classId: o.classId,
                      period: o.period.length > 20 ? formatInstant(o.period) : o.period,
                      due: formatInstant(o.dueAt),
                    })}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
