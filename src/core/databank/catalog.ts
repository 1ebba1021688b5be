/**
 * The unified data bank (X p.5.5, p.10.3; SPEC X-15) as data: kinds of material, markings and
 * audiences, each with translated names and the clause that brings it into the bank.
 */
import type { Translated } from "../i18n.js";

/** Kinds of material the bank holds. */
export const BANK_KINDS = ["REVIEW", "INSTRUCTION", "METHODOLOGY", "SPECIMEN", "REPORT"] as const;
export type BankKind = (typeof BANK_KINDS)[number];

/** Kind names and their clauses. */
export const BANK_KIND_INFO: Record<BankKind, { name: Translated; clause: string }> = {
  REVIEW: { name: { kk: "Шолу", ru: "Обзор", en: "Review" }, clause: "X p.5.5" },
  INSTRUCTION: { name: { kk: "Нұсқау", ru: "Указание", en: "Instruction" }, clause: "X p.5.5, p.10.3" },
  METHODOLOGY: {
    name: {
      kk: "Оқу-әдістемелік материал",
      ru: "Учебно-методический материал",
      en: "Methodological material",
    },
    clause: "X p.5.5",
  },
  SPECIMEN: {
    name: { kk: "Құжат үлгісі", ru: "Образец документа", en: "Document specimen" },
    clause: "X p.5.3",
  },
  REPORT: {
    name: { kk: "Алмасылған есеп", ru: "Отчёт по обмену", en: "Exchanged report" },
    clause: "X p.5",
  },
};

/**
 * Markings: OPEN material is visible to everyone the audience admits; OFFICIAL_USE ("for official
 * use", қызмет бабында пайдалану үшін / для служебного пользования) only to roles cleared for it.
 */
export const BANK_MARKINGS = ["OPEN", "OFFICIAL_USE"] as const;
export type BankMarking = (typeof BANK_MARKINGS)[number];

export const BANK_MARKING_NAMES: Record<BankMarking, Translated> = {
  OPEN: { kk: "Ашық", ru: "Открыто", en: "Open" },
  OFFICIAL_USE: {
    kk: "Қызмет бабында пайдалану үшін",
    ru: "Для служебного пользования",
    en: "For official use",
  },
};

/**
 * Who may read a document besides its own unit subtree: ALL_AGENCIES (the shared bank of the three
 * agencies), AGENCY (the owner's agency only), UNIT (the owner unit's subtree and the units above it).
 */
export const BANK_AUDIENCES = ["ALL_AGENCIES", "AGENCY", "UNIT"] as const;
export type BankAudience = (typeof BANK_AUDIENCES)[number];

export const BANK_AUDIENCE_NAMES: Record<BankAudience, Translated> = {
  ALL_AGENCIES: {
    kk: "Үш ведомствоға ортақ",
    ru: "Общий для трёх ведомств",
    en: "Shared by the three agencies",
  },
  AGENCY: { kk: "Тек өз ведомствосы", ru: "Только своё ведомство", en: "Own agency only" },
  UNIT: { kk: "Тек бөлімше", ru: "Только подразделение", en: "Own unit only" },
};
