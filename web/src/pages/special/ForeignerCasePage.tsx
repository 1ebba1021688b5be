import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Timeline,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api } from "../../api";
import { localName, unitLabel, useLang } from "../../useLang";
import { ClauseBadge, ErrorAlert, formatInstant, PlaceName } from "../passes/shared";
import { type ForeignerCase, StageBadge } from "./common";

const STEP_CLAUSE: Record<string, string> = {
  FORWARD: "Z p.17",
  AGREE: "Z p.17",
  NSC_REFUSE: "Z p.17",
  ISSUE: "Z p.17, p.31",
  REFUSE: "Z p.31",
};
const NEEDS_REASON = new Set(["NSC_REFUSE", "REFUSE"]);

/** The steps open to this user now: forward (IAB), agree or refuse (NSC), issue or refuse (IAB head). */
function StepForms({ c }: { c: ForeignerCase }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const [nscUnitId, setNscUnitId] = useState<string | null>(null);
  const nsc = useQuery({
    queryKey: ["nsc-units"],
    queryFn: () =>
      api<{ items: { id: string; code: string; nameKk: string; nameRu: string; nameEn: string | null }[] }>(
        "/api/v1/foreigners/nsc-units",
      ),
    enabled: c.allowedSteps.includes("FORWARD"),
  });
  const step = useMutation({
    mutationFn: (name: string) =>
      api<{ stage: string }>(`/api/v1/foreigners/${c.id}/steps`, {
        method: "POST",
        body: {
          step: name,
          version: c.version,
          ...(name === "FORWARD" && nscUnitId ? { nscUnitId } : {}),
          ...(reason.trim() ? { reason: reason.trim() } : {}),
        },
      }),
    onSuccess: async () => {
      setReason("");
      await queryClient.invalidateQueries({ queryKey: ["foreigner", c.id] });
      await queryClient.invalidateQueries({ queryKey: ["foreigners"] });
    },
  });
  if (c.allowedSteps.length === 0) return null;
  const anyReason = c.allowedSteps.some((s) => NEEDS_REASON.has(s));
  return (
    <Card withBorder>
      <Stack>
        <Title order={2}>{t("special.steps.title")}</Title>
        {c.allowedSteps.includes("FORWARD") && (
          <Select
            label={t("special.field.nscUnit")}
            required
            data={(nsc.data?.items ?? []).map((u) => ({
              value: u.id,
              label: localName(u, lang),
            }))}
            value={nscUnitId}
            onChange={setNscUnitId}
          />
        )}
        {anyReason && (
          <Textarea
            label={t("special.field.reason")}
            description={t("special.field.reasonHint")}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
        )}
        <Group>
          {c.allowedSteps.map((s) => (
            <Button
              key={s}
              color={NEEDS_REASON.has(s) ? "red.9" : undefined}
              loading={step.isPending && step.variables === s}
              onClick={() => step.mutate(s)}
            >
              {t(`special.steps.${s}`)} ({STEP_CLAUSE[s]})
            </Button>
          ))}
        </Group>
        <ErrorAlert error={step.error} />
      </Stack>
    </Card>
  );
}

/** A foreigner's permit case: data, the NSC deadline with its clause, history, steps and the permit. */
export function ForeignerCasePage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const { lang, tr } = useLang();
  const query = useQuery({
    queryKey: ["foreigner", id],
    queryFn: () => api<ForeignerCase>(`/api/v1/foreigners/${id}`),
  });
  if (query.isPending) return <Loader aria-label={t("common.loading")} />;
  if (query.error) return <ErrorAlert error={query.error} />;
  const c = query.data;
  const rows: [string, React.ReactNode][] = [
    [t("special.field.fullName"), c.fullName],
    [t("special.field.birthDate"), c.birthDate],
    [t("special.field.citizenship"), c.citizenship === "STATELESS" ? t("special.stateless") : c.citizenship],
    [t("special.field.documentKind"), `${t(`special.document.${c.documentKind}`)} № ${c.documentNumber}`],
    [t("special.field.residence"), t(`special.residence.${c.residence}`)],
    [t("special.field.destination"), <PlaceName key="p" kato={c.destinationKato} />],
    [t("special.field.purpose"), c.purpose],
    [t("special.field.stay"), `${c.stayFrom} — ${c.stayUntil}`],
    [t("special.field.iab"), unitLabel(c.unit, lang)],
    [t("special.field.nscUnit"), unitLabel(c.nscUnit, lang)],
  ];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>
          {t("special.foreigners.caseTitle")} {c.number}
        </Title>
        <StageBadge stage={c.stage} />
      </Group>
      {c.dueAt && c.stage === "AT_NSC" && (
        <Alert
          color={c.overdue ? "red" : "blue"}
          title={t("special.deadline.title")}
          role={c.overdue ? "alert" : undefined}
        >
          <Stack gap={4}>
            <Text size="sm">
              {t("special.deadline.due", { due: formatInstant(c.dueAt), days: c.deadline.days })}{" "}
              {c.deadline.clauses.map((cl) => (
                <ClauseBadge key={cl} clause={cl} />
              ))}
            </Text>
            <Text size="sm">{tr(c.deadline.explanation)}</Text>
            {c.overdue && <Text size="sm">{t("special.deadline.overdue")}</Text>}
            {c.escalatedTo && (
              <Text size="sm">
                {t("special.deadline.escalatedTo", { unit: unitLabel(c.escalatedTo, lang) })}
              </Text>
            )}
          </Stack>
        </Alert>
      )}
      {c.nscReason && (
        <Alert color="gray" title={t("special.field.nscReason")}>
          {c.nscReason}
        </Alert>
      )}
      {c.refusalReason && (
        <Alert color="red" title={t("special.field.refusalReason")}>
          {c.refusalReason} <ClauseBadge clause="Z p.31" />
        </Alert>
      )}
      {c.permit && (
        <Card withBorder data-testid="permit">
          <Stack gap="xs">
            <Title order={2}>{t("special.permit.title")}</Title>
            <Text>
              {t("special.permit.number")}: <strong>{c.permit.number}</strong> ({c.permit.validFrom} —{" "}
              {c.permit.validUntil})
            </Text>
            <Group>
              <Anchor href={`/api/v1/permits/${c.permit.id}/pdf`} target="_blank">
                {t("special.permit.pdf")}
              </Anchor>
              <Anchor component={Link} to={`/verify/${encodeURIComponent(c.permit.code)}`}>
                {t("special.permit.verify")}
              </Anchor>
            </Group>
          </Stack>
        </Card>
      )}
      <StepForms c={c} />
      <Card withBorder>
        <Table>
          <Table.Tbody>
            {rows.map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th scope="row" w="30%">
                  {label}
                </Table.Th>
                <Table.Td>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Card withBorder>
        <Stack>
          <Title order={2}>{t("special.historyTitle")}</Title>
          <Timeline bulletSize={14} lineWidth={2}>
            {c.steps.map((s) => (
              <Timeline.Item
                key={`${s.step}-${s.at}`}
                title={t(`special.historyStep.${s.step}`, { defaultValue: s.step })}
              >
                <Text size="sm">
                  {formatInstant(s.at)} · {unitLabel(s.unit, lang)} <ClauseBadge clause={s.clause} />
                </Text>
                {s.reason && <Text size="sm">{s.reason}</Text>}
              </Timeline.Item>
            ))}
          </Timeline>
        </Stack>
      </Card>
    </Stack>
  );
}
