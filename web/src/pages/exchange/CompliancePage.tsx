import { Card, Group, Loader, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { api } from "../../api";
import { useLang } from "../../useLang";
import { ClauseBadge, ErrorAlert } from "../passes/shared";
import { formatInstant, type ObligationItem, overdueText, StatusBadge, type Tr, useClasses } from "./shared";

interface Counts {
  total: number;
  counts: Record<string, number>;
  onTimeRate: number | null;
}
interface Compliance {
  from: string;
  to: string;
  timeZone: string;
  asOf: string;
  summary: Counts;
  byUnit: (Counts & { unitId: string; code: string; agency: string; level: number | null; name: Tr })[];
  byAgency: (Counts & { agency: string })[];
  byLevel: (Counts & { level: number | null })[];
  byClass: (Counts & { classId: string })[];
  series: { date: string; onTime: number; late: number; missing: number; onTimeRate: number | null }[];
  late: ObligationItem[];
  missing: ObligationItem[];
}

const pct = (rate: number | null) => (rate === null ? "—" : `${Math.round(rate * 100)}%`);

/** The compliance dashboard of the user's units: on-time rates, charts over time, late and missing lists. */
export function CompliancePage() {
  const { t } = useTranslation();
  const { tr } = useLang();
  const classes = useClasses();
  const [params, setParams] = useSearchParams();
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const query = new URLSearchParams();
  if (/^\d{4}-\d{2}-\d{2}$/.test(from)) query.set("from", from);
  if (/^\d{4}-\d{2}-\d{2}$/.test(to)) query.set("to", to);
  const board = useQuery({
    queryKey: ["exchange", "compliance", query.toString()],
    queryFn: () => api<Compliance>(`/api/v1/exchange/compliance?${query}`),
  });
  const className = (id: string) => tr(classes.data?.items.find((c) => c.id === id)?.name) || id;
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const b = board.data;
  return (
    <Stack>
      <Title order={1}>{t("exchange.compliance.title")}</Title>
      <Group>
        <TextInput
          type="date"
          label={t("exchange.compliance.from")}
          value={from || (b?.from ?? "")}
          onChange={(e) => set("from", e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t("exchange.compliance.to")}
          value={to || (b?.to ?? "")}
          onChange={(e) => set("to", e.currentTarget.value)}
        />
      </Group>
      <ErrorAlert error={board.error} />
      {board.isPending && <Loader aria-label={t("common.loading")} />}
      {b && (
        <>
          <SimpleGrid cols={{ base: 2, sm: 5 }}>
            <Card withBorder>
              <Text size="sm">{t("exchange.compliance.onTimeRate")}</Text>
              <Text fw={700} size="xl" data-testid="on-time-rate">
                {pct(b.summary.onTimeRate)}
              </Text>
            </Card>
            {(["ON_TIME", "LATE", "MISSING", "PENDING"] as const).map((s) => (
              <Card withBorder key={s}>
                <Text size="sm">{t(`exchange.status.${s}`)}</Text>
                <Text fw={700} size="xl">
                  {b.summary.counts[s] ?? 0}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
          <Card withBorder>
            <Title order={2}>{t("exchange.compliance.series")}</Title>
            <div
              style={{ width: "100%", height: 260 }}
              role="img"
              aria-label={t("exchange.compliance.series")}
            >
              <ResponsiveContainer>
                <LineChart
                  data={b.series.map((s) => ({
                    ...s,
                    rate: s.onTimeRate === null ? null : Math.round(s.onTimeRate * 100),
                  }))}
                >
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="date" />
                  <YAxis domain={[0, 100]} unit="%" />
                  <Tooltip />
                  <Line
                    type="monotone"
                    dataKey="rate"
                    name={t("exchange.compliance.onTimeRate")}
                    stroke="#1c7c3c"
                  />
                </LineChart>
              </ResponsiveContainer>
            </div>
          </Card>
          <Card withBorder>
            <Title order={2}>{t("exchange.compliance.byUnit")}</Title>
            <div
              style={{ width: "100%", height: 320 }}
              role="img"
              aria-label={t("exchange.compliance.byUnit")}
            >
              <ResponsiveContainer>
                <BarChart
                  data={b.byUnit.map((u) => ({
                    name: tr(u.name),
                    onTime: u.counts.ON_TIME,
                    late: u.counts.LATE,
                    missing: u.counts.MISSING,
                  }))}
                >
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis
                    dataKey="name"
                    angle={-20}
                    textAnchor="end"
                    height={90}
                    interval="preserveStartEnd"
                  />
                  <YAxis />
                  <Tooltip />
                  <Legend verticalAlign="top" />
                  <Bar dataKey="onTime" stackId="a" name={t("exchange.status.ON_TIME")} fill="#1c7c3c" />
                  <Bar dataKey="late" stackId="a" name={t("exchange.status.LATE")} fill="#b35900" />
                  <Bar dataKey="missing" stackId="a" name={t("exchange.status.MISSING")} fill="#b71c1c" />
                </BarChart>
              </ResponsiveContainer>
            </div>
            <CountsTable
              rows={b.byUnit.map((u) => ({
                key: u.unitId,
                label: `${tr(u.name)} · ${t("exchange.compliance.level", { level: u.level ?? "?" })}`,
                ...u,
              }))}
            />
          </Card>
          <SimpleGrid cols={{ base: 1, xl: 3 }}>
            <Card withBorder>
              <Title order={2}>{t("exchange.compliance.byAgency")}</Title>
              <CountsTable
                rows={b.byAgency.map((a) => ({
                  key: a.agency,
                  label: t(`exchange.compliance.agency.${a.agency}`, { defaultValue: a.agency }),
                  ...a,
                }))}
              />
            </Card>
            <Card withBorder>
              <Title order={2}>{t("exchange.compliance.byLevel")}</Title>
              <CountsTable
                rows={b.byLevel.map((l) => ({
                  key: String(l.level),
                  label: t("exchange.compliance.level", { level: l.level ?? "?" }),
                  ...l,
                }))}
              />
            </Card>
            <Card withBorder>
              <Title order={2}>{t("exchange.compliance.byClass")}</Title>
              <CountsTable
                rows={b.byClass.map((c) => ({ key: c.classId, label: className(c.classId), ...c }))}
              />
            </Card>
          </SimpleGrid>
          <ObligationList
            title={t("exchange.compliance.late")}
            items={b.late}
            zone={b.timeZone}
            className={className}
            testId="late-list"
          />
          <ObligationList
            title={t("exchange.compliance.missing")}
            items={b.missing}
            zone={b.timeZone}
            className={className}
            testId="missing-list"
          />
        </>
      )}
    </Stack>
  );
}

function CountsTable({ rows }: { rows: (Counts & { key: string; label: string })[] }) {
  const { t } = useTranslation();
  return (
    <Table>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("exchange.compliance.unit")}</Table.Th>
          <Table.Th>{t("exchange.compliance.onTimeRate")}</Table.Th>
          <Table.Th>{t("exchange.status.LATE")}</Table.Th>
          <Table.Th>{t("exchange.status.MISSING")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Td>{r.label}</Table.Td>
            <Table.Td>{pct(r.onTimeRate)}</Table.Td>
            <Table.Td>{r.counts.LATE ?? 0}</Table.Td>
            <Table.Td>{r.counts.MISSING ?? 0}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ObligationList({
  title,
  items,
  zone,
  className,
  testId,
}: {
  title: string;
  items: ObligationItem[];
  zone: string;
  className: (id: string) => string;
  testId: string;
}) {
  const { t } = useTranslation();
  const { tr } = useLang();
  return (
    <Card withBorder data-testid={testId}>
      <Title order={2}>{title}</Title>
      {items.length === 0 && <Text>{t("exchange.compliance.none")}</Text>}
      {items.length > 0 && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("exchange.compliance.unit")}</Table.Th>
              <Table.Th>{t("exchange.col.class")}</Table.Th>
              <Table.Th>{t("exchange.compliance.period")}</Table.Th>
              <Table.Th>{t("exchange.compliance.due")}</Table.Th>
              <Table.Th>{t("exchange.compliance.delivered")}</Table.Th>
              <Table.Th>{t("exchange.compliance.overdue")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>{tr(o.unitName)}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {className(o.classId)} <ClauseBadge clause={o.clause} /> <StatusBadge status={o.status} />
                    {o.escalatedAt && <Text size="xs">({t("exchange.compliance.escalated")})</Text>}
                  </Group>
                </Table.Td>
                <Table.Td>{o.period.length > 20 ? formatInstant(o.period, zone) : o.period}</Table.Td>
                <Table.Td>{formatInstant(o.dueAt, zone)}</Table.Td>
                <Table.Td>{formatInstant(o.deliveredAt, zone)}</Table.Td>
                <Table.Td>{overdueText(t, o.minutesOverdue ?? 0)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
