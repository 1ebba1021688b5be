import {
  Alert,
  Button,
  Card,
  Grid,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import {
  CITIZENSHIP_LABELS,
  DOCUMENT_LABELS,
  PURPOSE_LABELS,
  PURPOSES,
} from "../../../../src/core/eligibility/index.js";
import type { ApplicationData } from "../../../../src/core/passes/state-machine.js";
import { ApiError, api } from "../../api";
import { useMe } from "../../session";
import { localName, useLang } from "../../useLang";
import { DestinationsPicker } from "./DestinationsPicker";
import { EMPTY_PERSON, type PersonDraft, type PersonField, PersonFields } from "./PersonFields";
import {
  AA_ERRORS,
  addDays,
  daysBetween,
  ErrorAlert,
  type IabUnit,
  newIdempotencyKey,
  reasonOf,
  today,
  type ZoneEntry,
} from "./shared";

const DOCUMENT_KINDS = ["ID_CARD", "PASSPORT", "BIRTH_CERTIFICATE", "MILITARY_ID"] as const;
type DocumentKind = (typeof DOCUMENT_KINDS)[number];
/** Days before departure under which an application is late under the general rule (Z p.26). */
const LEAD_DAYS = 10;

/** Where a refused submission (409) points in the form. */
const REASON_FIELD: Record<string, string> = {
  LATE_WITHOUT_REASON: "lateReason",
  DEPARTURE_IN_THE_PAST: "departureDate",
  CHILD_16_OR_OLDER: "children",
};

/** The labels of the applicant's person fields. */
const PERSON_LABELS: Record<PersonField, string> = {
  surname: "passes.apply.surname",
  givenName: "passes.apply.givenName",
  patronymic: "passes.apply.patronymic",
  birthYear: "passes.apply.birthYear",
  documentSeries: "passes.apply.docSeries",
  documentNumber: "passes.apply.docNumber",
  documentIssuedOn: "passes.apply.docIssuedOn",
  documentIssuedBy: "passes.apply.docIssuedBy",
};

/** Where each person field stands under `applicant` in the application the server validates. */
const APPLICANT_PATH: Record<PersonField, string> = {
  surname: "surname",
  givenName: "givenName",
  patronymic: "patronymic",
  birthYear: "birthYear",
  documentSeries: "identityDocument.series",
  documentNumber: "identityDocument.number",
  documentIssuedOn: "identityDocument.issuedOn",
  documentIssuedBy: "identityDocument.issuedBy",
};

interface Child {
  key: number;
  name: string;
  age: number | string;
}

/**
 * The application for a pass (Z App.2): a citizen online (/my/apply), or an officer at the counter
 * (/cases/new, the unit defaulting to the officer's own). Submitted once per form (Idempotency-Key).
 */
export function ApplyPage({ counter = false }: { counter?: boolean }) {
  const { t } = useTranslation();
  const { lang, tr } = useLang();
  const me = useMe().data;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [idempotencyKey] = useState(newIdempotencyKey);

  const [places, setPlaces] = useState<ZoneEntry[]>([]);
  const [purpose, setPurpose] = useState<string | null>("VISIT_RELATIVES");
  const [departureDate, setDepartureDate] = useState(addDays(today(), 14));
  const [stayDays, setStayDays] = useState<number | string>(10);
  const [person, setPerson] = useState<PersonDraft>(EMPTY_PERSON);
  const [placeOfBirth, setPlaceOfBirth] = useState("");
  const [citizenship, setCitizenship] = useState<"KZ" | "CIS">("KZ");
  const [docKind, setDocKind] = useState<DocumentKind>("ID_CARD");
  const [residence, setResidence] = useState("");
  const [workplace, setWorkplace] = useState("");
  const [children, setChildren] = useState<Child[]>([]);
  const [nextChild, setNextChild] = useState(1);
  const [lateReason, setLateReason] = useState("");
  const [unitChoice, setUnitChoice] = useState<string | null>(null);

  const units = useQuery({
    queryKey: ["iab-units"],
    queryFn: () => api<{ items: IabUnit[] }>("/api/v1/public/iab-units"),
  });
  const defaultUnit = counter ? (me?.unitId ?? null) : null;
  const unitId = unitChoice ?? defaultUnit;
  const submit = useMutation({
    mutationFn: () => {
      const data: ApplicationData = {
        applicant: {
          surname: person.surname.trim(),
          givenName: person.givenName.trim(),
          ...(person.patronymic.trim() ? { patronymic: person.patronymic.trim() } : {}),
          birthYear: Number(person.birthYear),
          ...(placeOfBirth.trim() ? { placeOfBirth: placeOfBirth.trim() } : {}),
          citizenship,
          identityDocument: {
            kind: docKind,
            ...(person.documentSeries.trim() ? { series: person.documentSeries.trim() } : {}),
            number: person.documentNumber.trim(),
            ...(person.documentIssuedOn ? { issuedOn: person.documentIssuedOn } : {}),
            ...(person.documentIssuedBy.trim() ? { issuedBy: person.documentIssuedBy.trim() } : {}),
          },
          ...(residence.trim() ? { residence: residence.trim() } : {}),
          ...(workplace.trim() ? { workplace: workplace.trim() } : {}),
        },
        children: children.map((c) => ({ name: c.name.trim(), age: Number(c.age) })),
        purpose: (purpose ?? "") as ApplicationData["purpose"],
        destinations: places.map((p) => p.kato),
        departureDate,
        ...(stayDays !== "" ? { stayDays: Number(stayDays) } : {}),
        ...(places.some((p) => p.inStrip) ? { inStrip: true } : {}),
        ...(lateReason.trim() ? { lateReason: lateReason.trim() } : {}),
      };
      // The page goes on to the case, which it reads there: the receipt is all it needs here.
      return api<{ id: string }>("/api/v1/applications", {
        method: "POST",
        headers: { "idempotency-key": idempotencyKey, prefer: "return=minimal" },
        body: { data, ...(unitId ? { unitId } : {}), lang },
      });
    },
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ["applications"] });
      await navigate(`/applications/${created.id}`);
    },
  });

  const error = submit.error;
  const reason = reasonOf(error);
  /** The message for a field, from a 400 naming it or a 409 whose reason points at it. */
  const fieldError = (field: string): string | undefined => {
    if (!(error instanceof ApiError)) return undefined;
    const named = error.field?.replace(/^body\.(data\.)?/, "");
    // A nested field's message keeps its path (which child); the field's own drops its code.
    if (named === field) return error.atField;
    if (named?.startsWith(`${field}.`)) return error.message;
    // The server's sentence for the reason, in the language the form asked in.
    if (reason && REASON_FIELD[reason.code] === field) return reason.text;
    return undefined;
  };
  const fieldShown =
    error instanceof ApiError &&
    (error.field !== undefined || (reason !== undefined && REASON_FIELD[reason.code] !== undefined));
  const late = daysBetween(today(), departureDate) < LEAD_DAYS || reason?.code === "LATE_WITHOUT_REASON";

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit.mutate();
  };

  const unitOptions = (units.data?.items ?? []).map((u) => ({ value: u.id, label: localName(u, lang) }));

  return (
    <Stack maw={960} style={AA_ERRORS}>
      <Title order={1}>{counter ? t("passes.apply.counterTitle") : t("passes.apply.title")}</Title>
      <Text>{t("passes.apply.intro")}</Text>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Card withBorder>
            <Stack>
              <Title order={2} size="h3">
                {t("passes.apply.trip")}
              </Title>
              <DestinationsPicker
                value={places}
                onChange={setPlaces}
                label={t("passes.apply.destinations")}
                placeholder={t("passes.apply.destinationHint")}
                description={t("passes.apply.destinationsHelp")}
                listLabel={t("passes.apply.chosenPlaces")}
                removeLabel={(name) => t("passes.apply.removePlace", { name })}
                error={fieldError("destinations")}
              />
              <Grid>
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <Select
                    label={t("passes.apply.purpose")}
                    data={PURPOSES.map((p) => ({ value: p, label: tr(PURPOSE_LABELS[p]) }))}
                    value={purpose}
                    onChange={setPurpose}
                    searchable
                    required
                    error={fieldError("purpose")}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 6, sm: 3 }}>
                  <TextInput
                    type="date"
                    label={t("passes.apply.departure")}
                    value={departureDate}
                    onChange={(e) => setDepartureDate(e.currentTarget.value)}
                    required
                    error={fieldError("departureDate")}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 6, sm: 3 }}>
                  <NumberInput
                    label={t("passes.apply.stayDays")}
                    min={1}
                    max={3660}
                    value={stayDays}
                    onChange={setStayDays}
                    error={fieldError("stayDays")}
                  />
                </Grid.Col>
              </Grid>
              {late && (
                <Textarea
                  label={t("passes.apply.lateReason")}
                  description={t("passes.apply.lateHelp", { days: LEAD_DAYS })}
                  value={lateReason}
                  onChange={(e) => setLateReason(e.currentTarget.value)}
                  autosize
                  minRows={2}
                  error={fieldError("lateReason")}
                />
              )}
            </Stack>
          </Card>

          <Card withBorder>
            <Stack>
              <Title order={2} size="h3">
                {t("passes.apply.applicant")}
              </Title>
              <PersonFields
                value={person}
                onChange={setPerson}
                labels={PERSON_LABELS}
                required
                error={(field) => fieldError(`applicant.${APPLICANT_PATH[field]}`)}
                afterBirthYear={
                  <>
                    <Grid.Col span={{ base: 6, sm: 4 }}>
                      <TextInput
                        label={t("passes.apply.placeOfBirth")}
                        value={placeOfBirth}
                        onChange={(e) => setPlaceOfBirth(e.currentTarget.value)}
                        error={fieldError("applicant.placeOfBirth")}
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 12, sm: 5 }}>
                      <Select
                        label={t("passes.apply.citizenship")}
                        data={(["KZ", "CIS"] as const).map((c) => ({
                          value: c,
                          label: tr(CITIZENSHIP_LABELS[c]),
                        }))}
                        value={citizenship}
                        onChange={(v) => setCitizenship(v === "CIS" ? "CIS" : "KZ")}
                        allowDeselect={false}
                        error={fieldError("applicant.citizenship")}
                      />
                    </Grid.Col>
                  </>
                }
                documentKind={
                  <Grid.Col span={{ base: 12, sm: 4 }}>
                    <Select
                      label={t("passes.apply.docKind")}
                      data={DOCUMENT_KINDS.map((d) => ({ value: d, label: tr(DOCUMENT_LABELS[d]) }))}
                      value={docKind}
                      onChange={(v) => setDocKind((v as DocumentKind | null) ?? "ID_CARD")}
                      allowDeselect={false}
                      error={fieldError("applicant.identityDocument.kind")}
                    />
                  </Grid.Col>
                }
                after={
                  <>
                    <Grid.Col span={{ base: 12, sm: 6 }}>
                      <TextInput
                        label={t("passes.apply.residence")}
                        value={residence}
                        onChange={(e) => setResidence(e.currentTarget.value)}
                        error={fieldError("applicant.residence")}
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 12, sm: 6 }}>
                      <TextInput
                        label={t("passes.apply.workplace")}
                        value={workplace}
                        onChange={(e) => setWorkplace(e.currentTarget.value)}
                        error={fieldError("applicant.workplace")}
                      />
                    </Grid.Col>
                  </>
                }
              />
            </Stack>
          </Card>

          <Card withBorder>
            <Stack>
              <Title order={2} size="h3">
                {t("passes.apply.children")}
              </Title>
              <Text size="sm">{t("passes.apply.childrenHelp")}</Text>
              {children.map((child, index) => (
                <Group key={child.key} align="flex-end" wrap="nowrap">
                  <TextInput
                    style={{ flex: 1 }}
                    label={t("passes.apply.childName", { n: index + 1 })}
                    value={child.name}
                    onChange={(e) => {
                      const name = e.currentTarget.value;
                      setChildren(children.map((c) => (c.key === child.key ? { ...c, name } : c)));
                    }}
                    required
                    error={fieldError(`children.${index}.name`)}
                  />
                  <NumberInput
                    w={140}
                    label={t("passes.apply.childAge", { n: index + 1 })}
                    min={0}
                    max={15}
                    value={child.age}
                    onChange={(age) =>
                      setChildren(children.map((c) => (c.key === child.key ? { ...c, age } : c)))
                    }
                    required
                    error={fieldError(`children.${index}.age`)}
                  />
                  <Button
                    variant="default"
                    onClick={() => setChildren(children.filter((c) => c.key !== child.key))}
                    aria-label={t("passes.apply.removeChild", { n: index + 1 })}
                  >
                    {t("passes.apply.remove")}
                  </Button>
                </Group>
              ))}
              {fieldError("children") && (
                <Text c="red.9" size="sm" role="alert">
                  {fieldError("children")}
                </Text>
              )}
              <Group>
                <Button
                  variant="outline"
                  onClick={() => {
                    setChildren([...children, { key: nextChild, name: "", age: "" }]);
                    setNextChild(nextChild + 1);
                  }}
                >
                  {t("passes.apply.addChild")}
                </Button>
              </Group>
            </Stack>
          </Card>

          <Card withBorder>
            <Select
              label={t("passes.apply.unit")}
              description={t("passes.apply.unitHelp")}
              data={unitOptions}
              value={unitId}
              onChange={setUnitChoice}
              searchable
              required
              error={fieldError("unitId")}
            />
          </Card>

          {error && !fieldShown && <ErrorAlert error={error} />}
          {error && fieldShown && (
            <Alert color="red" role="alert">
              {t("passes.apply.fixFields")}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={submit.isPending}>
              {t("passes.apply.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
