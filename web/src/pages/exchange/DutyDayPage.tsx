import { Anchor, Button, Card, Group, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api";
import { useLang } from "../../useLang";
import { ClauseBadge, ErrorAlert } from "../passes/shared";
import { formatInstant, type ObligationItem, StatusBadge, type Tr, useClasses } from "./shared";

interface DutyDay {
  unit: { id: string; code: string; name: Tr; timeZone: string };
  localDate: string;
  obligations: ObligationItem[];
  openConfirmations: ObligationItem[];
  alerts: { id: string; kind: string; createdAt: string; obligation: ObligationItem }[];
}

/** The duty officer's day: today's windows, oral urgent notices awaiting confirmation, overdue alerts. */
export function DutyDayPage() {
  const { t } = useTranslation();
  const { tr } = useLang();
  const classes = useClasses();
  const day = useQuery({
    queryKey: ["exchange", "duty-day"],
    queryFn: () => api<DutyDay>("/api/v1/exchange/duty-day"),
  });
  const queryClient = useQueryClient();
  const markRead = useMutation({
    mutationFn: (id: string) => api(`/api/v1/exchange/alerts/${id}/read`, { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["exchange", "duty-day"] }),
  });
  if (day.isPending) return <Loader aria-label={t("common.loading")} />;
  if (!day.data) return <ErrorAlert error={day.error} />;
  const d = day.data;
  const zone = d.unit.timeZone;
  const className = (id: string) => tr(classes.data?.items.find((c) => c.id === id)?.name) || id;
  return (
    <Stack>
      <Title order={1}>{t("exchange.duty.title")}</Title>
      <Text>
        {tr(d.unit.name)} · {t("exchange.duty.today", { date: d.localDate, zone })}
      </Text>
      <Group>
        <Button component={Link} to="/exchange/compose?mode=ORAL&class=DAILY">
          {t("exchange.duty.logDaily")}
        </Button>
        <Button component={Link} to="/exchange/compose?mode=ORAL&class=URGENT" variant="light">
          {t("exchange.duty.logUrgent")}
        </Button>
        <Button component={Link} to="/exchange/compliance" variant="outline">
          {t("nav.exchangeCompliance")}
        </Button>
      </Group>
      <Card withBorder>
        <Title order={2}>{t("exchange.duty.windows")}</Title>
        <Table>
          <Table.Tbody>
            {d.obligations.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>{className(o.classId)}</Table.Td>
                <Table.Td>
                  {formatInstant(o.opensAt, zone)} – {formatInstant(o.dueAt, zone)}
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={o.status} />
                </Table.Td>
                <Table.Td>
                  <ClauseBadge clause={o.clause} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Card withBorder>
        <Title order={2}>{t("exchange.duty.open")}</Title>
        {d.openConfirmations.length === 0 && <Text>{t("exchange.duty.noneOpen")}</Text>}
        <Table>
          <Table.Tbody>
            {d.openConfirmations.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/exchange/messages/${o.sourceMessageId}`}>
                    {formatInstant(o.opensAt, zone)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t("exchange.duty.due", { due: formatInstant(o.dueAt, zone) })}</Table.Td>
                <Table.Td>
                  <StatusBadge status={o.status} />
                </Table.Td>
                <Table.Td>
                  <Button size="xs" component={Link} to={`/exchange/compose?confirms=${o.sourceMessageId}`}>
                    {t("exchange.detail.confirmNow")}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Card withBorder>
        <Title order={2}>{t("exchange.duty.alerts")}</Title>
        {d.alerts.length === 0 && <Text>{t("exchange.duty.noAlerts")}</Text>}
        {markRead.error && <ErrorAlert error={markRead.error} />}
        <Table>
          <Table.Tbody>
            {d.alerts.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{t(`exchange.duty.alertKind.${a.kind}`)}</Table.Td>
                <Table.Td>{tr(a.obligation.unitName)}</Table.Td>
                <Table.Td>
                  {className(a.obligation.classId)} ·{" "}
                  {a.obligation.period.length > 20
                    ? formatInstant(a.obligation.period, zone)
                    : a.obligation.period}
                </Table.Td>
                <Table.Td>
                  {t("exchange.duty.due", { due: formatInstant(a.obligation.dueAt, zone) })}
                </Table.Td>
                <Table.Td style={{ minWidth: 90 }}>
                  <ClauseBadge clause={a.obligation.clause} />
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="light"
                    loading={markRead.isPending && markRead.variables === a.id}
                    onClick={() => markRead.mutate(a.id)}
                    // Every row has this button: the accessible name says which alert it marks.
                    aria-label={t("exchange.duty.markReadOf", {
                      kind: t(`exchange.duty.alertKind.${a.kind}`),
                      unit: tr(a.obligation.unitName),
                      cls: className(a.obligation.classId),
                    })}
                  >
                    {t("exchange.duty.markRead")}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}
