import { formatIsoDate, toLocal } from "./exchange/time.js";

/** The legal time zone for dates without a unit (applications, eligibility): Kazakhstan's. */
export const DEFAULT_ZONE = "Asia/Almaty";

// Building an Intl.DateTimeFormat is costly; one per zone is enough. Formatting is not cheap either
// (ICU, several microseconds) and a busy server asks for the same second's date many times over:
// each zone keeps its last answer. Zone offsets are whole seconds, so one UTC second is one local date.
const formatters = new Map<string, { format: Intl.DateTimeFormat; second: number; date: string }>();

/** The calendar date ("YYYY-MM-DD") of an instant in an IANA time zone. */
export function localDate(instant: Date, zone: string = DEFAULT_ZONE): string {
  const second = Math.floor(instant.getTime() / 1000);
  let entry = formatters.get(zone);
  if (!entry) {
    // en-CA formats dates as YYYY-MM-DD.
    const format = new Intl.DateTimeFormat("en-CA", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    entry = { format, second: Number.NaN, date: "" };
    formatters.set(zone, entry);
  }
  if (entry.second !== second) {
    entry.date = entry.format.format(instant);
    entry.second = second;
  }
  return entry.date;
}

/** An instant's local "YYYY-MM-DD HH:MM" (24-hour clock) in an IANA time zone. */
export function localDateTime(instant: Date, zone: string = DEFAULT_ZONE): string {
  // toLocal keeps one formatter per zone: pages format a time for every row they show.
  const local = toLocal(instant, zone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${formatIsoDate(local.year, local.month, local.day)} ${two(local.hour)}:${two(local.minute)}`;
}

/**
 * An instant as a document prints it: the local "YYYY-MM-DD HH:MM" in an IANA zone, with the zone
 * named, so a printed time means the same wherever it is read.
 */
export function localDateTimeWithZone(instant: Date, zone: string = DEFAULT_ZONE): string {
  return `${localDateTime(instant, zone)} (${zone})`;
}
