import {
  Alert,
  Autocomplete,
  Button,
  Checkbox,
  Grid,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  CITIZENSHIP_LABELS,
  CITIZENSHIPS,
  DOCUMENT_CODES,
  DOCUMENT_LABELS,
  PURPOSE_LABELS,
  PURPOSES,
  STATUS_FLAGS,
  STATUS_LABELS,
  ZONE_PART_LABELS,
  ZONE_PARTS,
} from "../../../../src/core/eligibility/index.js";
import { ApiError, api } from "../../api";
import { useLang } from "../../useLang";
import { useZoneSearch } from "../passes/shared";
import { type Answer, EligibilityResult } from "./EligibilityResult";

/** A date some days from today in the browser's calendar, as YYYY-MM-DD. */
function inDays(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** The public "Do I need a pass?" questionnaire (Z-9): builds the traveller facts and shows the answer. */
export function EligibilityPage() {
  const { t } = useTranslation();
  const { tr } = useLang();
  const [citizenship, setCitizenship] = useState<string>("KZ");
  const [age, setAge] = useState<number | string>(30);
  const [residesInZone, setResidesInZone] = useState(false);
  const [placeText, setPlaceText] = useState("");
  const [noSettlement, setNoSettlement] = useState(false);
  const [zonePart, setZonePart] = useState<string>("ZONE");
  const [departureDate, setDepartureDate] = useState(inDays(14));
  const [stayDays, setStayDays] = useState<number | string>(10);
  const [purpose, setPurpose] = useState<string | null>("TEMPORARY_STAY");
  const [status, setStatus] = useState<string[]>([]);
  const [documents, setDocuments] = useState<string[]>(["ID_CARD"]);
  const [accompanied, setAccompanied] = useState(false);

  const zone = useZoneSearch(placeText);
  const options = zone.items.map(zone.label);
  const typedCode = placeText.trim();
  const destination = /\((\d{9})\)$/.exec(placeText)?.[1] ?? typedCode;

  const check = useMutation({
    mutationFn: () =>
      api<Answer>("/api/v1/eligibility", {
        method: "POST",
        body: {
          citizenship,
          ageYears: Number(age),
          residesInZone,
          ...(noSettlement ? { zonePart } : { destination }),
          departureDate,
          ...(stayDays !== "" ? { stayDays: Number(stayDays) } : {}),
          purpose,
          status,
          documents,
          ...(Number(age) < 16 ? { accompaniedByPassHolder: accompanied } : {}),
        },
      }),
  });
  const fieldError = (field: string) =>
    check.error instanceof ApiError && check.error.field === field ? check.error.atField : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    check.mutate();
  };

  return (
    <Stack maw={960}>
      <Title order={1}>{t("elig.title")}</Title>
      <Text className="no-print">{t("elig.intro")}</Text>
      <form onSubmit={submit} className="no-print">
        <Stack>
          <Grid>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select
                label={t("elig.citizenship")}
                data={CITIZENSHIPS.map((c) => ({ value: c, label: tr(CITIZENSHIP_LABELS[c]) }))}
                value={citizenship}
                onChange={(v) => setCitizenship(v ?? "KZ")}
                allowDeselect={false}
                error={fieldError("citizenship")}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <NumberInput
                label={t("elig.age")}
                min={0}
                max={130}
                value={age}
                onChange={setAge}
                error={fieldError("ageYears")}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <TextInput
                type="date"
                label={t("elig.departure")}
                value={departureDate}
                onChange={(e) => setDepartureDate(e.currentTarget.value)}
                error={fieldError("departureDate")}
                required
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 8 }}>
              {noSettlement ? (
                <Select
                  label={t("elig.zonePart")}
                  data={ZONE_PARTS.map((p) => ({ value: p, label: tr(ZONE_PART_LABELS[p]) }))}
                  value={zonePart}
                  onChange={(v) => setZonePart(v ?? "ZONE")}
                  allowDeselect={false}
                  error={fieldError("zonePart")}
                />
              ) : (
                <Autocomplete
                  label={t("elig.destination")}
                  placeholder={t("elig.destinationHint")}
                  data={options}
                  value={placeText}
                  onChange={setPlaceText}
                  // The server has searched in every spelling; matching the typed text again here
                  // would drop "Qorghas" found for "Korgas".
                  filter={({ options: all }) => all}
                  error={fieldError("destination")}
                />
              )}
              <Checkbox
                mt="xs"
                label={t("elig.noSettlement")}
                checked={noSettlement}
                onChange={(e) => setNoSettlement(e.currentTarget.checked)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <NumberInput
                label={t("elig.stayDays")}
                min={1}
                max={3660}
                value={stayDays}
                onChange={setStayDays}
                error={fieldError("stayDays")}
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <Select
                label={t("elig.purpose")}
                data={PURPOSES.map((p) => ({ value: p, label: tr(PURPOSE_LABELS[p]) }))}
                value={purpose}
                onChange={setPurpose}
                searchable
                error={fieldError("purpose")}
              />
            </Grid.Col>
          </Grid>
          <Switch
            label={t("elig.residesInZone")}
            checked={residesInZone}
            onChange={(e) => setResidesInZone(e.currentTarget.checked)}
          />
          {Number(age) < 16 && (
            <Switch
              label={t("elig.accompanied")}
              checked={accompanied}
              onChange={(e) => setAccompanied(e.currentTarget.checked)}
            />
          )}
          <Checkbox.Group
            label={t("elig.status")}
            value={status}
            onChange={setStatus}
            error={fieldError("status")}
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
              {STATUS_FLAGS.map((s) => (
                <Checkbox key={s} value={s} label={tr(STATUS_LABELS[s])} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Checkbox.Group
            label={t("elig.documents")}
            value={documents}
            onChange={setDocuments}
            error={fieldError("documents")}
          >
            <SimpleGrid cols={{ base: 1, sm: 3 }} mt="xs">
              {DOCUMENT_CODES.map((d) => (
                <Checkbox key={d} value={d} label={tr(DOCUMENT_LABELS[d])} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          {check.error && (
            <Alert color="red" role="alert">
              {check.error.message}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={check.isPending}>
              {t("elig.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
      {check.data && (
        <Stack>
          <EligibilityResult answer={check.data} />
          <Group className="no-print">
            <Button variant="outline" onClick={() => window.print()}>
              {t("elig.print")}
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
