/**
 * Calendar arithmetic on "YYYY-MM-DD" strings. The law counts whole days ("10 days before
 * departure"), so dates are civil dates with no time of day and no time zone: converting through
 * a JavaScript Date in local time could shift a day at midnight, hence the pure day-number maths
 * (Howard Hinnant's days_from_civil / civil_from_days).
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** True for a leap year of the proleptic Gregorian calendar. */
function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in the month (1-based) of the year. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Splits a "YYYY-MM-DD" string into its parts, or undefined when it is not a real date. */
function parse(value: string): CivilDate | undefined {
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  // Year 0 does not exist in civil usage; month and day must name a real calendar day.
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** True when the value is a "YYYY-MM-DD" string naming a real calendar day. */
export function isIsoDate(value: unknown): value is string {
  return typeof value === "string" && parse(value) !== undefined;
}

/** Days since 1970-01-01 of a civil date. */
function toDayNumber({ year, month, day }: CivilDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number (days since 1970-01-01). */
function fromDayNumber(dayNumber: number): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Formats a civil date as "YYYY-MM-DD". */
function format({ year, month, day }: CivilDate): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Parses or throws: callers validate input first, so a bad date here is a programming error. */
function mustParse(value: string): CivilDate {
  const parsed = parse(value);
  if (!parsed) throw new RangeError(`Not a calendar date: ${value}`);
  return parsed;
}

/** The date `days` days after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  return format(fromDayNumber(toDayNumber(mustParse(date)) + days));
}

/** The same day `months` months later, clamped to the month's last day (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = mustParse(date);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = index - newYear * 12 + 1;
  return format({ year: newYear, month: newMonth, day: Math.min(day, daysInMonth(newYear, newMonth)) });
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(mustParse(to)) - toDayNumber(mustParse(from));
}
