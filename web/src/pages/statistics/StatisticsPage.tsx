import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Translated } from "../../../../src/core/i18n.js";
import { api } from "../../api";
import { localName, useLang } from "../../useLang";

interface Checkpoint {
  id: string;
  nameKk: string;
  nameRu: string;
  nameEn: string | null;
  units: { agency: string; nameKk: string; nameRu: string; nameEn: string | null }[];
  myAgency: string | null;
}
type Status = "AGREED" | "MISMATCH" | "SINGLE" | "MISSING";
interface Figures {
  period: string;
  set: { version: number; clause: string; indicators: { code: string; name: Translated; clause: string }[] };
  agencies: string[];
  rows: {
    indicator: string;
    clause: string;
    values: Record<string, number>;
    status: Status;
    spread: number;
  }[];
  mismatches: number;
}

const STATUS_COLOR: Record<Status, string> = {
  AGREED: "teal",
  MISMATCH: "red",
  SINGLE: "gray",
  MISSING: "gray",
};
const BAR_COLORS = ["#1c5d99", "#2b8a3e", "#b35c00"];

/** The month before `period` minus `n` months (for the export range). */
function monthsBack(period: string, n: number): string {
  const [y, m] = period.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return d.toISOString().slice(0, 7);
}

/** Statistics of service results (X-14, X p.9.3): each agency's figures, mismatches flagged, chart, CSV. */
export function StatisticsPage() {
  const { t } = useTranslation();
  const { lang, tr } = useLang();
  const queryClient = useQueryClient();
  const checkpoints = useQuery({
    queryKey: ["statistics", "checkpoints"],
    queryFn: () => api<{ items: Checkpoint[] }>("/api/v1/statistics/checkpoints"),
  });
  const [triadId, setTriadId] = useState<string | null>(null);
  const [period, setPeriod] = useState(() => monthsBack(new Date().toISOString().slice(0, 7), 1));
  const items = checkpoints.data?.items ?? [];
  useEffect(() => {
    if (!triadId && items[0]) setTriadId(items[0].id);
  }, [items, triadId]);
  const checkpoint = items.find((c) => c.id === triadId);
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(period);
  const figures = useQuery({
    queryKey: ["statistics", "figures", triadId, period],
    queryFn: () => api<Figures>(`/api/v1/statistics/figures?triadId=${triadId}&period=${period}`),
    enabled: Boolean(triadId) && valid,
  });
  const [draft, setDraft] = useState<Record<string, number | string>>({});
  const [note, setNote] = useState("");
  const mine = checkpoint?.myAgency ?? null;
  useEffect(() => {
    const data = figures.data;
    if (!data || !mine) return;
    setDraft(Object.fromEntries(data.rows.map((r) => [r.indicator, r.values[mine] ?? ""])));
  }, [figures.data, mine]);
  const save = useMutation({
    mutationFn: () =>
      api<Figures>("/api/v1/statistics/figures", {
        method: "PUT",
        body: {
          triadId,
          period,
          values: Object.entries(draft)
            .filter(([, v]) => v !== "")
            .map(([indicator, value]) => ({ indicator, value: Number(value) })),
          ...(note.trim() ? { note: note.trim() } : {}),
        },
      }),
    onSuccess: (data) => queryClient.setQueryData(["statistics", "figures", triadId, period], data),
  });
  const data = figures.data;
  const nameOf = (code: string) => tr(data?.set.indicators.find((i) => i.code === code)?.name);
  const chart = (data?.rows ?? []).map((r) => ({
    name: nameOf(r.indicator),
    ...Object.fromEntries((data?.agencies ?? []).map((a) => [t(`statistics.agency.${a}`), r.values[a] ?? 0])),
  }));
  return (
    <Stack>
      <Title order={1}>{t("statistics.title")}</Title>
      <Text size="sm">{t("statistics.intro")}</Text>
      <Group align="flex-end">
        <Select
          label={t("statistics.checkpoint")}
          data={items.map((c) => ({ value: c.id, label: localName(c, lang) }))}
          value={triadId}
          onChange={setTriadId}
          w={320}
          allowDeselect={false}
        />
        <TextInput
          label={t("statistics.period")}
          type="month"
          value={period}
          onChange={(e) => setPeriod(e.currentTarget.value)}
          w={180}
        />
        {triadId && valid && (
          <Anchor
            href={`/api/v1/statistics/export.csv?triadId=${triadId}&from=${monthsBack(period, 5)}&to=${period}&lang=${lang}`}
            download
          >
            {t("statistics.export")}
          </Anchor>
        )}
      </Group>
      {checkpoints.data && items.length === 0 && <Alert role="status">{t("statistics.noCheckpoints")}</Alert>}
      {(figures.error ?? checkpoints.error) && (
        <Alert color="red" role="alert">
          {(figures.error ?? checkpoints.error)?.message}
        </Alert>
      )}
      {data && (
        <>
          {data.mismatches > 0 ? (
            <Alert color="red" role="status" title={t("statistics.mismatchTitle")}>
              {t("statistics.mismatchText", { count: data.mismatches, clause: data.set.clause })}
            </Alert>
          ) : (
            <Alert color="teal" role="status">
              {t("statistics.noMismatch", { clause: data.set.clause })}
            </Alert>
          )}
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("statistics.indicator")}</Table.Th>
                {data.agencies.map((a) => (
                  <Table.Th key={a}>{t(`statistics.agency.${a}`)}</Table.Th>
                ))}
                <Table.Th>{t("statistics.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.rows.map((r) => (
                <Table.Tr key={r.indicator} data-status={r.status}>
                  <Table.Td>
                    {nameOf(r.indicator)}{" "}
                    <Text span size="xs">
                      ({r.clause})
                    </Text>
                  </Table.Td>
                  {data.agencies.map((a) => (
                    <Table.Td key={a}>{r.values[a] ?? "—"}</Table.Td>
                  ))}
                  <Table.Td>
                    <Badge
                      color={STATUS_COLOR[r.status]}
                      variant={r.status === "MISMATCH" ? "filled" : "light"}
                    >
                      {t(`statistics.statusName.${r.status}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Card withBorder>
            <Title order={2} size="h3">
              {t("statistics.chart")}
            </Title>
            <figure aria-label={t("statistics.chart")} style={{ margin: 0, height: 360 }}>
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={chart} margin={{ left: 8, right: 8, bottom: 8 }}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis
                    dataKey="name"
                    tick={{ fontSize: 11 }}
                    interval={0}
                    height={70}
                    angle={-15}
                    textAnchor="end"
                  />
                  <YAxis scale="sqrt" domain={[0, "auto"]} />
                  <Tooltip />
                  <Legend />
                  {data.agencies.map((a, i) => (
                    <Bar
                      key={a}
                      dataKey={t(`statistics.agency.${a}`)}
                      fill={BAR_COLORS[i % BAR_COLORS.length]}
                    />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            </figure>
          </Card>
          {mine && (
            <Card withBorder>
              <Stack gap="xs">
                <Title order={2} size="h3">
                  {t("statistics.enterTitle", { agency: t(`statistics.agency.${mine}`) })}
                </Title>
                <Group>
                  {data.set.indicators.map((i) => (
                    <NumberInput
                      key={i.code}
                      label={tr(i.name)}
                      min={0}
                      allowDecimal={false}
                      allowNegative={false}
                      value={draft[i.code] ?? ""}
                      onChange={(v) => setDraft({ ...draft, [i.code]: v })}
                      w={220}
                    />
                  ))}
                </Group>
                <TextInput
                  label={t("statistics.note")}
                  value={note}
                  onChange={(e) => setNote(e.currentTarget.value)}
                />
                <Group>
                  <Button onClick={() => save.mutate()} loading={save.isPending}>
                    {t("statistics.save")}
                  </Button>
                  {save.isSuccess && (
                    <Text role="status" size="sm">
                      {t("statistics.saved")}
                    </Text>
                  )}
                </Group>
                {save.error && (
                  <Alert color="red" role="alert">
                    {save.error.message}
                  </Alert>
                )}
              </Stack>
            </Card>
          )}
        </>
      )}
    </Stack>
  );
}
