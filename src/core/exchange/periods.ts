/**
 * Reporting periods of the periodic classes as text, and the obligation a message for one period
 * discharges: DAILY "YYYY-MM-DD" (local date), MONTHLY "YYYY-MM", SEMI_ANNUAL "YYYY-H1|H2".
 */
import { invalid } from "../errors.js";
import { type ExchangeClassRule, exchangeRuleAt, type PeriodicClassId } from "./classes.js";
import {
  dailyWindow,
  type ExchangeUnit,
  type Half,
  monthlyWindow,
  type Obligation,
  semiAnnualWindow,
} from "./obligations.js";
import { addMonths, formatIsoDate, isIsoDate, localDateOf, parseIsoDate } from "./time.js";

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const HALF = /^(\d{4})-H([12])$/;

/** True when the class recurs on the calendar (DAILY, MONTHLY, SEMI_ANNUAL). */
export function isPeriodicClass(classId: string): classId is PeriodicClassId {
  return classId === "DAILY" || classId === "MONTHLY" || classId === "SEMI_ANNUAL";
}

/**
 * The period a message sent at `sentAt` most likely reports on, in the unit's local time:
 * DAILY the local date; MONTHLY the current month from the 28th on, else the previous month
 * (whose window runs to the 5th, or which is already late); SEMI_ANNUAL the current half.
 */
export function defaultPeriod(classId: PeriodicClassId, sentAt: Date, zone: string, opensOnDay = 28): string {
  const date = localDateOf(sentAt, zone);
  const { year, month, day } = parseIsoDate(date);
  if (classId === "DAILY") return date;
  if (classId === "MONTHLY") {
    const m = day >= opensOnDay ? { year, month } : addMonths(year, month, -1);
    return `${String(m.year).padStart(4, "0")}-${String(m.month).padStart(2, "0")}`;
  }
  return `${year}-H${month <= 6 ? 1 : 2}`;
}

/** True when the text is a period of the class. */
export function isPeriodOf(classId: PeriodicClassId, period: string): boolean {
  if (classId === "DAILY") return isIsoDate(period);
  if (classId === "MONTHLY") return MONTH.test(period) && Number(period.slice(0, 4)) >= 1;
  return HALF.test(period) && Number(period.slice(0, 4)) >= 1;
}

/**
 * The obligation of `unit` for one period of a periodic class, under the rule in force when its
 * window opens; throws a 400 on a malformed period or when no rule is in force. Its key matches
 * the one `expectedObligations` gives the same period.
 */
export function obligationForPeriod(
  unit: ExchangeUnit,
  rules: readonly ExchangeClassRule[],
  classId: PeriodicClassId,
  period: string,
): Obligation {
  if (!isPeriodOf(classId, period))
    throw invalid("period", {
      kk: `${classId} сыныбының кезеңі емес: ${period}`,
      ru: `не период класса ${classId}: ${period}`,
      en: `not a ${classId} period: ${period}`,
    });
  let ruleDate: string;
  let window: { opensAt: Date; dueAt: Date };
  const rule = (date: string) => {
    const found = exchangeRuleAt(rules, classId, date);
    if (!found)
      throw invalid("period", {
        kk: `${date} күні ${classId} сыныбының ережесі күшінде емес`,
        ru: `на ${date} не действует правило класса ${classId}`,
        en: `no ${classId} rule is in force on ${date}`,
      });
    return found;
  };
  let chosen: ExchangeClassRule;
  if (classId === "DAILY") {
    ruleDate = period;
    const r = rule(ruleDate) as Extract<ExchangeClassRule, { id: "DAILY" }>;
    chosen = r;
    window = dailyWindow(period, unit.timeZone, r.timing);
  } else if (classId === "MONTHLY") {
    const year = Number(period.slice(0, 4));
    const month = Number(period.slice(5, 7));
    ruleDate = formatIsoDate(year, month, 28);
    const r = rule(ruleDate) as Extract<ExchangeClassRule, { id: "MONTHLY" }>;
    chosen = r;
    window = monthlyWindow(year, month, unit.timeZone, r.timing);
  } else {
    const year = Number(period.slice(0, 4));
    const half = Number(period.slice(6)) as Half;
    ruleDate = formatIsoDate(year, half === 1 ? 1 : 7, 1);
    chosen = rule(ruleDate);
    window = semiAnnualWindow(year, half, unit.timeZone);
  }
  return {
    key: `${unit.id}:${classId}:${period}`,
    unitId: unit.id,
    classId,
    period,
    opensAt: window.opensAt,
    dueAt: window.dueAt,
    clause: chosen.clause,
    ruleVersion: chosen.version,
    delivery: chosen.delivery,
    earlyCountsAsOnTime: chosen.earlyCountsAsOnTime,
  };
}
