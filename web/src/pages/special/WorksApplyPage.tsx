import {
  Alert,
  Button,
  Card,
  Checkbox,
  Grid,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { WORK_KINDS } from "../../../../src/core/special/rules.js";
import { ApiError, api } from "../../api";
import { localName, useLang } from "../../useLang";
import { AA_ERRORS, addDays, ClauseBadge, ErrorAlert, today } from "../passes/shared";
import { PlacePicker } from "./common";

interface RoutePreview {
  routeId: string;
  clauses: string[];
  explanation: { kk: string; ru: string; en: string };
  bodies: {
    body: string;
    role: string;
    units: { id: string; nameKk: string; nameRu: string; nameEn: string }[];
  }[];
}

/** An application for special works (Z p.28), showing which bodies will decide and why. */
export function WorksApplyPage() {
  const { t } = useTranslation();
  const { lang, tr } = useLang();
  const navigate = useNavigate();
  const [kind, setKind] = useState<string | null>("AERIAL_PHOTOGRAPHY");
  const [inStrip, setInStrip] = useState(false);
  const [place, setPlace] = useState<string | null>(null);
  const [f, setF] = useState({
    organization: "",
    contactName: "",
    area: "",
    description: "",
    periodFrom: addDays(today(), 30),
    periodUntil: addDays(today(), 40),
  });
  const [unitChoice, setUnitChoice] = useState<Record<string, string>>({});
  const route = useQuery({
    queryKey: ["works-route", kind, inStrip],
    queryFn: () => api<RoutePreview>(`/api/v1/special-works/route?kind=${kind}&inStrip=${inStrip}`),
    enabled: kind !== null,
  });
  const submit = useMutation({
    mutationFn: () => {
      const units = Object.fromEntries(
        (route.data?.bodies ?? [])
          .map((b) => [b.body, unitChoice[b.body] ?? (b.units.length === 1 ? b.units[0]?.id : undefined)])
          .filter(([, id]) => id),
      );
      return api<{ id: string }>("/api/v1/special-works", {
        method: "POST",
        body: {
          organization: f.organization.trim(),
          contactName: f.contactName.trim(),
          kind,
          inStrip,
          places: place ? [place] : [],
          area: f.area.trim(),
          description: f.description.trim(),
          periodFrom: f.periodFrom,
          periodUntil: f.periodUntil,
          units,
          lang,
        },
      });
    },
    onSuccess: (r) => navigate(`/special-works/${r.id}`),
  });
  const fieldError = (field: string) =>
    submit.error instanceof ApiError && submit.error.field === field ? submit.error.atField : undefined;
  const text = (key: keyof typeof f, required = true, long = false) => {
    const Input = long ? Textarea : TextInput;
    return (
      <Input
        label={t(`special.field.${key}`)}
        required={required}
        value={f[key]}
        type={key.startsWith("period") ? "date" : undefined}
        onChange={(e: { currentTarget: { value: string } }) => {
          const value = e.currentTarget.value;
          setF((old) => ({ ...old, [key]: value }));
        }}
        error={fieldError(key)}
      />
    );
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit.mutate();
  };
  return (
    <form onSubmit={onSubmit} style={AA_ERRORS} noValidate>
      <Stack>
        <Title order={1}>{t("special.works.applyTitle")}</Title>
        <Text>{t("special.works.applyIntro")}</Text>
        <Card withBorder>
          <Stack>
            {text("organization")}
            {text("contactName")}
            <Select
              label={t("special.field.kind")}
              required
              data={WORK_KINDS.map((k) => ({ value: k, label: t(`special.kind.${k}`) }))}
              value={kind}
              onChange={setKind}
            />
            <Checkbox
              label={t("special.field.inStrip")}
              checked={inStrip}
              onChange={(e) => setInStrip(e.currentTarget.checked)}
            />
            <PlacePicker
              label={t("special.field.place")}
              value={place}
              onChange={setPlace}
              error={fieldError("places")}
            />
            {text("area", true, true)}
            {text("description", true, true)}
            <Grid>
              <Grid.Col span={{ base: 12, sm: 6 }}>{text("periodFrom")}</Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>{text("periodUntil")}</Grid.Col>
            </Grid>
          </Stack>
        </Card>
        {route.data && (
          <Alert color="blue" title={t("special.works.routeTitle")} data-testid="route">
            <Stack gap="xs">
              <Text size="sm">
                {tr(route.data.explanation)}{" "}
                {route.data.clauses.map((c) => (
                  <ClauseBadge key={c} clause={c} />
                ))}
              </Text>
              <Text size="sm">{t("special.works.stripNote")}</Text>
              {route.data.bodies.map((b) => (
                <Select
                  key={b.body}
                  label={`${t(`special.body.${b.body}`)} — ${t(`special.role.${b.role}`)}`}
                  data={b.units.map((u) => ({
                    value: u.id,
                    label: localName(u, lang),
                  }))}
                  value={unitChoice[b.body] ?? (b.units.length === 1 ? (b.units[0]?.id ?? null) : null)}
                  onChange={(v) => v && setUnitChoice((old) => ({ ...old, [b.body]: v }))}
                  error={fieldError(`units.${b.body}`)}
                />
              ))}
            </Stack>
          </Alert>
        )}
        <ErrorAlert error={submit.error} />
        <Button type="submit" loading={submit.isPending} style={{ alignSelf: "flex-start" }}>
          {t("special.submit")}
        </Button>
      </Stack>
    </form>
  );
}
