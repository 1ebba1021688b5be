import { Alert, Badge, Group, List, Stack, Text, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQueries, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { PASS_RULES } from "../../../../src/adapters/pdf/text.js";
import type { ApplicationData, CaseState } from "../../../../src/core/passes/state-machine.js";
import { ApiError, api } from "../../api";
import { placeName, regionOf, useLang } from "../../useLang";
import type { Answer } from "../eligibility/EligibilityResult";

/** One action of a case's history as the API returns it. */
export interface CaseAction {
  type: string;
  at: string;
  by: string;
  payload: Record<string, unknown>;
}

/** A pass of a case. */
export interface PassRow {
  id: string;
  number: string;
  status: string;
  validFrom: string;
  validUntil: string;
  code: string;
}

/** A case as GET /api/v1/applications/:id returns it. */
export interface CaseJson {
  id: string;
  number: string;
  status: string;
  stage: string;
  unitId: string;
  applicantUserId: string | null;
  data: ApplicationData;
  eligibility: Answer;
  flags: string[];
  state: CaseState;
  actions: CaseAction[];
  allowed: string[];
  passes: PassRow[];
  files: { id: string; name: string; type: string; size: number }[];
  createdAt: string;
}

/** A line of a work queue or of "my applications". */
export interface CaseListItem {
  id: string;
  number: string;
  status: string;
  surname: string;
  givenName: string;
  patronymic: string | null;
  birthYear: number;
  destinationKato: string;
  departureDate: string;
  purpose: string;
  flags: string[];
  createdAt: string;
}

/** A border-zone settlement as the reference search returns it. */
export interface ZoneEntry {
  kato: string;
  nameKk: string;
  nameRu: string;
  regionKk: string;
  regionRu: string;
  inStrip: boolean;
}

/**
 * The border-zone settlements (the zone list in force) matching what is typed, a name or a KATO
 * code, and the label of each: "name — region (KATO)" in the interface language.
 */
export function useZoneSearch(text: string) {
  const { place } = useLang();
  const [debounced] = useDebouncedValue(text, 250);
  const zone = useQuery({
    queryKey: ["zone-search", debounced],
    queryFn: () =>
      api<{ items: ZoneEntry[] }>(`/api/v1/reference/zone?limit=20&q=${encodeURIComponent(debounced)}`),
  });
  return {
    items: zone.data?.items ?? [],
    label: (e: ZoneEntry) => `${place(e)} — ${place(regionOf(e))} (${e.kato})`,
  };
}

/** An IAB that takes applications. */
export interface IabUnit {
  id: string;
  code: string;
  nameKk: string;
  nameRu: string;
}

/** The verdict of GET /api/v1/verify/:code. */
export interface Verification {
  status: string;
  pass?: { v: number; n: string; h: string; y: number; p: string[]; f: string; u: string; k: string };
  places?: { kato: string; nameKk: string; nameRu: string }[];
  current?: { status: string; validUntil: string };
  /** A foreigner's permit (Z p.17) carries the same code as a pass. */
  document?: "pass" | "permit";
}

/** A random key for one form, so a retried submission is taken once. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The reason of a refused step (409), when the server gives one: its code and its sentence. */
export function reasonOf(error: unknown): { code: string; text: string } | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const first = error.details?.[0] as { reason?: unknown; text?: unknown } | undefined;
  if (typeof first?.reason !== "string") return undefined;
  return { code: first.reason, text: typeof first.text === "string" ? first.text : error.message };
}

/** Today in the browser's calendar, as YYYY-MM-DD. */
export function today(): string {
  return isoOf(new Date());
}

/** A date some days after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00`);
  d.setDate(d.getDate() + days);
  return isoOf(d);
}

function isoOf(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** Whole days from one YYYY-MM-DD date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export { formatInstant } from "../../localTime";

/** A translated text with a fallback to the code when no translation exists. */
export function useCodeLabel() {
  const { t } = useTranslation();
  return (group: string, code: string) => t(`passes.${group}.${code}`, { defaultValue: code });
}

const STATUS_COLOR: Record<string, string> = {
  SUBMITTED: "blue.8",
  CHECKED: "blue.8",
  APPROVED: "teal.9",
  ISSUED: "teal.9",
  REGISTERED: "teal.9",
  REPLACED: "teal.9",
  REFUSED: "red.9",
  REVOKED: "red.9",
  LOST: "red.9",
  EXPIRED: "dark",
  RETURNED: "dark",
  VALID: "teal.9",
  NOT_YET_VALID: "violet.9",
  FORGED: "red.9",
  MALFORMED: "red.9",
};

/** A case or pass status as a filled, translated badge. */
export function StatusBadge({ status, size = "md" }: { status: string; size?: "md" | "lg" | "xl" }) {
  const label = useCodeLabel();
  return (
    <Badge
      color={STATUS_COLOR[status] ?? "dark"}
      variant="filled"
      size={size}
      tt="none"
      style={{ flexShrink: 0, overflow: "visible" }}
      styles={{ label: { overflow: "visible" } }}
    >
      {label("status", status)}
    </Badge>
  );
}

const FLAG_COLOR: Record<string, string> = {
  LATE_APPLICATION: "red.9",
  CHECK_HIT: "red.9",
  CHECK_CONFIRMED_MATCH: "red.9",
  RETURN_OVERDUE: "red.9",
  VIOLATION: "red.9",
  REGISTRATION_LATE: "red.9",
  HANDOVER_LATE: "red.9",
};

/** Case flags as translated outline badges. */
export function FlagBadges({ flags }: { flags: readonly string[] }) {
  const label = useCodeLabel();
  if (flags.length === 0) return null;
  return (
    <Group gap={4}>
      {flags.map((flag) => (
        <Badge key={flag} variant="outline" color={FLAG_COLOR[flag] ?? "violet.9"} tt="none" title={flag}>
          {label("flag", flag)}
        </Badge>
      ))}
    </Group>
  );
}

/** Scoped style: field errors in red.9, which meets WCAG AA contrast on white (Mantine's default does not). */
export const AA_ERRORS = { "--mantine-color-error": "var(--mantine-color-red-9)" } as React.CSSProperties;

/** A clause of the instruction as a badge. */
export function ClauseBadge({ clause }: { clause: string }) {
  return (
    <Badge variant="outline" color="dark" tt="none">
      {clause}
    </Badge>
  );
}

function zoneByKato(kato: string) {
  return {
    queryKey: ["zone-kato", kato],
    staleTime: 3_600_000,
    queryFn: () =>
      api<{ items: ZoneEntry[] }>(`/api/v1/reference/zone?limit=5&q=${encodeURIComponent(kato)}`),
  };
}

/** Labels "name (KATO)" of several settlements, for selects. */
export function usePlaceLabels(katos: readonly string[]): Record<string, string> {
  const { lang } = useLang();
  const results = useQueries({ queries: katos.map(zoneByKato) });
  const labels: Record<string, string> = {};
  katos.forEach((kato, i) => {
    const entry = results[i]?.data?.items.find((e) => e.kato === kato);
    labels[kato] = entry ? `${placeName(entry, lang)} (${kato})` : kato;
  });
  return labels;
}

/** A settlement's name by its KATO code (looked up in the zone list), with the code. */
export function PlaceName({ kato }: { kato: string }) {
  const { lang } = useLang();
  const place = useQuery(zoneByKato(kato));
  const entry = place.data?.items.find((e) => e.kato === kato);
  if (!entry) return <>{kato}</>;
  return (
    <>
      {placeName(entry, lang)} ({kato})
    </>
  );
}

/** An API error with its clause, as an alert. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const clause = error instanceof ApiError ? error.clause : undefined;
  return (
    <Alert color="red" role="alert" title={t("common.error")}>
      <Stack gap={4}>
        <Text size="sm">{message}</Text>
        {clause && (
          <Group gap="xs">
            <Text size="sm">{t("passes.clause")}:</Text>
            <ClauseBadge clause={clause} />
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

/** The five rules printed on the back of the pass (Z App.1). */
export function PassRules({ heading = true }: { heading?: boolean }) {
  const { t } = useTranslation();
  const { tr } = useLang();
  return (
    <Stack gap="xs">
      {heading && <Title order={2}>{t("passes.rules.title")}</Title>}
      <List type="ordered" spacing="xs">
        {PASS_RULES.map((rule) => (
          <List.Item key={rule.clause}>
            <Text size="sm">
              {tr(rule.text)} <ClauseBadge clause={rule.clause} />
            </Text>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
