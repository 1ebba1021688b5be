/**
 * Agreed indicators of service results at a checkpoint (X p.9.3, SPEC X-14) as versioned data
 * (C-1): each indicator carries its clause and translated name. A later version is added beside
 * this one with a later effective date; figures keep the version they were entered under.
 */
import { invalid } from "../errors.js";
import type { Translated } from "../i18n.js";

/** One agreed indicator: a count each agency keeps for a checkpoint and a period. */
export interface IndicatorDef {
  code: string;
  name: Translated;
  clause: string;
}

/** A version of the agreed indicator list. */
export interface IndicatorSet {
  version: number;
  /** First month (YYYY-MM) the set applies to. */
  effectiveFrom: string;
  /** Where the duty to agree statistics comes from. */
  clause: string;
  indicators: readonly IndicatorDef[];
}

/** The first agreed list: what X p.5 and p.9 make the three agencies count and exchange. */
export const INDICATOR_SET_V1: IndicatorSet = {
  version: 1,
  effectiveFrom: "2002-01",
  clause: "X p.9.3",
  indicators: [
    {
      code: "PERSONS_PROCESSED",
      name: {
        kk: "Ресімделген адамдар",
        ru: "Оформлено лиц",
        en: "Persons processed",
      },
      clause: "X p.9.2",
    },
    {
      code: "VEHICLES_PROCESSED",
      name: {
        kk: "Ресімделген көлік құралдары",
        ru: "Оформлено транспортных средств",
        en: "Vehicles processed",
      },
      clause: "X p.9.2",
    },
    {
      code: "FORGED_DOCUMENTS",
      name: {
        kk: "Анықталған жалған құжаттар",
        ru: "Выявлено поддельных документов",
        en: "Forged documents detected",
      },
      clause: "X p.5.1",
    },
    {
      code: "VIOLATORS_DETAINED",
      name: {
        kk: "Ұсталған шекара және режим бұзушылар",
        ru: "Задержано нарушителей границы и режима",
        en: "Border and regime violators detained",
      },
      clause: "X p.9.6",
    },
    {
      code: "ILLEGAL_MIGRANTS_DETAINED",
      name: {
        kk: "Ұсталған заңсыз көшіп-қонушылар",
        ru: "Задержано незаконных мигрантов",
        en: "Illegal migrants detained",
      },
      clause: "X p.9.6",
    },
    {
      code: "HANDED_TO_IAB",
      name: {
        kk: "Ішкі істер органдарына тапсырылған адамдар",
        ru: "Передано в органы внутренних дел",
        en: "Persons handed over to internal affairs",
      },
      clause: "X p.5.4",
    },
    {
      code: "EXPULSIONS",
      name: {
        kk: "Шығарып жіберілген шетел азаматтары",
        ru: "Выдворено иностранцев",
        en: "Foreigners expelled",
      },
      clause: "X p.5.4",
    },
    {
      code: "CONTRABAND_CASES",
      name: {
        kk: "Контрабанда фактілері",
        ru: "Фактов контрабанды",
        en: "Contraband cases",
      },
      clause: "X p.9.6",
    },
  ],
};

/** The indicator sets shipped with the system. */
export const INDICATOR_SETS: readonly IndicatorSet[] = [INDICATOR_SET_V1];

/** A reporting period: one calendar month, YYYY-MM. */
export const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The detail of an invalid period, in every language. */
const MONTH_DETAIL: Translated = {
  kk: "ай ЖЖЖЖ-АА түрінде",
  ru: "месяц в виде ГГГГ-ММ",
  en: "a month YYYY-MM",
};

/** True when the value is a month YYYY-MM. */
export function isPeriod(value: string): boolean {
  return PERIOD_PATTERN.test(value);
}

/** The indicator set in force for a period: the latest effectiveFrom on or before it. */
export function indicatorSetFor(
  period: string,
  sets: readonly IndicatorSet[] = INDICATOR_SETS,
): IndicatorSet {
  if (!isPeriod(period)) throw invalid("period", MONTH_DETAIL);
  let best: IndicatorSet | undefined;
  for (const set of sets) {
    // YYYY-MM strings compare in calendar order.
    if (set.effectiveFrom > period) continue;
    if (
      !best ||
      set.effectiveFrom > best.effectiveFrom ||
      (set.effectiveFrom === best.effectiveFrom && set.version > best.version)
    ) {
      best = set;
    }
  }
  if (!best) {
    throw invalid("period", {
      kk: `${period} кезеңіне келісілген көрсеткіштер жоқ`,
      ru: `на период ${period} согласованных показателей нет`,
      en: `no agreed indicators apply to ${period}`,
    });
  }
  return best;
}

/** The previous month of a period (for charts over several months). */
export function previousPeriod(period: string): string {
  const match = PERIOD_PATTERN.exec(period);
  if (!match) throw invalid("period", MONTH_DETAIL);
  const year = Number(match[1]);
  const month = Number(match[2]);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, "0")}`;
}
