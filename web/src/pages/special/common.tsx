import { Badge, Select } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useZoneSearch, type ZoneEntry } from "../passes/shared";

/** A foreigner's case line as GET /api/v1/foreigners returns it. */
export interface ForeignerSummary {
  id: string;
  number: string;
  stage: string;
  fullName: string;
  citizenship: string;
  destinationKato: string;
  stayFrom: string;
  stayUntil: string;
  dueAt: string | null;
  overdue: boolean;
  escalated: boolean;
  createdAt: string;
}

/** A unit reference in the three languages. */
export interface UnitRef {
  id: string;
  nameKk: string;
  nameRu: string;
  nameEn: string;
}

/** A whole foreigner's case as GET /api/v1/foreigners/:id returns it. */
export interface ForeignerCase extends ForeignerSummary {
  version: number;
  surname: string;
  givenName: string;
  patronymic: string | null;
  birthDate: string;
  documentKind: string;
  documentNumber: string;
  residence: string;
  purpose: string;
  unit: UnitRef | null;
  nscUnit: UnitRef | null;
  escalatedTo: UnitRef | null;
  escalatedAt: string | null;
  nscReason: string | null;
  refusalReason: string | null;
  deadline: { days: number; clauses: string[]; explanation: { kk: string; ru: string; en: string } };
  steps: { step: string; at: string; reason: string | null; clause: string; unit: UnitRef | null }[];
  permit: {
    id: string;
    number: string;
    validFrom: string;
    validUntil: string;
    status: string;
    code: string;
  } | null;
  allowedSteps: string[];
}

/** A special-works application as the API returns it. */
export interface WorksJson {
  id: string;
  number: string;
  organization: string;
  contactName: string;
  kind: string;
  inStrip: boolean;
  places: string[];
  area: string;
  description: string;
  periodFrom: string;
  periodUntil: string;
  routeId: string;
  clauses: string[];
  outcome: "PENDING" | "APPROVED" | "REFUSED";
  outcomeAt: string | null;
  createdAt: string;
  routes: {
    body: string;
    role: string;
    unitId: string;
    decision: "APPROVED" | "REFUSED" | null;
    reason: string | null;
    decidedAt: string | null;
  }[];
  awaiting: string[];
}

const COLORS: Record<string, string> = {
  SUBMITTED: "blue.8",
  AT_NSC: "violet.9",
  NSC_AGREED: "teal.9",
  NSC_REFUSED: "red.9",
  ISSUED: "teal.9",
  REFUSED: "red.9",
  PENDING: "violet.9",
  APPROVED: "teal.9",
};

/** A stage or outcome, or one body's decision (`names="decision"`), as a filled, translated badge. */
export function StageBadge({ stage, names = "stage" }: { stage: string; names?: "stage" | "decision" }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[stage] ?? "dark"} variant="filled" tt="none" style={{ flexShrink: 0 }}>
      {t(`special.${names}.${stage}`, { defaultValue: stage })}
    </Badge>
  );
}

/** A searchable choice of one border-zone settlement (the zone list in force). */
export function PlacePicker({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: string | null;
  onChange: (kato: string | null) => void;
  error?: string | undefined;
}) {
  const [search, setSearch] = useState("");
  const zone = useZoneSearch(search);
  const [chosen, setChosen] = useState<ZoneEntry | null>(null);
  const items = zone.items;
  const data = [...(chosen && !items.some((e) => e.kato === chosen.kato) ? [chosen] : []), ...items].map(
    (e) => ({ value: e.kato, label: zone.label(e) }),
  );
  return (
    <Select
      label={label}
      searchable
      required
      data={data}
      value={value}
      error={error}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onChange={(kato) => {
        setChosen(items.find((e) => e.kato === kato) ?? chosen);
        onChange(kato);
      }}
    />
  );
}
