/** The legal time zone for dates without a unit (applications, eligibility): Kazakhstan's. */
export const DEFAULT_ZONE = "Asia/Almaty";

/** The calendar date ("YYYY-MM-DD") of an instant in an IANA time zone. */
export function localDate(instant: Date, zone: string = DEFAULT_ZONE): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(instant);
}
