/**
 * Instants are stored in UTC; pages read and show them as local times of the signed-in user's
 * unit (X-8: each unit has an IANA time zone), whatever zone the browser's machine is set to.
 */

import { fromLocal } from "../../src/core/exchange/time.js";
import { DEFAULT_ZONE, localDateTime } from "../../src/core/time.js";

// Users without a unit (citizens, system-wide administrators) read times in Kazakhstan's zone.
export { DEFAULT_ZONE };

let displayZone = DEFAULT_ZONE;

/** Sets the zone local times are read and shown in: the signed-in user's unit zone. */
export function setDisplayZone(zone: string | null | undefined): void {
  displayZone = zone || DEFAULT_ZONE;
}

/** The zone local times are read and shown in (the user's unit zone). */
export function currentZone(): string {
  return displayZone;
}

/** An instant as local "YYYY-MM-DD HH:MM" in the user's unit zone, or in `zone`. */
export function formatInstant(iso: string | null | undefined, zone = displayZone): string {
  return iso ? localDateTime(new Date(iso), zone) : "—";
}

/** The UTC instant of a wall-clock "YYYY-MM-DDTHH:MM" in an IANA zone (X-8: the unit's local time). */
export function localToIso(value: string, zone: string): string {
  return fromLocal(value.slice(0, 10), value.slice(11), zone).toISOString();
}
