import { labelOf, type Translated } from "./i18n.js";

/** Kinds of administrative-territorial units in the zone list (Z p.2), as its CSV writes them. */
export const ZONE_KINDS = [
  "DISTRICT",
  "CITY",
  "AUL",
  "VILLAGE",
  "RAILWAY_STATION",
  "AIRPORT",
  "RIVER_PORT",
] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];

/** What each kind is called; Kazakh says ауыл for both an aul and a village, so it names which. */
export const ZONE_KIND_LABELS: Record<ZoneKind, Translated> = {
  DISTRICT: { kk: "Аудан", ru: "Район", en: "District" },
  CITY: { kk: "Қала", ru: "Город", en: "City" },
  AUL: { kk: "Ауыл (аул)", ru: "Аул", en: "Aul" },
  VILLAGE: { kk: "Ауыл (село)", ru: "Село", en: "Village" },
  RAILWAY_STATION: { kk: "Темір жол станциясы", ru: "Железнодорожная станция", en: "Railway station" },
  AIRPORT: { kk: "Әуежай", ru: "Аэропорт", en: "Airport" },
  RIVER_PORT: { kk: "Өзен порты", ru: "Речной порт", en: "River port" },
};

/** A kind's name in each language; a kind this build does not know, as written. */
export function zoneKindLabel(kind: string): Translated {
  return labelOf(ZONE_KIND_LABELS, kind);
}

/** Kinds of places serving people from outside the zone (Z p.19), as their CSV writes them. */
export const SERVICE_PLACE_KINDS = [
  "ADMIN_CENTRE",
  "SCHOOL",
  "HOSPITAL",
  "ENTERPRISE",
  "FARM",
  "FEZ_ENTITY",
] as const;
export type ServicePlaceKind = (typeof SERVICE_PLACE_KINDS)[number];

/** What each kind of serving place is called, in the words of Z p.19. */
export const SERVICE_PLACE_KIND_LABELS: Record<ServicePlaceKind, Translated> = {
  ADMIN_CENTRE: { kk: "Әкімшілік орталық", ru: "Административный центр", en: "Administrative centre" },
  SCHOOL: { kk: "Мектеп", ru: "Школа", en: "School" },
  HOSPITAL: { kk: "Аурухана", ru: "Больница", en: "Hospital" },
  ENTERPRISE: {
    kk: "Кәсіпорын немесе ұйым",
    ru: "Предприятие или организация",
    en: "Enterprise or organization",
  },
  FARM: { kk: "Шаруа (фермер) қожалығы", ru: "Крестьянское (фермерское) хозяйство", en: "Farm" },
  FEZ_ENTITY: {
    kk: "Еркін экономикалық аймақтың шаруашылық құрылымы",
    ru: "Хозяйствующий субъект свободной экономической зоны",
    en: "Free economic zone entity",
  },
};

/** A serving place's kind in each language; a kind this build does not know, as written. */
export function servicePlaceKindLabel(kind: string): Translated {
  return labelOf(SERVICE_PLACE_KIND_LABELS, kind);
}
