import { Alert, Button, Card, Group, Loader, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { api } from "../../api";
import { ClauseBadge, ErrorAlert, formatInstant, PlaceName } from "../passes/shared";
import { StageBadge, type WorksJson } from "./common";

/** One body's decision form, for the bodies routed to this approver that have not decided yet. */
function DecisionForm({ w, body }: { w: WorksJson; body: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const decide = useMutation({
    mutationFn: (decision: "APPROVED" | "REFUSED") =>
      api(`/api/v1/special-works/${w.id}/decisions`, {
        method: "POST",
        body: { body, decision, ...(reason.trim() ? { reason: reason.trim() } : {}) },
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["special-works"] });
      await queryClient.invalidateQueries({ queryKey: ["special-work", w.id] });
    },
  });
  return (
    <Card withBorder>
      <Stack>
        <Title order={2}>{t("special.works.decideAs", { body: t(`special.body.${body}`) })}</Title>
        <Textarea
          label={t("special.field.reason")}
          description={t("special.field.reasonHint")}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <Group>
          <Button
            onClick={() => decide.mutate("APPROVED")}
            loading={decide.isPending && decide.variables === "APPROVED"}
          >
            {t("special.works.approve")}
          </Button>
          <Button
            color="red.9"
            onClick={() => decide.mutate("REFUSED")}
            loading={decide.isPending && decide.variables === "REFUSED"}
          >
            {t("special.works.refuse")}
          </Button>
        </Group>
        <ErrorAlert error={decide.error} />
      </Stack>
    </Card>
  );
}

/** A special-works application: what, where, when, each body's decision and the combined outcome. */
export function WorksCasePage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ["special-work", id],
    queryFn: () => api<WorksJson>(`/api/v1/special-works/${id}`),
  });
  if (query.isPending) return <Loader aria-label={t("common.loading")} />;
  if (query.error) return <ErrorAlert error={query.error} />;
  const w = query.data;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>
          {t("special.works.caseTitle")} {w.number}
        </Title>
        <StageBadge stage={w.outcome} />
      </Group>
      <Alert
        color={w.outcome === "REFUSED" ? "red" : w.outcome === "APPROVED" ? "teal" : "blue"}
        title={t("special.works.outcomeTitle")}
      >
        <Stack gap={4}>
          <Text size="sm">
            {t(`special.works.outcome.${w.outcome}`)}{" "}
            {w.clauses.map((c) => (
              <ClauseBadge key={c} clause={c} />
            ))}
          </Text>
        </Stack>
      </Alert>
      {w.outcome !== "PENDING" && (
        <Button
          component="a"
          href={`/api/v1/special-works/${w.id}/pdf`}
          target="_blank"
          variant="outline"
          style={{ alignSelf: "flex-start" }}
        >
          {t("special.works.pdf")}
        </Button>
      )}
      {w.awaiting.map((b) => (
        <DecisionForm key={b} w={w} body={b} />
      ))}
      <Card withBorder>
        <Stack>
          <Title order={2}>{t("special.works.decisions")}</Title>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("special.field.body")}</Table.Th>
                <Table.Th>{t("special.field.role")}</Table.Th>
                <Table.Th>{t("special.field.outcome")}</Table.Th>
                <Table.Th>{t("special.field.reason")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {w.routes.map((r) => (
                <Table.Tr key={r.body}>
                  <Table.Td>{t(`special.body.${r.body}`)}</Table.Td>
                  <Table.Td>{t(`special.role.${r.role}`)}</Table.Td>
                  <Table.Td>
                    {r.decision ? (
                      <StageBadge stage={r.decision} names="decision" />
                    ) : (
                      <StageBadge stage="PENDING" />
                    )}
                    {r.decidedAt && <Text size="xs">{formatInstant(r.decidedAt)}</Text>}
                  </Table.Td>
                  <Table.Td>{r.reason ?? "—"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      </Card>
      <Card withBorder>
        <Table>
          <Table.Tbody>
            {(
              [
                [t("special.field.organization"), `${w.organization} (${w.contactName})`],
                [t("special.field.kind"), t(`special.kind.${w.kind}`)],
                [t("special.field.inStrip"), t(w.inStrip ? "special.yes" : "special.no")],
                [
                  t("special.field.place"),
                  w.places.map((p) => (
                    <Text key={p} size="sm">
                      <PlaceName kato={p} />
                    </Text>
                  )),
                ],
                [t("special.field.area"), w.area],
                [t("special.field.description"), w.description],
                [t("special.field.period"), `${w.periodFrom} — ${w.periodUntil}`],
              ] as [string, React.ReactNode][]
            ).map(([label, value]) => (
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
    </Stack>
  );
}
