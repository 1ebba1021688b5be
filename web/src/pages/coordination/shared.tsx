import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** A unit reference as the coordination API returns it. */
export interface UnitRef {
  unitId?: string;
  id?: string;
  code: string;
  nameKk: string;
  nameRu: string;
  nameEn: string | null;
  agency?: string;
}

/** A status badge with its translated name; dark colours keep AA contrast. */
export function CoordStatus({ status }: { status: string }) {
  const { t } = useTranslation();
  const color = ["COMPLETED", "APPROVED", "DONE"].includes(status)
    ? "teal.9"
    : ["REFUSED", "CANCELLED"].includes(status)
      ? "red.9"
      : "blue.9";
  return (
    <Badge color={color} variant="outline">
      {t(`coord.status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

/** A party of a triad, named. */
export function PartyName({ party }: { party: string }) {
  const { t } = useTranslation();
  return <>{t(`coord.party.${party}`, { defaultValue: party })}</>;
}

/** A triad as GET /api/v1/coordination/triads returns it. */
export interface Triad {
  id: string;
  level: number;
  nameKk: string;
  nameRu: string;
  nameEn: string | null;
  parties: {
    party: string;
    unitId: string;
    code: string;
    nameKk: string;
    nameRu: string;
    nameEn: string | null;
  }[];
}
