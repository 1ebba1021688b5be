import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, addMonths, daysBetween, isIsoDate } from "./dates.js";

/** Reference implementation through UTC timestamps, for comparison only. */
function referenceAddDays(date: string, days: number): string {
  const [y = 0, m = 1, d = 1] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * 86_400_000).toISOString().slice(0, 10);
}

describe("dates", () => {
  it("accepts only real calendar days", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2100-02-29")).toBe(false);
    expect(isIsoDate("2000-02-29")).toBe(true);
    expect(isIsoDate("2025-04-31")).toBe(false);
    expect(isIsoDate("2025-13-01")).toBe(false);
    expect(isIsoDate("2025-1-01")).toBe(false);
    expect(isIsoDate("0000-01-01")).toBe(false);
    expect(isIsoDate(20250101)).toBe(false);
  });

  it("adds days across months, years and leap days", () => {
    expect(addDays("2030-06-20", -10)).toBe("2030-06-10");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2030-01-05", -30)).toBe("2029-12-06");
  });

  it("clamps months to the last day", () => {
    expect(addMonths("2030-08-31", 6)).toBe("2031-02-28");
    expect(addMonths("2031-08-31", 6)).toBe("2032-02-29");
    expect(addMonths("2030-01-31", 12)).toBe("2031-01-31");
    expect(addMonths("2030-11-15", -12)).toBe("2029-11-15");
  });

  it("agrees with UTC timestamp arithmetic", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -200_000, max: 200_000 }),
        fc.integer({ min: -5000, max: 5000 }),
        (start, delta) => {
          const date = referenceAddDays("1970-01-01", start);
          expect(addDays(date, delta)).toBe(referenceAddDays(date, delta));
          expect(daysBetween(date, addDays(date, delta))).toBe(delta);
        },
      ),
    );
  });
});
