import { Alert, Card, Group, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { useMe } from "../../session";
import { ActionFrame, type FormProps, LossForm, ReturnForm } from "./ActionForms";
import { PASS_VERDICT_KEYS, PassLookupForm, usePassLookup } from "./PassLookup";
import { addDays, newIdempotencyKey, StatusBadge, today } from "./shared";

/**
 * The desk of any IAB for a pass it did not issue (Z p.23, p.24, p.36, App.1 rule 3): find the pass
 * by its code or number, then extend it en route, report its loss, or take it back.
 */
export function PassDeskPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const lookup = usePassLookup();
  const { verification, number } = lookup;
  const validUntil = verification.data?.current?.validUntil ?? verification.data?.pass?.u;
  const can = (permission: string) => me?.permissions.includes(permission) ?? false;
  return (
    <Stack maw={860}>
      <Title order={1}>{t("passes.desk.title")}</Title>
      <Text>{t("passes.desk.intro")}</Text>
      <PassLookupForm lookup={lookup} />
      {number && (
        <Stack key={number}>
          {can("passes.decide") && (
            <DeskAction number={number} type="EXTENDED" title={t("passes.desk.extend")}>
              {(props) => <ExtendEnRoute {...props} validUntil={validUntil} />}
            </DeskAction>
          )}
          {can("applications.intake") && (
            <>
              <DeskAction number={number} type="LOSS_REPORTED" title={t("passes.desk.loss")}>
                {(props) => <LossForm {...props} />}
              </DeskAction>
              <DeskAction number={number} type="RETURNED" title={t("passes.desk.return")}>
                {(props) => <ReturnForm {...props} />}
              </DeskAction>
            </>
          )}
        </Stack>
      )}
    </Stack>
  );
}

/** One step on a pass by its number, with its own result. */
function DeskAction({
  number,
  type,
  title,
  children,
}: {
  number: string;
  type: string;
  title: string;
  children: (props: FormProps) => React.ReactNode;
}) {
  const { t } = useTranslation();
  // One key per step on this form: a retry after a lost answer finds the step already taken.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const queryClient = useQueryClient();
  const step = useMutation({
    // The verdict above the forms shows the step's effect (extended, lost, returned).
    onSuccess: () => {
      for (const queryKey of PASS_VERDICT_KEYS) void queryClient.invalidateQueries({ queryKey });
    },
    mutationFn: (payload: Record<string, unknown>) =>
      api<{ id: string; status: string }>(`/api/v1/passes/by-number/${encodeURIComponent(number)}/actions`, {
        method: "POST",
        body: { type, payload },
        headers: { "idempotency-key": idempotencyKey },
      }),
  });
  return (
    <Card withBorder>
      <Title order={2} size="h3" mb="sm">
        {title}
      </Title>
      {step.data ? (
        <Alert color="teal.9" variant="outline" role="status" title={t("passes.desk.done")}>
          <Group gap="xs">
            <Text>{t("passes.desk.doneText", { number })}</Text>
            <StatusBadge status={step.data.status} />
          </Group>
        </Alert>
      ) : (
        children({
          pending: step.isPending,
          error: step.error,
          submitLabel: t(`passes.actionSubmit.${type}`),
          send: (payload) => step.mutate(payload),
        })
      )}
    </Card>
  );
}

/** An extension en route (Z p.23): the new end date, checked and cited by the server. */
function ExtendEnRoute({ send, validUntil, ...frame }: FormProps & { validUntil: string | undefined }) {
  const { t } = useTranslation();
  const [newValidUntil, setUntil] = useState(addDays(validUntil ?? today(), 10));
  const [note, setNote] = useState("");
  return (
    <ActionFrame
      {...frame}
      onSubmit={() => send({ newValidUntil, ...(note.trim() ? { note: note.trim() } : {}) })}
    >
      {validUntil && <Text size="sm">{t("passes.form.currentUntil", { date: validUntil })}</Text>}
      <TextInput
        type="date"
        label={t("passes.form.newValidUntil")}
        value={newValidUntil}
        onChange={(e) => setUntil(e.currentTarget.value)}
        required
      />
      <Textarea label={t("passes.form.note")} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
    </ActionFrame>
  );
}
