import { Alert, Autocomplete, Button, Card, Group, Stack, Text, Textarea, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { api } from "../../api";
import { useLang } from "../../useLang";
import { RegisterFields } from "./ActionForms";
import { ErrorAlert, StatusBadge, type ZoneEntry } from "./shared";
import { useVerification, VerificationCard } from "./VerifyPage";

/** The registrar's desk (Z p.18, App.1 rule 2): find a pass by number or code, verify it, register the arrival. */
export function RegisterArrivalPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const current = params.get("code") ?? params.get("number") ?? "";
  const [text, setText] = useState(current);
  const isCode = current.startsWith("SHK");
  const verification = useVerification(isCode ? current : "");
  const number = isCode ? verification.data?.pass?.n : current || undefined;
  const find = (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    setParams(value.startsWith("SHK") ? { code: value } : value ? { number: value } : {});
  };
  return (
    <Stack maw={860}>
      <Title order={1}>{t("passes.arrival.title")}</Title>
      <Text>{t("passes.arrival.intro")}</Text>
      <form onSubmit={find}>
        <Stack>
          <Textarea
            label={t("passes.arrival.find")}
            description={t("passes.arrival.findHelp")}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            autosize
            minRows={1}
          />
          <Group>
            <Button type="submit" variant="outline">
              {t("passes.arrival.findButton")}
            </Button>
          </Group>
        </Stack>
      </form>
      <ErrorAlert error={verification.error} />
      {verification.data && <VerificationCard result={verification.data} />}
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
  const [debounced] = useDebouncedValue(text, 250);
  const zone = useQuery({
    queryKey: ["zone-search", debounced],
    queryFn: () =>
      api<{ items: ZoneEntry[] }>(`/api/v1/reference/zone?limit=20&q=${encodeURIComponent(debounced)}`),
  });
  const label = (e: ZoneEntry) => `${lang === "kk" ? e.nameKk : e.nameRu} (${e.kato})`;
  return (
    <Stack>
      <Autocomplete
        label={t("passes.arrival.settlement")}
        data={(zone.data?.items ?? []).map(label)}
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
  const register = useMutation({
    mutationFn: (payload: Record<string, unknown>) =>
      api<{ id: string; status: string }>(`/api/v1/passes/by-number/${encodeURIComponent(number)}/actions`, {
        method: "POST",
        body: { type: "REGISTERED", payload },
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
