/**
 * Addressing of exchange messages (X-2, X-8) and the retry schedule of deliveries to other
 * agencies' systems. Pure: the callers bring the units and the clock.
 */

/** A unit as addressing needs it. */
export interface AddressUnit {
  id: string;
  agency: string;
  parentId: string | null;
  triadId: string | null;
}

/** One addressee and why it is one. */
export interface Addressee {
  unitId: string;
  kind: "COUNTERPART" | "SUPERIOR";
}

/**
 * The addressees of a message from `sender`: its counterparts at the same level (the other
 * members of its X-2 triad) and, when the class says so, its superior unit (the parent in its
 * agency's tree). Never the sender itself; each unit once.
 */
export function addresseesOf(
  sender: AddressUnit,
  units: readonly AddressUnit[],
  copyToSuperior: boolean,
): Addressee[] {
  const found: Addressee[] = [];
  if (sender.triadId !== null) {
    for (const unit of units) {
      if (unit.id !== sender.id && unit.triadId === sender.triadId && unit.agency !== sender.agency) {
        found.push({ unitId: unit.id, kind: "COUNTERPART" });
      }
    }
  }
  if (copyToSuperior && sender.parentId !== null && !found.some((a) => a.unitId === sender.parentId)) {
    found.push({ unitId: sender.parentId, kind: "SUPERIOR" });
  }
  return found;
}

/** The first retry comes after this long; each further one waits twice as long. */
export const RETRY_BASE_MS = 5_000;
/** Retries never wait longer than this (an hour). */
export const RETRY_MAX_MS = 3_600_000;

/**
 * How long to wait before attempt `attempts + 1` after `attempts` failed ones: exponential
 * backoff 5 s, 10 s, 20 s … capped at an hour, with up to 20 % jitter (`random` in [0, 1)) so
 * several instances do not retry a recovered peer in lockstep.
 */
export function retryDelayMs(attempts: number, random = 0): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 30));
  const base = Math.min(RETRY_BASE_MS * 2 ** exponent, RETRY_MAX_MS);
  return Math.round(base * (1 + 0.2 * Math.min(Math.max(random, 0), 0.999)));
}
