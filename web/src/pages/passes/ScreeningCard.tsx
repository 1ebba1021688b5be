import { Alert, Card, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { type Candidate, CandidateTable, type Decision } from "../screening/Candidates";
import { ClauseBadge, ErrorAlert } from "./shared";

/** What GET /api/v1/applications/:id/screening answers. */
interface CaseScreening {
  exempt: boolean;
  clause: string;
  subject: { name: string; birthDate?: string; documentNumber?: string };
  candidates: Candidate[];
  dismissed: number;
  reviews: { id: string; recordId: string; decision: Decision; reason: string; createdAt: string }[];
}

/**
 * The records check step of a case (Z-18, Z p.30): the screening engine's candidates for the
 * applicant, best first and explained, with confirm / dismiss; the officer then records the result.
 */
export function ScreeningCard({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ["application-screening", caseId],
    queryFn: () => api<CaseScreening>(`/api/v1/applications/${caseId}/screening`),
  });
  const review = async (recordId: string, decision: Decision, reason: string) => {
    await api(`/api/v1/applications/${caseId}/screening/reviews`, {
      method: "POST",
      body: { recordId, decision, reason },
    });
    await queryClient.invalidateQueries({ queryKey: ["application-screening", caseId] });
  };
  const s = query.data;
  return (
    <Card withBorder data-testid="screening-card">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h3">
          {t("screening.case.title")}
        </Title>
        <ClauseBadge clause="Z p.30" />
      </Group>
      {query.isPending && <Loader aria-label={t("common.loading")} size="sm" />}
      <ErrorAlert error={query.error} />
      {s?.exempt && (
        <Alert color="blue.8" variant="outline">
          {t("screening.case.exempt")}
        </Alert>
      )}
      {s && !s.exempt && (
        <Stack gap="xs">
          <Text size="sm">
            {t("screening.case.subject", {
              name: s.subject.name,
              birth: s.subject.birthDate ?? "—",
              doc: s.subject.documentNumber ?? "—",
            })}
          </Text>
          <Text size="sm">{t("screening.case.hint")}</Text>
          <CandidateTable
            result={{ candidates: s.candidates, dismissed: s.dismissed, scored: 0 }}
            caption={t("screening.candidates", { count: s.candidates.length })}
            reviews={Object.fromEntries(s.reviews.map((r) => [r.recordId, r.decision]))}
            onReview={review}
          />
        </Stack>
      )}
    </Card>
  );
}
