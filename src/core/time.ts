/** The legal time zone for dates without a unit (applications, eligibility): Kazakhstan's. */
export const DEFAULT_ZONE = "Asia/Almaty";

// Building an Intl.DateTimeFormat is costly; one per zone is enough.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date ("YYYY-MM-DD") of an instant in an IANA time zone. */
export function localDate(instant: Date, zone: string = DEFAULT_ZONE): string {
  let format = formatters.get(zone);
  if (!format) {
    // en-CA formats dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    formatters.set(zone, format);
  }
  return format.format(instant);
}
