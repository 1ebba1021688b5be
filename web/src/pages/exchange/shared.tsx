import { Badge } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Translated } from "../../../../src/core/i18n.js";
import { api } from "../../api";

// Local times live in one module for every page; the exchange pages import them from here too.
export { currentZone, DEFAULT_ZONE, formatInstant, localToIso, setDisplayZone } from "../../localTime";

/** A text in the three interface languages. */
export type Tr = Translated;

/** One field of a topic's message template (core TopicField). */
export interface FieldDef {
  name: string;
  type: string;
  required: boolean;
  label: Tr;
  options?: { code: string; label: Tr }[];
  maxItems?: number;
}

/** One class of X p.5 with its topics, as the API serves the rules. */
export interface ClassDef {
  id: string;
  clause: string;
  name: Tr;
  explanation: Tr;
  delivery: "ORAL" | "WRITTEN" | "ORAL_THEN_WRITTEN";
  copyToSuperior?: boolean;
  topics: { code: string; label: Tr; onePerMessage?: boolean; fields: FieldDef[] }[];
}

/** A unit named in a message. */
export interface UnitRef {
  unitId: string;
  code: string;
  agency: string;
  nameKk: string;
  nameRu: string;
  nameEn: string | null;
}

/** A message as the API returns it. */
export interface Message {
  id: string;
  classId: string;
  topic: string;
  clause: string;
  mode: "ORAL" | "WRITTEN";
  payload: Record<string, unknown>;
  freeText: string | null;
  officialUse: boolean;
  period: string | null;
  eventAt: string | null;
  confirmsId: string | null;
  passedTo: string | null;
  sentAt: string;
  authorName: string | null;
  origin: string;
  isDemo: boolean;
  sender: UnitRef;
  addressees: (UnitRef & {
    kind: string;
    acknowledgedAt: string | null;
    acknowledgedByName: string | null;
  })[];
  attachments: { id: string; fileName: string; contentType: string; size: number }[];
  obligations: {
    id: string;
    classId: string;
    period: string;
    clause: string;
    dueAt: string;
    deliveredAt: string | null;
    role: "CREATED" | "DISCHARGED";
  }[];
}

/** An obligation on the dashboard or the duty day. */
export interface ObligationItem {
  id: string;
  unitId: string;
  unitCode: string;
  unitName: Tr;
  agency: string;
  level: number | null;
  classId: string;
  period: string;
  clause: string;
  opensAt: string;
  dueAt: string;
  deliveredAt: string | null;
  deliveredMessageId: string | null;
  sourceMessageId: string | null;
  status: "ON_TIME" | "LATE" | "MISSING" | "PENDING" | "EARLY";
  minutesOverdue: number | null;
  escalatedAt: string | null;
}

/** The classes and templates of X p.5 (rules as data, from the server). */
export function useClasses() {
  return useQuery({
    queryKey: ["exchange", "classes"],
    queryFn: () => api<{ items: ClassDef[] }>("/api/v1/exchange/classes"),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Days, hours and minutes of an overdue item, the two largest units only (e.g. "2 d 5 h", "1 h 30 min"). */
export function overdueText(
  t: (key: string, opts: Record<string, unknown>) => string,
  minutes: number,
): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts =
    d > 0
      ? [
          t("exchange.compliance.days", { count: d }),
          h > 0 ? t("exchange.compliance.hours", { count: h }) : "",
        ]
      : h > 0
        ? [
            t("exchange.compliance.hours", { count: h }),
            m > 0 ? t("exchange.compliance.minutes", { count: m }) : "",
          ]
        : [t("exchange.compliance.minutes", { count: m })];
  return parts.filter(Boolean).join(" ");
}

const STATUS_COLORS: Record<string, string> = {
  // Dark enough for white text at AA contrast (4.5:1) on small badges.
  ON_TIME: "#1b5e20",
  LATE: "#a33a00",
  MISSING: "#b71c1c",
  PENDING: "#495057",
  EARLY: "#6a1b9a",
};

/** A compliance status badge. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status] ?? "#495057"} variant="filled">
      {t(`exchange.status.${status}`)}
    </Badge>
  );
}
