import { Anchor, Badge, Card, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api } from "../../api";
import { useMe } from "../../session";
import { unitLabel, useLang } from "../../useLang";
import { ClauseBadge, ErrorAlert, PlaceName } from "../passes/shared";
import { CopiesCard } from "./CopiesCard";
import { CheckPanel, DecisionPanel, IssuePanel, NscPanel } from "./ReviewPanels";
import { fullName, type Petition } from "./types";

const OUTCOME_COLOR: Record<string, string> = {
  EXCLUDED_BY_NSC: "red.9",
  REFUSED: "red.9",
  APPROVED: "teal.9",
  ISSUED: "teal.9",
};

/** One petition: facts with rules and clauses, people with outcomes, and the steps the viewer may take. */
export function PetitionPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const { lang, tr } = useLang();
  const me = useMe().data;
  const query = useQuery({
    queryKey: ["petition", id],
    queryFn: () => api<Petition>(`/api/v1/petitions/${id}`),
  });
  const p = query.data;
  const can = (permission: string) => me?.permissions.includes(permission) ?? false;
  if (query.isPending) return <Loader aria-label={t("common.loading")} />;
  if (!p) return <ErrorAlert error={query.error} />;
  const iab = p.viewers.includes("IAB");
  const nsc = p.viewers.includes("NSC");
  const field = (label: string, value: React.ReactNode) => (
    <Stack gap={0}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="div">{value}</Text>
    </Stack>
  );
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>
          {t(`petitions.kind.${p.kind}`)} № {p.number}
        </Title>
        <Badge size="xl" color="dark" variant="filled" tt="none">
          {t(`petitions.statusName.${p.status}`)}
        </Badge>
      </Group>
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {field(t("petitions.organization"), unitLabel(p.organization, lang))}
          {field(
            t("petitions.detail.filedWith"),
            <>
              {unitLabel(p.iab, lang)}{" "}
              {p.rules.routing.clauses.map((c) => (
                <ClauseBadge key={c} clause={c} />
              ))}
            </>,
          )}
          {p.nsc && field(t("petitions.detail.checkedBy"), unitLabel(p.nsc, lang))}
          {field(
            t("petitions.form.destinations"),
            p.data.destinations.map((k) => (
              <Text key={k} size="sm">
                <PlaceName kato={k} />
              </Text>
            )),
          )}
          {field(
            t("petitions.departure"),
            `${p.departureDate}${p.data.returnDate ? ` — ${p.data.returnDate}` : ""}`,
          )}
          {field(
            t("petitions.detail.deadline"),
            <>
              {p.rules.deadline.applyBy} ({p.rules.deadline.days}){" "}
              {p.rules.deadline.clauses.map((c) => (
                <ClauseBadge key={c} clause={c} />
              ))}
            </>,
          )}
          {field(t("petitions.form.work"), p.data.workDescription)}
          {p.groupPassNumber &&
            field(t("petitions.detail.pass"), t("petitions.detail.groupPass", { number: p.groupPassNumber }))}
        </SimpleGrid>
        <Stack gap={4} mt="sm">
          <Text size="sm">{tr(p.rules.deadline.explanation)}</Text>
          <Text size="sm">{tr(p.rules.routing.explanation)}</Text>
          {p.data.lateReason && (
            <Text size="sm" c="red.9">
              {t("petitions.detail.filedLate", { reason: p.data.lateReason })}
            </Text>
          )}
          {p.data.atEnterpriseReason && (
            <Text size="sm" c="red.9">
              {t("petitions.detail.exception", { reason: p.data.atEnterpriseReason })}
            </Text>
          )}
          {p.data.release && (
            <Text size="sm">
              {t("petitions.detail.release")}:{" "}
              {Object.values(p.data.release)
                .filter((v) => typeof v === "string")
                .join("; ")}
            </Text>
          )}
          {p.passMode === "GROUP" && (
            <Anchor href={`/api/v1/petitions/${p.id}/list/pdf`} target="_blank">
              {t("petitions.detail.groupList")}
            </Anchor>
          )}
        </Stack>
      </Card>
      <Card withBorder>
        <Stack>
          <Title order={2} size="h3">
            {t("petitions.detail.people")}
          </Title>
          <Table striped withTableBorder aria-label={t("petitions.detail.people")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>№</Table.Th>
                <Table.Th>{t("petitions.form.surname")}</Table.Th>
                <Table.Th>{t("petitions.form.birthYear")}</Table.Th>
                <Table.Th>{t("petitions.form.docNumber")}</Table.Th>
                <Table.Th>{t("petitions.status")}</Table.Th>
                <Table.Th>{t("petitions.detail.nsc")}</Table.Th>
                <Table.Th>{t("petitions.detail.pass")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.members.map((m) => (
                <Table.Tr key={m.id} data-outcome={m.outcome}>
                  <Table.Td>{m.seq}</Table.Td>
                  <Table.Td>
                    {m.applicationId ? (
                      <Link to={`/applications/${m.applicationId}`}>{fullName(m)}</Link>
                    ) : (
                      fullName(m)
                    )}
                    {m.isLeader && ` (${t("petitions.detail.leaderMark")})`}
                  </Table.Td>
                  <Table.Td>{m.birthYear}</Table.Td>
                  <Table.Td>{`${m.documentSeries ?? ""} ${m.documentNumber}`.trim()}</Table.Td>
                  <Table.Td>
                    <Badge
                      color={OUTCOME_COLOR[m.outcome] ?? "dark"}
                      variant="filled"
                      tt="none"
                      h="auto"
                      styles={{ label: { overflow: "visible", whiteSpace: "normal" } }}
                    >
                      {t(`petitions.outcome.${m.outcome}`)}
                    </Badge>
                    {m.decisionReason && <Text size="sm">{m.decisionReason}</Text>}
                  </Table.Td>
                  <Table.Td>
                    {m.nscResult ? t(`petitions.detail.nscResult.${m.nscResult}`) : "—"}
                    {m.nscReason && <Text size="sm">{m.nscReason}</Text>}
                  </Table.Td>
                  <Table.Td>{m.passNumber ?? (m.outcome === "ISSUED" ? p.groupPassNumber : "—")}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      </Card>
      {nsc && can("strip_lists.check") && <NscPanel petition={p} />}
      {iab && can("applications.check") && !p.members.some((m) => m.outcome === "AWAITING_NSC") && (
        <CheckPanel petition={p} />
      )}
      {iab && can("passes.decide") && <DecisionPanel petition={p} />}
      {iab && can("applications.intake") && <IssuePanel petition={p} />}
      <CopiesCard
        petition={p}
        canHand={iab && can("applications.intake")}
        canCertify={iab && can("passes.decide")}
      />
    </Stack>
  );
}
