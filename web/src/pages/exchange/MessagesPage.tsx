import { Anchor, Badge, Button, Group, Loader, Stack, Table, Tabs, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { api } from "../../api";
import { useMe } from "../../session";
import { useLang } from "../../useLang";
import { ErrorAlert } from "../passes/shared";
import { formatInstant, type Message, useClasses } from "./shared";

const BOXES = ["inbox", "outbox", "duty"] as const;

/** Inbox, sent messages and the duty log of the exchange (X p.5). */
export function MessagesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const box = BOXES.find((b) => b === params.get("box")) ?? "inbox";
  const list = useQuery({
    queryKey: ["exchange", "messages", box],
    queryFn: () => api<{ items: Message[] }>(`/api/v1/exchange/messages?box=${box}&limit=100`),
  });
  const permissions = me.data?.permissions ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t("exchange.messages.title")}</Title>
        <Group>
          {permissions.includes("exchange.send") && (
            <Button component={Link} to="/exchange/compose">
              {t("exchange.messages.compose")}
            </Button>
          )}
          {permissions.includes("exchange.duty") && (
            <Button component={Link} to="/exchange/compose?mode=ORAL" variant="light">
              {t("exchange.messages.logOral")}
            </Button>
          )}
        </Group>
      </Group>
      <Tabs
        value={box}
        onChange={(v) => setParams({ box: v ?? "inbox" }, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          {BOXES.map((b) => (
            <Tabs.Tab key={b} value={b}>
              {t(`exchange.messages.${b}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {BOXES.map((b) => (
          <Tabs.Panel key={b} value={b} pt="md">
            {list.isPending && <Loader aria-label={t("common.loading")} />}
            <ErrorAlert error={list.error} />
            {list.data && <MessageTable items={list.data.items} />}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

function MessageTable({ items }: { items: Message[] }) {
  const { t } = useTranslation();
  const { tr, name: unit } = useLang();
  const classes = useClasses();
  if (items.length === 0) return <Text>{t("exchange.messages.empty")}</Text>;
  const classOf = (id: string) => classes.data?.items.find((c) => c.id === id);
  return (
    <Table striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("exchange.col.sentAt")}</Table.Th>
          <Table.Th>{t("exchange.col.class")}</Table.Th>
          <Table.Th>{t("exchange.col.topic")}</Table.Th>
          <Table.Th>{t("exchange.col.from")}</Table.Th>
          <Table.Th>{t("exchange.col.receipts")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((m) => {
          const cls = classOf(m.classId);
          const topic = cls?.topics.find((x) => x.code === m.topic);
          const acked = m.addressees.filter((a) => a.acknowledgedAt).length;
          return (
            <Table.Tr key={m.id}>
              <Table.Td>
                <Anchor component={Link} to={`/exchange/messages/${m.id}`}>
                  {formatInstant(m.sentAt)}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Text size="sm">{tr(cls?.name) || m.classId}</Text>
                  <Badge variant="outline" color="gray.8">
                    {t(`exchange.mode.${m.mode}`)}
                  </Badge>
                </Group>
              </Table.Td>
              <Table.Td>{tr(topic?.label) || m.topic}</Table.Td>
              <Table.Td>{unit(m.sender)}</Table.Td>
              <Table.Td>
                {acked}/{m.addressees.length}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
