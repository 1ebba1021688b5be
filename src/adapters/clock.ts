import type { Clock } from "../core/clock.js";

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still (tests); `advance` moves it. */
export function fixedClock(start: Date | string): Clock & { advance(ms: number): void; set(d: Date): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    advance(ms) {
      current = new Date(current.getTime() + ms);
    },
    set(d) {
      current = new Date(d);
    },
  };
}
