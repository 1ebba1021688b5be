import { Badge, Button, Group, List, Modal, Stack, Table, Text, Textarea } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../useLang";
import { AA_ERRORS, ErrorAlert } from "../passes/shared";

/** One explanation line of a score, in all three languages. */
export interface ExplanationLine {
  code: string;
  kk: string;
  ru: string;
  en: string;
}

/** A record raised by a check, as the API returns it. */
export interface Candidate {
  recordId: string;
  score: number;
  explanation: ExplanationLine[];
  record: { names: string[]; birthDate: string | null; reason: string; source: string };
}

/** The result of checking one person. */
export interface CheckResult {
  candidates: Candidate[];
  dismissed: number;
  scored: number;
}

export type { Subject } from "./parse";

export type Decision = "CONFIRMED" | "DISMISSED";

/**
 * The candidates of one person, best first, each with its score, explanation in the interface
 * language, the latest review and (when `onReview` is given) buttons to confirm or dismiss it.
 */
export function CandidateTable({
  result,
  reviews = {},
  onReview,
  caption,
}: {
  result: CheckResult;
  reviews?: Record<string, Decision>;
  onReview?: (recordId: string, decision: Decision, reason: string) => Promise<unknown>;
  caption: string;
}) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const [reviewing, setReviewing] = useState<{ recordId: string; decision: Decision } | null>(null);
  return (
    <Stack gap="xs">
      {result.candidates.length === 0 ? (
        <Text data-testid="no-candidates">{t("screening.noCandidates")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table striped withTableBorder captionSide="top" data-testid="candidates">
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("screening.record")}</Table.Th>
                <Table.Th>{t("screening.score")}</Table.Th>
                <Table.Th>{t("screening.explanation")}</Table.Th>
                <Table.Th>{t("screening.reason")}</Table.Th>
                {onReview && <Table.Th>{t("screening.reviewed")}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.candidates.map((c) => {
                const review = reviews[c.recordId];
                return (
                  <Table.Tr key={c.recordId} data-testid={`candidate-${c.recordId}`}>
                    <Table.Td>
                      <Text fw={700} size="sm">
                        {c.record.names.join(" / ")}
                      </Text>
                      <Text size="sm">
                        {c.recordId}
                        {c.record.birthDate ? `, ${t("screening.born", { date: c.record.birthDate })}` : ""}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text fw={700} size="sm" style={{ whiteSpace: "nowrap" }}>
                        {(c.score * 100).toFixed(0)}%
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <List size="sm" spacing={2}>
                        {c.explanation.map((line) => (
                          <List.Item key={`${line.code}-${line.en}`}>{line[lang]}</List.Item>
                        ))}
                      </List>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{c.record.reason}</Text>
                      <Text size="sm">
                        {t("screening.source")}: {c.record.source}
                      </Text>
                    </Table.Td>
                    {onReview && (
                      <Table.Td>
                        <Stack gap={4}>
                          {review && (
                            <Badge color={review === "CONFIRMED" ? "red.9" : "dark"} variant="filled">
                              {t(`screening.decision.${review}`)}
                            </Badge>
                          )}
                          <Group gap={4}>
                            <Button
                              size="xs"
                              color="red.9"
                              variant="outline"
                              aria-label={`${t("screening.confirm")}: ${c.recordId}`}
                              onClick={() => setReviewing({ recordId: c.recordId, decision: "CONFIRMED" })}
                            >
                              {t("screening.confirm")}
                            </Button>
                            <Button
                              size="xs"
                              color="blue.8"
                              variant="outline"
                              aria-label={`${t("screening.dismiss")}: ${c.recordId}`}
                              onClick={() => setReviewing({ recordId: c.recordId, decision: "DISMISSED" })}
                            >
                              {t("screening.dismiss")}
                            </Button>
                          </Group>
                        </Stack>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {result.dismissed > 0 && (
        <Text size="sm" data-testid="dismissed-hidden">
          {t("screening.dismissedHidden", { count: result.dismissed })}
        </Text>
      )}
      {onReview && (
        <Modal
          opened={reviewing !== null}
          onClose={() => setReviewing(null)}
          title={reviewing ? t(`screening.reviewTitle${reviewing.decision}`) : ""}
          closeButtonProps={{ "aria-label": t("screening.close") }}
        >
          {reviewing && (
            <ReviewForm
              recordId={reviewing.recordId}
              decision={reviewing.decision}
              onReview={onReview}
              onDone={() => setReviewing(null)}
            />
          )}
        </Modal>
      )}
    </Stack>
  );
}

function ReviewForm({
  recordId,
  decision,
  onReview,
  onDone,
}: {
  recordId: string;
  decision: Decision;
  onReview: (recordId: string, decision: Decision, reason: string) => Promise<unknown>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const save = useMutation({
    mutationFn: () => onReview(recordId, decision, reason.trim()),
    onSuccess: onDone,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate style={AA_ERRORS}>
      <Stack>
        <Text size="sm">{recordId}</Text>
        <Textarea
          label={t("screening.reviewReason")}
          description={t("screening.reviewReasonHelp")}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          required
          autosize
          minRows={2}
          data-autofocus
        />
        <ErrorAlert error={save.error} />
        <Group>
          <Button
            type="submit"
            loading={save.isPending}
            color={decision === "CONFIRMED" ? "red.9" : "blue.8"}
          >
            {t("screening.save")}
          </Button>
          <Button variant="outline" color="dark" onClick={onDone}>
            {t("screening.cancel")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
