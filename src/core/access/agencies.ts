import type { Translated } from "../i18n.js";

/** The agencies whose units use Shekara, and the organizations of the zone. */
export const AGENCIES = ["IAB", "NSC", "CUSTOMS", "MOD", "AKIMAT", "CORRECTIONS", "ORGANIZATION"] as const;
export type Agency = (typeof AGENCIES)[number];

/** The three checkpoint agencies whose units form a triad at each level. */
export const TRIAD_AGENCIES = ["IAB", "NSC", "CUSTOMS"] as const satisfies readonly Agency[];

/** Agency names in the three languages (glossary of SPEC). */
export const AGENCY_NAMES: Record<Agency, Translated> = {
  IAB: { kk: "Ішкі істер органдары", ru: "Органы внутренних дел", en: "Internal affairs bodies" },
  NSC: {
    kk: "Ұлттық қауіпсіздік комитеті (Шекара қызметі)",
    ru: "Комитет национальной безопасности (Пограничная служба)",
    en: "National Security Committee (Border Service)",
  },
  CUSTOMS: { kk: "Кеден органдары", ru: "Таможенные органы", en: "Customs" },
  MOD: { kk: "Қорғаныс министрлігі", ru: "Министерство обороны", en: "Ministry of Defence" },
  AKIMAT: {
    kk: "Жергілікті атқарушы органдар",
    ru: "Местные исполнительные органы",
    en: "Local executive bodies",
  },
  CORRECTIONS: { kk: "Түзеу мекемелері", ru: "Исправительные учреждения", en: "Correctional institutions" },
  ORGANIZATION: { kk: "Ұйымдар", ru: "Организации", en: "Organizations" },
};
