import { Button, Card, Grid, Select, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ApiError, api } from "../../api";
import { useMe } from "../../session";
import { localName, useLang } from "../../useLang";
import { AA_ERRORS, addDays, ErrorAlert, type IabUnit, today } from "../passes/shared";
import { PlacePicker } from "./common";

const DOCUMENTS = ["FOREIGN_PASSPORT", "RESIDENCE_PERMIT", "STATELESS_CERTIFICATE"] as const;
const RESIDENCE = ["TEMPORARY_VISITOR", "PERMANENT_RESIDENT"] as const;

/**
 * A foreigner's or stateless person's application for a permit (Z p.17): at the IAB counter by an
 * officer (the unit is the officer's own), or online by the applicant (who picks the IAB).
 */
export function ForeignerApplyPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const me = useMe().data;
  const navigate = useNavigate();
  const counter = me?.permissions.includes("applications.intake") === true;
  const [f, setF] = useState({
    surname: "",
    givenName: "",
    patronymic: "",
    birthDate: "",
    citizenship: "",
    documentKind: "FOREIGN_PASSPORT" as string | null,
    documentNumber: "",
    residence: "TEMPORARY_VISITOR" as string | null,
    destinationKato: null as string | null,
    purpose: "",
    stayFrom: addDays(today(), 14),
    stayUntil: addDays(today(), 28),
    unitId: null as string | null,
  });
  const set = (key: keyof typeof f) => (value: string | null) => setF((old) => ({ ...old, [key]: value }));
  const units = useQuery({
    queryKey: ["iab-units"],
    queryFn: () => api<{ items: IabUnit[] }>("/api/v1/public/iab-units"),
    enabled: !counter,
  });
  const submit = useMutation({
    mutationFn: () =>
      api<{ id: string; number: string }>("/api/v1/foreigners", {
        method: "POST",
        body: {
          surname: f.surname.trim(),
          givenName: f.givenName.trim(),
          ...(f.patronymic.trim() ? { patronymic: f.patronymic.trim() } : {}),
          birthDate: f.birthDate,
          citizenship: f.citizenship.trim().toUpperCase(),
          documentKind: f.documentKind,
          documentNumber: f.documentNumber.trim(),
          residence: f.residence,
          destinationKato: f.destinationKato ?? "",
          purpose: f.purpose.trim(),
          stayFrom: f.stayFrom,
          stayUntil: f.stayUntil,
          ...(f.unitId ? { unitId: f.unitId } : {}),
          lang,
        },
      }),
    onSuccess: (result) => navigate(`/foreigners/${result.id}`),
  });
  const fieldError = (field: string) =>
    submit.error instanceof ApiError && submit.error.field === field ? submit.error.atField : undefined;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit.mutate();
  };
  return (
    <form onSubmit={onSubmit} style={AA_ERRORS} noValidate>
      <Stack>
        <Title order={1}>{t("special.foreigners.applyTitle")}</Title>
        <Text>{t("special.foreigners.applyIntro")}</Text>
        <Card withBorder>
          <Stack>
            <Title order={2}>{t("special.section.person")}</Title>
            <Grid>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput
                  label={t("special.field.surname")}
                  required
                  value={f.surname}
                  onChange={(e) => set("surname")(e.currentTarget.value)}
                  error={fieldError("surname")}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput
                  label={t("special.field.givenName")}
                  required
                  value={f.givenName}
                  onChange={(e) => set("givenName")(e.currentTarget.value)}
                  error={fieldError("givenName")}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput
                  label={t("special.field.patronymic")}
                  value={f.patronymic}
                  onChange={(e) => set("patronymic")(e.currentTarget.value)}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput
                  type="date"
                  label={t("special.field.birthDate")}
                  required
                  value={f.birthDate}
                  onChange={(e) => set("birthDate")(e.currentTarget.value)}
                  error={fieldError("birthDate")}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput
                  label={t("special.field.citizenship")}
                  description={t("special.field.citizenshipHint")}
                  required
                  value={f.citizenship}
                  onChange={(e) => set("citizenship")(e.currentTarget.value)}
                  error={fieldError("citizenship")}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <Select
                  label={t("special.field.residence")}
                  required
                  data={RESIDENCE.map((r) => ({ value: r, label: t(`special.residence.${r}`) }))}
                  value={f.residence}
                  onChange={set("residence")}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Select
                  label={t("special.field.documentKind")}
                  required
                  data={DOCUMENTS.map((d) => ({ value: d, label: t(`special.document.${d}`) }))}
                  value={f.documentKind}
                  onChange={set("documentKind")}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label={t("special.field.documentNumber")}
                  required
                  value={f.documentNumber}
                  onChange={(e) => set("documentNumber")(e.currentTarget.value)}
                  error={fieldError("documentNumber")}
                />
              </Grid.Col>
            </Grid>
          </Stack>
        </Card>
        <Card withBorder>
          <Stack>
            <Title order={2}>{t("special.section.trip")}</Title>
            <PlacePicker
              label={t("special.field.destination")}
              value={f.destinationKato}
              onChange={set("destinationKato")}
              error={fieldError("destinationKato")}
            />
            <Textarea
              label={t("special.field.purpose")}
              required
              value={f.purpose}
              onChange={(e) => set("purpose")(e.currentTarget.value)}
              error={fieldError("purpose")}
            />
            <Grid>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  type="date"
                  label={t("special.field.stayFrom")}
                  required
                  value={f.stayFrom}
                  onChange={(e) => set("stayFrom")(e.currentTarget.value)}
                  error={fieldError("stayFrom")}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  type="date"
                  label={t("special.field.stayUntil")}
                  required
                  value={f.stayUntil}
                  onChange={(e) => set("stayUntil")(e.currentTarget.value)}
                  error={fieldError("stayUntil")}
                />
              </Grid.Col>
            </Grid>
            {!counter && (
              <Select
                label={t("special.field.iab")}
                required
                data={(units.data?.items ?? []).map((u) => ({ value: u.id, label: localName(u, lang) }))}
                value={f.unitId}
                onChange={set("unitId")}
                error={fieldError("unitId")}
              />
            )}
          </Stack>
        </Card>
        <ErrorAlert error={submit.error} />
        <Button type="submit" loading={submit.isPending} style={{ alignSelf: "flex-start" }}>
          {t("special.submit")}
        </Button>
      </Stack>
    </form>
  );
}
