import { v7 } from "uuid";

/**
 * A new UUID (RFC 9562 version 7) whose first 48 bits are the instant `at`, in milliseconds, and
 * the rest random. Rows keyed by it are appended at the right edge of their B-tree indexes instead
 * of scattered over them: after each checkpoint a scattered insert writes the whole page it lands
 * on into the WAL, and at the rate cases arrive that was most of the WAL written (session 10).
 */
export function timeOrderedId(at: Date): string {
  return v7({ msecs: at.getTime() });
}
