import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Timeline,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import {
  CITIZENSHIP_LABELS,
  DOCUMENT_LABELS,
  PURPOSE_LABELS,
} from "../../../../src/core/eligibility/index.js";
import { api } from "../../api";
import i18n from "../../i18n";
import { useMe } from "../../session";
import { useLang } from "../../useLang";
import { EligibilityResult } from "../eligibility/EligibilityResult";
import { ActionForm } from "./ActionForms";
import { DocumentsCard } from "./DocumentsCard";
import { ScreeningCard } from "./ScreeningCard";
import {
  type CaseAction,
  type CaseJson,
  ClauseBadge,
  ErrorAlert,
  FlagBadges,
  formatInstant,
  PassRules,
  PlaceName,
  StatusBadge,
  useCodeLabel,
} from "./shared";

/** A case (Z-10 … Z-30): the citizen's view of their application, or the officer's desk with the next steps. */
export function CasePage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const me = useMe().data;
  const officer =
    me?.permissions.includes("applications.intake") === true ||
    me?.permissions.includes("passes.decide") === true;
  const checker = me?.permissions.includes("applications.check") === true;
  /** A step was refused because the case had changed meanwhile; the case has been reloaded. */
  const [changed, setChanged] = useState(false);
  const query = useQuery({
    queryKey: ["application", id],
    queryFn: () => api<CaseJson>(`/api/v1/applications/${id}`),
  });
  if (query.isPending) return <Loader aria-label={t("common.loading")} />;
  if (query.error) return <ErrorAlert error={query.error} />;
  const c = query.data;
  const decision = c.state.decision;
  return (
    <Stack maw={1100}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>{t("passes.case.title", { number: c.number })}</Title>
          <Text size="sm">
            {c.data.applicant.surname} {c.data.applicant.givenName} {c.data.applicant.patronymic ?? ""}
          </Text>
        </Stack>
        <Group gap="xs">
          <StatusBadge status={c.status} size="lg" />
        </Group>
      </Group>
      {officer && <FlagBadges flags={c.flags} />}
      {changed && (
        <Alert
          color="orange"
          role="alert"
          data-testid="case-changed"
          withCloseButton
          closeButtonLabel={t("passes.form.close")}
          onClose={() => setChanged(false)}
        >
          {t("passes.case.changedMeanwhile")}
        </Alert>
      )}

      {decision?.outcome === "REFUSED" && (
        <Alert color="red.9" variant="outline" title={t("passes.case.refused")} data-testid="refusal">
          <Stack gap={4}>
            <Text>
              <b>{t("passes.case.reason")}:</b> {decision.reason}
            </Text>
            <Group gap="xs">
              {decision.clauses.map((cl) => (
                <ClauseBadge key={cl} clause={cl} />
              ))}
            </Group>
          </Stack>
        </Alert>
      )}
      {decision?.outcome === "APPROVED" && (
        <Card withBorder data-testid="decision">
          <Stack gap={4}>
            <Title order={2} size="h3">
              {t("passes.case.approved")}
            </Title>
            <Text>
              {t("passes.case.validity")}: {decision.validFrom} — {decision.validUntil}
            </Text>
            <Text>
              {t("passes.case.places")}:{" "}
              {decision.places.map((kato, i) => (
                <span key={kato}>
                  {i > 0 && "; "}
                  <PlaceName kato={kato} />
                </span>
              ))}
            </Text>
            {decision.note && (
              <Text>
                {t("passes.case.note")}: {decision.note}
              </Text>
            )}
            <Group gap="xs">
              {decision.clauses.map((cl) => (
                <ClauseBadge key={cl} clause={cl} />
              ))}
            </Group>
          </Stack>
        </Card>
      )}

      {c.passes.length > 0 && <PassesCard c={c} />}
      {checker && (c.status === "SUBMITTED" || c.status === "CHECKED") && <ScreeningCard caseId={c.id} />}
      {officer && c.allowed.length > 0 && (
        <NextSteps c={c} onOpen={() => setChanged(false)} onConflict={() => setChanged(true)} />
      )}

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <ApplicationCard c={c} officer={officer} />
        <HistoryCard actions={c.actions} officer={officer} />
      </SimpleGrid>

      <Stack gap="xs">
        <Title order={2}>{t("passes.case.eligibility")}</Title>
        <EligibilityResult answer={c.eligibility} />
      </Stack>
      <DocumentsCard
        caseId={c.id}
        files={c.files}
        canAttach={!["REFUSED", "RETURNED", "REVOKED"].includes(c.status)}
      />
      {!officer && (
        <Card withBorder>
          <PassRules />
        </Card>
      )}
    </Stack>
  );
}

function PassesCard({ c }: { c: CaseJson }) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <Title order={2} size="h3" mb="xs">
        {t("passes.case.passes")}
      </Title>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("passes.case.passNumber")}</Table.Th>
            <Table.Th>{t("passes.case.validity")}</Table.Th>
            <Table.Th>{t("passes.list.status")}</Table.Th>
            <Table.Th>{t("passes.case.documents")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {c.passes.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>{p.number}</Table.Td>
              <Table.Td>
                {p.validFrom} — {p.validUntil}
              </Table.Td>
              <Table.Td>
                <StatusBadge status={p.status} />
              </Table.Td>
              <Table.Td>
                <Group gap="md">
                  <Anchor href={`/api/v1/passes/${p.id}/pdf`} target="_blank" rel="noopener">
                    {t("passes.case.pdf", { number: p.number })}
                  </Anchor>
                  <Anchor component={Link} to={`/verify/${encodeURIComponent(p.code)}`}>
                    {t("passes.case.verifyLink")}
                  </Anchor>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/**
 * The buttons of the allowed steps and the open step's form. Opening a form notes how many actions
 * the case showed then: the step is refused if the case moves on before it is sent.
 */
function NextSteps({ c, onOpen, onConflict }: { c: CaseJson; onOpen: () => void; onConflict: () => void }) {
  const { t } = useTranslation();
  const label = useCodeLabel();
  const [open, setOpen] = useState<{ type: string; seenActions: number } | null>(null);
  return (
    <Card withBorder>
      <Title order={2} size="h3" mb="xs">
        {t("passes.case.nextSteps")}
      </Title>
      <Group gap="xs">
        {c.allowed.map((type) => (
          <Button
            key={type}
            variant={["REFUSED", "REVOKED", "VIOLATION_RECORDED"].includes(type) ? "outline" : "filled"}
            color={["REFUSED", "REVOKED"].includes(type) ? "red.9" : "blue.8"}
            onClick={() => {
              onOpen();
              setOpen({ type, seenActions: c.actions.length });
            }}
          >
            {label("action", type)}
          </Button>
        ))}
      </Group>
      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={open ? label("action", open.type) : ""}
        size="lg"
        closeButtonProps={{ "aria-label": t("passes.form.close") }}
      >
        {open && (
          <ActionForm
            caseData={c}
            type={open.type}
            seenActions={open.seenActions}
            onDone={() => setOpen(null)}
            onConflict={() => {
              setOpen(null);
              onConflict();
            }}
          />
        )}
      </Modal>
    </Card>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w="40%" scope="row">
        {label}
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

function ApplicationCard({ c, officer }: { c: CaseJson; officer: boolean }) {
  const { t } = useTranslation();
  const { tr } = useLang();
  const label = useCodeLabel();
  const a = c.data.applicant;
  const doc = a.identityDocument;
  const check = c.state.check;
  return (
    <Card withBorder>
      <Title order={2} size="h3" mb="xs">
        {t("passes.case.application")}
      </Title>
      <Table>
        <Table.Tbody>
          <Row label={t("passes.apply.destinations")}>
            {c.data.destinations.map((kato, i) => (
              <span key={kato}>
                {i > 0 && "; "}
                <PlaceName kato={kato} />
              </span>
            ))}
          </Row>
          <Row label={t("passes.apply.purpose")}>{tr(PURPOSE_LABELS[c.data.purpose])}</Row>
          <Row label={t("passes.apply.departure")}>{c.data.departureDate}</Row>
          {c.data.stayDays !== undefined && <Row label={t("passes.apply.stayDays")}>{c.data.stayDays}</Row>}
          {c.state.application?.applyBy && (
            <Row label={t("passes.case.applyBy")}>{c.state.application.applyBy}</Row>
          )}
          {c.data.lateReason && <Row label={t("passes.apply.lateReason")}>{c.data.lateReason}</Row>}
          <Row label={t("passes.case.holder")}>
            {[a.surname, a.givenName, a.patronymic].filter(Boolean).join(" ")}, {a.birthYear}
          </Row>
          {a.placeOfBirth && <Row label={t("passes.apply.placeOfBirth")}>{a.placeOfBirth}</Row>}
          <Row label={t("passes.apply.citizenship")}>{tr(CITIZENSHIP_LABELS[a.citizenship])}</Row>
          <Row label={t("passes.case.document")}>
            {tr(DOCUMENT_LABELS[doc.kind])} {doc.series ?? ""} № {doc.number}
            {doc.issuedOn ? `, ${doc.issuedOn}` : ""}
            {doc.issuedBy ? `, ${doc.issuedBy}` : ""}
          </Row>
          {a.residence && <Row label={t("passes.apply.residence")}>{a.residence}</Row>}
          {a.workplace && <Row label={t("passes.apply.workplace")}>{a.workplace}</Row>}
          {c.data.children.length > 0 && (
            <Row label={t("passes.apply.children")}>
              {c.data.children.map((ch) => `${ch.name} (${ch.age})`).join(", ")}
            </Row>
          )}
          {officer && check && (
            <Row label={t("passes.case.check")}>
              {label("check", check.result)}
              {check.evidence ? ` — ${check.evidence}` : ""}
            </Row>
          )}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** What an action's payload says, in a line, for the history. */
function summary(action: CaseAction, officer: boolean, label: (g: string, c: string) => string): string {
  const p = action.payload;
  const str = (key: string) => (typeof p[key] === "string" ? (p[key] as string) : "");
  switch (action.type) {
    case "CHECK_RECORDED": {
      if (!officer) return "";
      // The server keeps the candidates shown and the reviews taken as the check's evidence (Z-18).
      const seen = p.screening as { candidates?: { recordId: string }[]; reviews?: unknown[] } | undefined;
      const evidence = seen
        ? i18n.t("screening.case.evidence", {
            candidates: seen.candidates?.map((x) => x.recordId).join(", ") || "0",
            reviews: seen.reviews?.length ?? 0,
          })
        : "";
      return [label("check", str("result")), str("evidence"), evidence].filter(Boolean).join(" — ");
    }
    case "APPROVED":
      return `${str("validFrom")} — ${str("validUntil")}`;
    case "REFUSED":
    case "REVOKED":
      return str("reason");
    case "ISSUED":
    case "REPLACED":
      return str("passNumber");
    case "REGISTERED":
      return `${str("arrivedOn")}, ${str("place")}, ${label("registrar", str("registrar"))}`;
    case "EXTENDED":
      return str("newValidUntil");
    case "VIOLATION_RECORDED":
      return officer ? `${label("violation", str("kind"))}: ${str("description")}` : "";
    default:
      return "";
  }
}

function HistoryCard({ actions, officer }: { actions: CaseAction[]; officer: boolean }) {
  const { t } = useTranslation();
  const label = useCodeLabel();
  return (
    <Card withBorder>
      <Title order={2} size="h3" mb="xs">
        {t("passes.case.history")}
      </Title>
      <Timeline active={actions.length - 1} bulletSize={18} lineWidth={2} color="blue.8">
        {actions.map((a) => {
          const line = summary(a, officer, label);
          return (
            <Timeline.Item key={`${a.type}-${a.at}`} title={label("action", a.type)}>
              <Text size="sm">{formatInstant(a.at)}</Text>
              {line && <Text size="sm">{line}</Text>}
            </Timeline.Item>
          );
        })}
      </Timeline>
    </Card>
  );
}
