import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../api";
import { groupedNav } from "../nav";
import { useMe } from "../session";

/** The queues an officer or head works from, in the order a case moves through them. */
const WORK_QUEUES = [
  { queue: "to_check", permission: "applications.check" },
  { queue: "to_decide", permission: "passes.decide" },
  { queue: "to_issue", permission: "passes.decide" },
  { queue: "overdue_registration", permission: "applications.intake" },
  { queue: "overdue_return", permission: "applications.intake" },
] as const;

/** How many cases a queue holds (up to 200; more is shown as 200+). */
function QueueCount({ queue }: { queue: string }) {
  const { t } = useTranslation();
  const count = useQuery({
    queryKey: ["applications", queue, "count"],
    queryFn: () =>
      api<{ items: unknown[]; next?: string | null }>(`/api/v1/applications?queue=${queue}&limit=200`),
  });
  const n = count.data?.items.length;
  return (
    <Card withBorder component={Link} to={`/cases?queue=${queue}`}>
      <Text size="sm">{t(`passes.queue.${queue}`)}</Text>
      <Text fw={700} size="xl">
        {n === undefined ? "…" : n >= 200 ? "200+" : n}
      </Text>
    </Card>
  );
}

/** The signed-in user's start page: their open work queues and the parts of Shekara they may use. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!me) return null;
  const queues = WORK_QUEUES.filter((q) => me.permissions.includes(q.permission));
  const sections = groupedNav(me.permissions).filter((s) => s.group !== "general");
  return (
    <Stack>
      <Title order={1}>{t("home.welcome", { name: me.fullName })}</Title>
      <Group gap="xs">
        <Text fw={600}>{t("home.roles")}:</Text>
        {me.roles.map((role) => (
          <Badge key={role} variant="light">
            {t(`roles.${role}`)}
          </Badge>
        ))}
      </Group>
      {queues.length > 0 && (
        <Stack gap="xs">
          <Title order={2} size="h3">
            {t("home.queues")}
          </Title>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            {queues.map((q) => (
              <QueueCount key={q.queue} queue={q.queue} />
            ))}
          </SimpleGrid>
        </Stack>
      )}
      {sections.length > 0 && (
        <Stack gap="xs">
          <Title order={2} size="h3">
            {t("home.start")}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {sections.map((section) => (
              <Card withBorder key={section.group}>
                <Text fw={600} mb={4}>
                  {t(`navGroup.${section.group}`)}
                </Text>
                <Stack gap={2}>
                  {section.items.map((item) => (
                    <Anchor key={item.to} component={Link} to={item.to}>
                      {t(item.label)}
                    </Anchor>
                  ))}
                </Stack>
              </Card>
            ))}
          </SimpleGrid>
        </Stack>
      )}
    </Stack>
  );
}
