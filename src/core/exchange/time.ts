/**
 * Local-time arithmetic over IANA time zones, using only Intl.DateTimeFormat so the
 * runtime's tz database decides historical offsets (Asia/Almaty: UTC+6 until 2024-03-01,
 * UTC+5 since). Instants are Date values in UTC; calendar dates are "YYYY-MM-DD" strings,
 * which compare correctly as strings and carry no zone.
 */
import { invalid } from "../errors.js";

/** A calendar date "YYYY-MM-DD" in the proleptic Gregorian calendar, years 0001..9999. */
export type IsoDate = string;

/** Wall-clock parts of an instant in some zone; month 1..12, hour 0..23. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/** True for a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The number of days in a month (1..12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True when the value is a real calendar date "YYYY-MM-DD" (no 2023-02-29, no 2024-13-01). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== "string") return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Splits a calendar date into numbers; throws a 400 naming `field` when it is not a real date. */
export function parseIsoDate(date: string, field = "date"): { year: number; month: number; day: number } {
  if (!isIsoDate(date))
    throw invalid(field, {
      kk: "ЖЖЖЖ-АА-КК түріндегі нақты күнтізбелік күн болуы керек",
      ru: "нужна реальная календарная дата в виде ГГГГ-ММ-ДД",
      en: "must be a real calendar date YYYY-MM-DD",
    });
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Formats year, month and day as "YYYY-MM-DD"; throws when they name no real date. */
export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  const text = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  if (!Number.isInteger(year) || !isIsoDate(text))
    throw invalid("date", {
      kk: `мұндай күнтізбелік күн жоқ: ${text}`,
      ru: `такой календарной даты нет: ${text}`,
      en: `no such calendar date: ${text}`,
    });
  return text;
}

/** Days since 1970-01-01 of a calendar date; Date.UTC is pure arithmetic, free of any zone. */
function dayNumber(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  return Math.round(utcMs(year, month, day) / MS_PER_DAY);
}

/** Date.UTC without its two-digit-year quirk (years 0..99 would map to 1900..1999). */
function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime();
}

/** The calendar date `days` days after `date` (negative goes back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const d = new Date(dayNumber(date) * MS_PER_DAY + days * MS_PER_DAY);
  return formatIsoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** The month `months` after year/month (December + 1 is January of the next year). */
export function addMonths(year: number, month: number, months: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + months;
  return { year: Math.floor(index / 12), month: (((index % 12) + 12) % 12) + 1 };
}

/** Every calendar date from `from` up to and including `to`; empty when `to` is earlier. */
export function eachDate(from: IsoDate, to: IsoDate): IsoDate[] {
  const count = daysBetween(from, to);
  const dates: IsoDate[] = [];
  for (let i = 0; i <= count; i++) dates.push(addDays(from, i));
  return dates;
}

// One formatter per zone: constructing Intl.DateTimeFormat is far costlier than using it.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        calendar: "gregory",
        numberingSystem: "latn",
        // h23, not hour12:false: some engines print midnight as "24" under hour12:false
        hourCycle: "h23",
        era: "short",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      throw invalid("timeZone", {
        kk: `белгісіз IANA уақыт белдеуі: ${zone}`,
        ru: `неизвестный часовой пояс IANA: ${zone}`,
        en: `unknown IANA time zone: ${zone}`,
      });
    }
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** True when the runtime knows the IANA time zone (e.g. "Asia/Almaty"). */
export function isValidTimeZone(zone: unknown): zone is string {
  if (typeof zone !== "string" || zone.length === 0) return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** Throws a 400 naming `field` unless the instant is a valid Date. */
export function assertInstant(instant: Date, field = "instant"): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw invalid(field, {
      kk: "жарамды уақыт сәті болуы керек",
      ru: "должно быть допустимым моментом времени",
      en: "must be a valid instant",
    });
  }
}

/** The wall-clock parts of a UTC instant in the zone. */
export function toLocal(instant: Date, zone: string): LocalDateTime {
  assertInstant(instant);
  const ms = instant.getTime();
  const parts: Record<string, string> = {};
  for (const part of formatterFor(zone).formatToParts(ms)) parts[part.type] = part.value;
  const rawYear = Number(parts.year);
  // Intl counts BC years upwards; turn them into astronomical years so arithmetic stays linear.
  const year = parts.era === "BC" || parts.era === "B" ? 1 - rawYear : rawYear;
  return {
    year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((ms % 1000) + 1000) % 1000,
  };
}

/** The zone's offset from UTC at the instant, in milliseconds (east positive; +5 h for Almaty today). */
function offsetMsAt(ms: number, zone: string): number {
  const local = toLocal(new Date(ms), zone);
  const asUtc = utcMs(local.year, local.month, local.day, local.hour, local.minute, local.second, 0);
  return asUtc - (ms - local.millisecond);
}

/** The zone's offset from UTC at the instant, in minutes (east positive; may be fractional for LMT). */
export function offsetMinutesAt(instant: Date, zone: string): number {
  assertInstant(instant);
  return offsetMsAt(instant.getTime(), zone) / MS_PER_MINUTE;
}

/** The calendar date the instant falls on in the zone. */
export function localDateOf(instant: Date, zone: string): IsoDate {
  const local = toLocal(instant, zone);
  return formatIsoDate(local.year, local.month, local.day);
}

/**
 * The UTC instant of the wall-clock parts in the zone.
 * Ambiguity is resolved like Temporal's "compatible" disambiguation: in an overlap (clocks set
 * back, the wall time occurs twice) the earlier instant wins, so a deadline is never pushed later
 * by a repeated hour; in a gap (clocks set forward, the wall time never occurs) the time is read
 * with the offset in force before the gap, i.e. moved forward by the gap's length (02:30 in
 * Berlin's spring gap becomes 03:30 CEST), so a window never collapses or inverts.
 * Assumes at most one offset change within any 48 hours, which holds for the tz database in use.
 */
export function fromLocalParts(local: LocalDateTime, zone: string): Date {
  const wall = utcMs(
    local.year,
    local.month,
    local.day,
    local.hour,
    local.minute,
    local.second,
    local.millisecond,
  );
  // Real offsets lie within ±18 h, so the instant is within a day of `wall`; the offsets a day
  // either side are the ones before and after any transition that could affect this wall time.
  const before = offsetMsAt(wall - MS_PER_DAY, zone);
  const after = offsetMsAt(wall + MS_PER_DAY, zone);
  const candidates = [...new Set([before, offsetMsAt(wall, zone), after])]
    .map((offset) => wall - offset)
    .filter((ms) => wall - offsetMsAt(ms, zone) === ms)
    .sort((a, b) => a - b);
  const chosen = candidates[0] ?? wall - before;
  return new Date(chosen);
}

/** The UTC instant of a local date and time "HH:MM" or "HH:MM:SS" in the zone (see fromLocalParts). */
export function fromLocal(date: IsoDate, time: string, zone: string): Date {
  const { year, month, day } = parseIsoDate(date);
  const match = LOCAL_TIME.exec(time);
  if (!match)
    throw invalid("time", {
      kk: "жергілікті уақыт HH:MM немесе HH:MM:SS түрінде болуы керек",
      ru: "должно быть местным временем ЧЧ:ММ или ЧЧ:ММ:СС",
      en: "must be a local time HH:MM or HH:MM:SS",
    });
  return fromLocalParts(
    {
      year,
      month,
      day,
      hour: Number(match[1]),
      minute: Number(match[2]),
      second: Number(match[3] ?? 0),
      millisecond: 0,
    },
    zone,
  );
}

/** True when the text is a local time of day "HH:MM" or "HH:MM:SS". */
export function isLocalTime(value: unknown): value is string {
  return typeof value === "string" && LOCAL_TIME.test(value);
}

/** The instant the local day begins in the zone (midnight, or the first instant after a midnight gap). */
export function startOfLocalDay(date: IsoDate, zone: string): Date {
  return fromLocal(date, "00:00", zone);
}

/** The instant `hours` hours after `instant` (exact elapsed time, not wall-clock time). */
export function addHours(instant: Date, hours: number): Date {
  assertInstant(instant);
  return new Date(instant.getTime() + hours * MS_PER_HOUR);
}

/** The instant `minutes` minutes after `instant` (exact elapsed time, not wall-clock time). */
export function addMinutes(instant: Date, minutes: number): Date {
  assertInstant(instant);
  return new Date(instant.getTime() + minutes * MS_PER_MINUTE);
}
