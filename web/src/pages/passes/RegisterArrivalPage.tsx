import { Alert, Autocomplete, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { useLang } from "../../useLang";
import { RegisterFields } from "./ActionForms";
import { PassLookupForm, usePassLookup } from "./PassLookup";
import { newIdempotencyKey, StatusBadge, useZoneSearch, type ZoneEntry } from "./shared";

/** The registrar's desk (Z p.18, App.1 rule 2): find a pass by number or code, verify it, register the arrival. */
export function RegisterArrivalPage() {
  const { t } = useTranslation();
  const lookup = usePassLookup();
  const { isCode, verification, number } = lookup;
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
          {isCode ? (
            <ArrivalForm number={number} places={verification.data?.pass?.p ?? []} />
          ) : (
            <ArrivalByNumber number={number} />
          )}
        </Card>
      )}
    </Stack>
  );
}

/** Without a code the places are not known: the registrar picks the settlement from the zone list. */
function ArrivalByNumber({ number }: { number: string }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const [text, setText] = useState("");
  const [kato, setKato] = useState<string | null>(null);
  const zone = useZoneSearch(text);
  const label = (e: ZoneEntry) => `${lang === "kk" ? e.nameKk : e.nameRu} (${e.kato})`;
  return (
    <Stack>
      <Autocomplete
        label={t("passes.arrival.settlement")}
        data={zone.items.map(label)}
        value={text}
        onChange={setText}
        filter={({ options }) => options}
        onOptionSubmit={(value) => setKato(/\((\d{9})\)$/.exec(value)?.[1] ?? null)}
      />
      {kato && <ArrivalForm key={kato} number={number} places={[kato]} />}
    </Stack>
  );
}

function ArrivalForm({ number, places }: { number: string; places: readonly string[] }) {
  const { t } = useTranslation();
  // One key per registration: a retry after a lost answer finds the registration already made.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const register = useMutation({
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
