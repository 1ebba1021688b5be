import { Alert, Badge, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { useMeta } from "../../session";

interface OutboxMessage {
  id: string;
  channel: string;
  recipient: string;
  subject: string;
  body: string;
  lang: string;
  createdAt: string;
}

/** Demo mode only: the e-mails and SMS the system would have sent (nothing is delivered in the demo). */
export function OutboxPage() {
  const { t, i18n } = useTranslation();
  const meta = useMeta();
  const demo = meta.data?.demo === true;
  const outbox = useQuery({
    queryKey: ["dev", "outbox"],
    enabled: demo,
    refetchInterval: 5000,
    queryFn: () => api<{ items: OutboxMessage[] }>("/api/v1/dev/outbox"),
  });
  return (
    <Stack>
      <Title order={1}>{t("outbox.title")}</Title>
      {meta.data && !demo && <Text>{t("outbox.notDemo")}</Text>}
      {demo && <Text size="sm">{t("outbox.intro")}</Text>}
      {outbox.isPending && demo && <Loader aria-label={t("common.loading")} />}
      {outbox.error && (
        <Alert color="red" title={t("common.error")} role="alert">
          {outbox.error.message}
        </Alert>
      )}
      {outbox.data && outbox.data.items.length === 0 && <Text>{t("outbox.empty")}</Text>}
      {outbox.data && outbox.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("outbox.when")}</Table.Th>
                <Table.Th>{t("outbox.channel")}</Table.Th>
                <Table.Th>{t("outbox.recipient")}</Table.Th>
                <Table.Th>{t("outbox.message")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {outbox.data.items.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{new Date(m.createdAt).toLocaleString(i18n.language)}</Table.Td>
                  <Table.Td>
                    <Badge color="dark" variant="outline">
                      {m.channel === "sms" ? t("outbox.sms") : t("outbox.email")}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{m.recipient}</Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {m.subject}
                    </Text>
                    <Text size="sm" data-testid="outbox-body">
                      {m.body}
                    </Text>
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
