import { Alert, Badge, Card, Group, List, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import {
  DOCUMENT_LABELS,
  FLAG_LABELS,
  ISSUER_LABELS,
  OUTCOME_LABELS,
} from "../../../../src/core/eligibility/index.js";
import type { Translated } from "../../../../src/core/i18n.js";
import { placeName, regionOf, useLang } from "../../useLang";

/** The engine's answer as the API returns it. */
export interface Answer {
  outcome: keyof typeof OUTCOME_LABELS;
  documents: string[];
  missingDocuments?: string[];
  missingOptions?: string[][];
  issuer?: keyof typeof ISSUER_LABELS;
  applyBy?: string;
  maxValidityDays?: number;
  registerWithinDays?: number;
  handOverWithinDays?: number;
  clauses: string[];
  explanation: Translated;
  ruleSetVersion: number;
  flags?: string[];
  fallback?: Answer;
  destination?: {
    kato: string;
    nameKk: string;
    nameRu: string;
    regionKk: string;
    regionRu: string;
    inStrip: boolean;
  };
}

// The outcome's colour marks the card's edge; its name is the heading, in the reader's language
// (the code, English in every language, is left to the API and `data-outcome`).
const COLOR: Record<Answer["outcome"], string> = {
  NO_PASS_NEEDED: "var(--mantine-color-teal-9)",
  PASS_REQUIRED: "var(--mantine-color-blue-8)",
  PERMIT_REQUIRED: "var(--mantine-color-violet-9)",
  NOT_ADMITTED: "var(--mantine-color-red-9)",
  MISSING_DOCUMENTS: "#9a3412",
};

/** Shows an eligibility answer: outcome, documents, where and by when, and the clauses behind it. */
export function EligibilityResult({ answer, nested = false }: { answer: Answer; nested?: boolean }) {
  const { t } = useTranslation();
  const { lang, tr } = useLang();
  const doc = (code: string) => tr(DOCUMENT_LABELS[code as keyof typeof DOCUMENT_LABELS]) || code;
  const place = answer.destination;
  return (
    <Card
      withBorder
      padding="lg"
      aria-live="polite"
      data-testid={nested ? "fallback" : "eligibility-result"}
      data-outcome={answer.outcome}
      style={{ borderInlineStart: `6px solid ${COLOR[answer.outcome]}` }}
    >
      <Stack gap="sm">
        <Title order={nested ? 3 : 2}>{tr(OUTCOME_LABELS[answer.outcome])}</Title>
        {place && (
          <Text>
            {`${placeName(place, lang)}, ${placeName(regionOf(place), lang)}`}
            {place.inStrip ? ` (${t("elig.inStrip")})` : ""}
          </Text>
        )}
        <Text>{tr(answer.explanation)}</Text>
        {answer.missingDocuments && answer.missingDocuments.length > 0 && (
          <Alert color="orange" title={t("elig.missing")}>
            <List>
              {(answer.missingOptions ?? answer.missingDocuments.map((d) => [d])).map((options) => (
                <List.Item key={options.join("|")}>{options.map(doc).join(" / ")}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {answer.documents.length > 0 && (
          <div>
            <Text fw={600}>{t("elig.docsToPresent")}</Text>
            <List>
              {answer.documents.map((d) => (
                <List.Item key={d}>{doc(d)}</List.Item>
              ))}
            </List>
          </div>
        )}
        {answer.issuer && (
          <Text>
            <b>{t("elig.issuer")}:</b> {tr(ISSUER_LABELS[answer.issuer])}
          </Text>
        )}
        {answer.applyBy && (
          <Text>
            <b>{t("elig.applyBy")}:</b> {answer.applyBy}
          </Text>
        )}
        {answer.maxValidityDays !== undefined && (
          <Text>
            <b>{t("elig.maxValidity")}:</b> {t("elig.days", { count: answer.maxValidityDays })}
          </Text>
        )}
        {answer.registerWithinDays !== undefined && (
          <Text>{t("elig.registerWithin", { count: answer.registerWithinDays })}</Text>
        )}
        {answer.handOverWithinDays !== undefined && (
          <Text>{t("elig.handOverWithin", { count: answer.handOverWithinDays })}</Text>
        )}
        {answer.flags && answer.flags.length > 0 && (
          <Alert color="yellow" title={t("elig.flags")}>
            {answer.flags.map((f) => (
              <Text key={f}>{tr(FLAG_LABELS[f]) || f}</Text>
            ))}
          </Alert>
        )}
        <Group gap="xs">
          <Text fw={600}>{t("elig.clauses")}:</Text>
          {answer.clauses.map((c) => (
            <Badge key={c} variant="outline" color="dark" tt="none">
              {c}
            </Badge>
          ))}
          <Text size="sm" c="dimmed">
            {t("elig.ruleSet", { version: answer.ruleSetVersion })}
          </Text>
        </Group>
        {answer.fallback && (
          <Stack gap="xs">
            <Text fw={600}>{t("elig.otherwise")}</Text>
            <EligibilityResult answer={answer.fallback} nested />
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
