/**
 * Coordination rules as data (C-1): the plan drafting period, who approves, the directions of
 * interaction and the kinds of handed-over objects, each with the clause that gives it. Versioned
 * by effective date like the other rule sets, so a later order can change the period without
 * rewriting history.
 */
import type { Translated } from "../i18n.js";

const t = (kk: string, ru: string, en: string): Translated => ({ kk, ru, en });

/** One version of the coordination rules. */
export interface CoordinationRules {
  version: number;
  effectiveFrom: string;
  /** Interaction plans are drafted within this many calendar months of the order. */
  planDraftMonths: { value: number; clause: string };
  /** Each party's higher instance approves the joint plan ("жоғары тұрған инстанцияларға"). */
  planApproval: { by: "EACH_PARTY_SUPERIOR"; clause: string };
  /** The heads of all three parties agree a version before it is submitted. */
  planAgreement: { by: "EACH_PARTY_HEAD"; clause: string };
}

/** Every version, oldest first. */
export const COORDINATION_RULES: readonly CoordinationRules[] = [
  {
    version: 1,
    effectiveFrom: "2002-05-22",
    planDraftMonths: { value: 1, clause: "X order p.2" },
    planApproval: { by: "EACH_PARTY_SUPERIOR", clause: "X order p.2, X p.6" },
    planAgreement: { by: "EACH_PARTY_HEAD", clause: "X p.3.1, X p.6" },
  },
];

/** The rules in force on a calendar date (YYYY-MM-DD); the first version before it began. */
export function coordinationRulesAt(date: string): CoordinationRules {
  let found = COORDINATION_RULES[0];
  for (const rules of COORDINATION_RULES) if (rules.effectiveFrom <= date) found = rules;
  if (!found) throw new Error("no coordination rules");
  return found;
}

/** The three parties of a checkpoint triad (X p.1, p.8). */
export const PARTIES = ["IAB", "NSC", "CUSTOMS"] as const;
export type Party = (typeof PARTIES)[number];

/** True when the agency is one of the three parties. */
export function isParty(agency: string): agency is Party {
  return (PARTIES as readonly string[]).includes(agency);
}

/** The directions of interaction (X-10, X p.7), tracked by plans and reports. */
export const DIRECTIONS = {
  INFO_SUPPORT: {
    clause: "X p.7.1",
    label: t(
      "Өзара ақпараттық қамтамасыз ету",
      "Взаимное информационное обеспечение",
      "Mutual information support",
    ),
  },
  REGULATIONS: {
    clause: "X p.7.2",
    label: t(
      "Нормативтік база бойынша ұсыныстар",
      "Предложения по нормативной базе",
      "Proposals on regulations",
    ),
  },
  REGIME: {
    clause: "X p.7.3",
    label: t("Бірлескен режимдік шаралар", "Совместные режимные меры", "Joint regime measures"),
  },
  CONTROL_METHODS: {
    clause: "X p.7.4",
    label: t("Бақылау нысандары мен тәсілдері", "Формы и методы контроля", "Control methods at crossings"),
  },
  MUTUAL_ASSISTANCE: {
    clause: "X p.7.5",
    label: t("Учаскелердегі өзара көмек", "Взаимопомощь на участках", "Mutual assistance in sectors"),
  },
  CHANNELS: {
    clause: "X p.7.6",
    label: t(
      "Заңсыз көші-қон мен контрабанда арналарын анықтау",
      "Выявление каналов незаконной миграции и контрабанды",
      "Detecting illegal migration and smuggling channels",
    ),
  },
  INTERNATIONAL: {
    clause: "X p.7.7",
    label: t("Халықаралық ынтымақтастық", "Международное сотрудничество", "International cooperation"),
  },
  OPERATIONAL_SEARCH: {
    clause: "X p.7.8",
    label: t(
      "Бірлескен жедел-іздестіру жұмысы",
      "Совместная оперативно-розыскная работа",
      "Joint operational-search work",
    ),
  },
  EMERGENCY: {
    clause: "X p.7.9",
    label: t(
      "Төтенше және арандатушылық жағдайлар",
      "Чрезвычайные и провокационные ситуации",
      "Emergency and provocation response",
    ),
  },
  ARRANGEMENT: {
    clause: "X p.7.10",
    label: t(
      "Бекетті жайластыру және жағдай жасау",
      "Обустройство пункта и условия службы",
      "Checkpoint arrangement and staff conditions",
    ),
  },
} as const satisfies Record<string, { clause: string; label: Translated }>;
export type Direction = keyof typeof DIRECTIONS;
export const DIRECTION_CODES = Object.keys(DIRECTIONS) as Direction[];

/** What may be handed over by an act (X p.9.6, p.10.3); PERSON entries carry personal data. */
export const HANDOVER_KINDS = {
  PERSON_VIOLATOR: {
    person: true,
    label: t(
      "Ұсталған шекара/режим бұзушы",
      "Задержанный нарушитель границы/режима",
      "Detained border or regime violator",
    ),
  },
  PERSON_MIGRANT: {
    person: true,
    label: t("Заңсыз көші-қон жасаушы", "Незаконный мигрант", "Illegal migrant"),
  },
  PERSON_CUSTOMS: {
    person: true,
    label: t("Кеден заңнамасын бұзушы", "Нарушитель таможенного законодательства", "Customs violator"),
  },
  WEAPON: { person: false, label: t("Қару", "Оружие", "Weapon") },
  AMMUNITION: { person: false, label: t("Оқ-дәрі", "Боеприпасы", "Ammunition") },
  EXPLOSIVE: { person: false, label: t("Жарылғыш заттар", "Взрывчатые вещества", "Explosives") },
  DRUG: { person: false, label: t("Есірткі", "Наркотики", "Drugs") },
  POISON: { person: false, label: t("Улы заттар", "Ядовитые вещества", "Poisons") },
  CONTRABAND: { person: false, label: t("Контрабанда бұйымдары", "Предметы контрабанды", "Contraband") },
  GOODS: {
    person: false,
    label: t("Өткізуге жатпайтын тауарлар", "Товары, не допущенные к пропуску", "Goods not allowed across"),
  },
  VEHICLE: { person: false, label: t("Көлік құралы", "Транспортное средство", "Vehicle") },
} as const satisfies Record<string, { person: boolean; label: Translated }>;
export type HandoverKind = keyof typeof HANDOVER_KINDS;
export const HANDOVER_KIND_CODES = Object.keys(HANDOVER_KINDS) as HandoverKind[];

/** The clause every handover act cites. */
export const HANDOVER_CLAUSE = "X p.9.6, p.10.3";
