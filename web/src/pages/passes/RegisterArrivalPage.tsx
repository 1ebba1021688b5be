import { Alert, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { RegisterFields } from "./ActionForms";
import { PASS_VERDICT_KEYS, PassLookupForm, usePassLookup } from "./PassLookup";
import { newIdempotencyKey, StatusBadge } from "./shared";

/** The registrar's desk (Z p.18, App.1 rule 2): find a pass by number or code, see its verdict, register the arrival at a place on it. */
export function RegisterArrivalPage() {
  const { t } = useTranslation();
  const lookup = usePassLookup();
  const { verification, number } = lookup;
  return (
    <Stack maw={860}>
      <Title order={1}>{t("passes.arrival.title")}</Title>
      <Text>{t("passes.arrival.intro")}</Text>
      <PassLookupForm lookup={lookup} />
      {number && (
        <Card withBorder key={number}>
          <Title order={2} size="h3" mb="sm">
            {t("passes.arrival.formTitle", { number })}
          </Title>
          <ArrivalForm number={number} places={verification.data?.pass?.p ?? []} />
        </Card>
      )}
    </Stack>
  );
}

function ArrivalForm({ number, places }: { number: string; places: readonly string[] }) {
  const { t } = useTranslation();
  // One key per registration: a retry after a lost answer finds the registration already made.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const queryClient = useQueryClient();
  const register = useMutation({
    onSuccess: () => {
      for (const queryKey of PASS_VERDICT_KEYS) void queryClient.invalidateQueries({ queryKey });
    },
    mutationFn: (payload: Record<string, unknown>) =>
      api<{ id: string; status: string }>(`/api/v1/passes/by-number/${encodeURIComponent(number)}/actions`, {
        method: "POST",
        body: { type: "REGISTERED", payload },
        headers: { "idempotency-key": idempotencyKey },
      }),
  });
  if (register.data) {
    return (
      <Alert color="teal.9" variant="outline" title={t("passes.arrival.done")} role="status">
        <Group gap="xs">
          <Text>{t("passes.arrival.doneText", { number })}</Text>
          <StatusBadge status={register.data.status} />
        </Group>
      </Alert>
    );
  }
  return (
    <RegisterFields
      places={places}
      send={(payload) => register.mutate(payload)}
      pending={register.isPending}
      error={register.error}
      submitLabel={t("passes.actionSubmit.REGISTERED")}
    />
  );
}
