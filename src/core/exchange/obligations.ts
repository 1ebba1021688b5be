/**
 * The obligations a unit owes under X p.5, each with its window as UTC instants.
 * Convention for every window: delivery is on time when opensAt <= deliveredAt <= dueAt
 * ("no later than", "until 09:00" include the deadline itself). For intersecting with a
 * reporting period [fromUtc, toUtc) the window is treated as [opensAt, dueAt).
 */
import { invalid } from "../errors.js";
import {
  type DeliveryMode,
  type ExchangeClassId,
  type ExchangeClassRule,
  type ExchangeRuleOf,
  exchangeRuleAt,
} from "./classes.js";
import {
  addDays,
  addMinutes,
  addMonths,
  assertInstant,
  formatIsoDate,
  fromLocal,
  type IsoDate,
  isValidTimeZone,
  localDateOf,
  parseIsoDate,
} from "./time.js";

/** The unit that owes the information, and the IANA zone its local time is read in. */
export interface ExchangeUnit {
  id: string;
  timeZone: string;
}

/** A delivery window as UTC instants; dueAt is the last on-time instant. */
export interface Window {
  opensAt: Date;
  dueAt: Date;
}

/** One expected message: who owes it, for which class and period, by when, under which clause. */
export interface Obligation extends Window {
  /** Stable identity, e.g. "unit-7:DAILY:2024-03-01", "unit-7:MONTHLY:2024-02", "unit-7:SEMI_ANNUAL:2024-H1". */
  key: string;
  unitId: string;
  classId: ExchangeClassId;
  /** The period reported on: a local date, "YYYY-MM", "YYYY-H1|H2", or the triggering instant (ISO). */
  period: string;
  clause: string;
  ruleVersion: number;
  delivery: DeliveryMode;
  earlyCountsAsOnTime: boolean;
}

/** A half of the calendar year: 1 = January–June, 2 = July–December. */
export type Half = 1 | 2;

/** The longest reporting period expectedObligations accepts, so a typo cannot ask for millennia. */
export const MAX_PERIOD_DAYS = 3 * 366;

const MS_PER_DAY = 86_400_000;

/** Default timings: version 1 of the instruction, so callers without rules at hand get the law. */
const DEFAULT_DAILY = { opensAt: "07:00", dueAt: "09:00" };
const DEFAULT_MONTHLY = { opensOnDay: 28, dueOnDayOfNextMonth: 5 };
const DEFAULT_URGENT_MINUTES = 120;

function assertZone(zone: string): void {
  if (!isValidTimeZone(zone))
    throw invalid("timeZone", {
      kk: `белгісіз IANA уақыт белдеуі: ${zone}`,
      ru: `неизвестный часовой пояс IANA: ${zone}`,
      en: `unknown IANA time zone: ${zone}`,
    });
}

function assertMonth(year: number, month: number): void {
  if (!Number.isInteger(year) || year < 1 || year > 9998)
    throw invalid("year", {
      kk: "1-ден 9998-ге дейінгі жыл болуы керек",
      ru: "нужен год от 1 до 9998",
      en: "must be a year 1..9998",
    });
  if (!Number.isInteger(month) || month < 1 || month > 12)
    throw invalid("month", {
      kk: "1-ден 12-ге дейінгі ай болуы керек",
      ru: "нужен месяц от 1 до 12",
      en: "must be a month 1..12",
    });
}

/** The daily oral report window of a local date: 07:00 to 09:00 local time by default (X p.5.2). */
export function dailyWindow(localDate: IsoDate, zone: string, timing = DEFAULT_DAILY): Window {
  assertZone(zone);
  parseIsoDate(localDate, "localDate");
  return {
    opensAt: fromLocal(localDate, timing.opensAt, zone),
    dueAt: fromLocal(localDate, timing.dueAt, zone),
  };
}

/**
 * The window for the report on month `month` (1..12) of `year` (X p.5.3): from 00:00 local on the
 * 28th of that month to the end of the 5th of the next (= 00:00 on the 6th), December running
 * into January of the next year. "Until the 5th" is read as including the 5th, the reading that
 * does not shorten the sender's time. The 28th exists in every month, February included.
 */
export function monthlyWindow(year: number, month: number, zone: string, timing = DEFAULT_MONTHLY): Window {
  assertZone(zone);
  assertMonth(year, month);
  const next = addMonths(year, month, 1);
  const endDay = formatIsoDate(next.year, next.month, timing.dueOnDayOfNextMonth);
  return {
    opensAt: fromLocal(formatIsoDate(year, month, timing.opensOnDay), "00:00", zone),
    dueAt: fromLocal(addDays(endDay, 1), "00:00", zone),
  };
}

/**
 * The window for the semi-annual reference materials (X p.5.5): the law says only "once per
 * half-year", so the window is the whole calendar half, due by the end of its last day
 * (30 June / 31 December, i.e. 00:00 local on 1 July / 1 January).
 */
export function semiAnnualWindow(year: number, half: Half, zone: string): Window {
  assertZone(zone);
  assertMonth(year, 1);
  if (half !== 1 && half !== 2)
    throw invalid("half", {
      kk: "1 немесе 2 болуы керек",
      ru: "должно быть 1 или 2",
      en: "must be 1 or 2",
    });
  const start = formatIsoDate(year, half === 1 ? 1 : 7, 1);
  const end = half === 1 ? formatIsoDate(year, 7, 1) : formatIsoDate(year + 1, 1, 1);
  return { opensAt: fromLocal(start, "00:00", zone), dueAt: fromLocal(end, "00:00", zone) };
}

/** The deadline of the written confirmation of urgent information: 2 hours after the oral notice (X p.5.1). */
export function urgentConfirmationDue(oralAt: Date, confirmWithinMinutes = DEFAULT_URGENT_MINUTES): Date {
  assertInstant(oralAt, "oralAt");
  // Elapsed time, not wall-clock time: a DST change in between does not stretch the 2 hours.
  return addMinutes(oralAt, confirmWithinMinutes);
}

/** The deadline of advance written information: the event itself, less any lead time (X p.5.4). */
export function advanceDue(eventAt: Date, leadMinutes = 0): Date {
  assertInstant(eventAt, "eventAt");
  return addMinutes(eventAt, -leadMinutes);
}

function obligation(unit: ExchangeUnit, rule: ExchangeClassRule, period: string, window: Window): Obligation {
  return {
    key: `${unit.id}:${rule.id}:${period}`,
    unitId: unit.id,
    classId: rule.id,
    period,
    opensAt: window.opensAt,
    dueAt: window.dueAt,
    clause: rule.clause,
    ruleVersion: rule.version,
    delivery: rule.delivery,
    earlyCountsAsOnTime: rule.earlyCountsAsOnTime,
  };
}

function requireRule<K extends ExchangeClassId>(
  rules: readonly ExchangeClassRule[],
  id: K,
  date: IsoDate,
  field: string,
): ExchangeRuleOf<K> {
  const rule = exchangeRuleAt(rules, id, date);
  if (!rule)
    throw invalid(field, {
      kk: `${date} күні күшіндегі ${id} ережесі жоқ`,
      ru: `на ${date} нет действующего правила ${id}`,
      en: `no ${id} rule is in force on ${date}`,
    });
  return rule;
}

/**
 * The written-confirmation obligation created by logging an oral urgent notice: it opens
 * at the oral notice and is due 2 hours later; the rule is the one in force on the local date.
 */
export function urgentObligation(
  unit: ExchangeUnit,
  rules: readonly ExchangeClassRule[],
  oralAt: Date,
): Obligation {
  assertInstant(oralAt, "oralAt");
  const rule = requireRule(rules, "URGENT", localDateOf(oralAt, unit.timeZone), "oralAt");
  const window = { opensAt: oralAt, dueAt: urgentConfirmationDue(oralAt, rule.timing.confirmWithinMinutes) };
  return obligation(unit, rule, oralAt.toISOString(), window);
}

/**
 * The advance written obligation for an event (X p.5.4): it opens when the event becomes known
 * to the unit (`knownAt`) and is due at the event. For a detained person handed to an IAB the
 * caller passes the handover as the event; each person is a separate obligation.
 */
export function advanceObligation(
  unit: ExchangeUnit,
  rules: readonly ExchangeClassRule[],
  eventAt: Date,
  knownAt: Date,
): Obligation {
  assertInstant(eventAt, "eventAt");
  assertInstant(knownAt, "knownAt");
  const rule = requireRule(rules, "ADVANCE", localDateOf(knownAt, unit.timeZone), "knownAt");
  const dueAt = advanceDue(eventAt, rule.timing.leadMinutes);
  // Learning of an event after its deadline leaves a window that is already over, never inverted.
  const window = { opensAt: knownAt < dueAt ? knownAt : dueAt, dueAt };
  return obligation(unit, rule, eventAt.toISOString(), window);
}

function intersects(window: Window, from: Date, to: Date): boolean {
  return window.opensAt.getTime() < to.getTime() && window.dueAt.getTime() > from.getTime();
}

const CLASS_ORDER: Record<ExchangeClassId, number> = {
  URGENT: 0,
  DAILY: 1,
  MONTHLY: 2,
  ADVANCE: 3,
  SEMI_ANNUAL: 4,
};

/**
 * Every periodic obligation (DAILY per local day, MONTHLY per month, SEMI_ANNUAL per half) whose
 * window intersects [fromUtc, toUtc), sorted by opening. Each period uses the rule version in force
 * on the local date its window opens; a class with no rule in force yields nothing for that period.
 */
export function expectedObligations(
  unit: ExchangeUnit,
  rules: readonly ExchangeClassRule[],
  fromUtc: Date,
  toUtc: Date,
): Obligation[] {
  assertZone(unit.timeZone);
  assertInstant(fromUtc, "fromUtc");
  assertInstant(toUtc, "toUtc");
  if (toUtc.getTime() < fromUtc.getTime())
    throw invalid("toUtc", {
      kk: "кезеңнің басынан ерте болмауы керек",
      ru: "не может быть раньше начала периода",
      en: "must not be before fromUtc",
    });
  if (toUtc.getTime() - fromUtc.getTime() > MAX_PERIOD_DAYS * MS_PER_DAY) {
    throw invalid("toUtc", {
      kk: `кезең ең көбі ${MAX_PERIOD_DAYS} күнді қамти алады`,
      ru: `период может охватывать не более ${MAX_PERIOD_DAYS} дней`,
      en: `the period may span at most ${MAX_PERIOD_DAYS} days`,
    });
  }
  // An empty period intersects nothing, though a window may contain its single instant.
  if (toUtc.getTime() === fromUtc.getTime()) return [];
  const zone = unit.timeZone;
  const firstDate = localDateOf(fromUtc, zone);
  const lastDate = localDateOf(toUtc, zone);
  const found: Obligation[] = [];

  // Daily: a window lies within its local day, so the days around the ends suffice.
  for (let date = addDays(firstDate, -1); date <= addDays(lastDate, 1); date = addDays(date, 1)) {
    const rule = exchangeRuleAt(rules, "DAILY", date);
    if (!rule) continue;
    const window = dailyWindow(date, zone, rule.timing);
    if (intersects(window, fromUtc, toUtc)) found.push(obligation(unit, rule, date, window));
  }

  // Monthly: month M's window runs into M+1, so start one month before the period.
  const first = parseIsoDate(firstDate);
  const last = parseIsoDate(lastDate);
  for (
    let m = addMonths(first.year, first.month, -1);
    m.year * 12 + m.month <= last.year * 12 + last.month;
  ) {
    const rule = exchangeRuleAt(rules, "MONTHLY", formatIsoDate(m.year, m.month, 28));
    if (rule) {
      const window = monthlyWindow(m.year, m.month, zone, rule.timing);
      const period = `${String(m.year).padStart(4, "0")}-${String(m.month).padStart(2, "0")}`;
      if (intersects(window, fromUtc, toUtc)) found.push(obligation(unit, rule, period, window));
    }
    m = addMonths(m.year, m.month, 1);
  }

  // Semi-annual: halves from the one containing the start to the one containing the end.
  const halfIndex = (year: number, month: number) => year * 2 + (month <= 6 ? 0 : 1);
  for (let h = halfIndex(first.year, first.month); h <= halfIndex(last.year, last.month); h++) {
    const year = Math.floor(h / 2);
    const half: Half = h % 2 === 0 ? 1 : 2;
    const rule = exchangeRuleAt(rules, "SEMI_ANNUAL", formatIsoDate(year, half === 1 ? 1 : 7, 1));
    if (!rule) continue;
    const window = semiAnnualWindow(year, half, zone);
    if (intersects(window, fromUtc, toUtc)) found.push(obligation(unit, rule, `${year}-H${half}`, window));
  }

  return found.sort(
    (a, b) =>
      a.opensAt.getTime() - b.opensAt.getTime() ||
      CLASS_ORDER[a.classId] - CLASS_ORDER[b.classId] ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}
