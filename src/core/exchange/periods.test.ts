import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_EXCHANGE_RULES } from "./classes.js";
import { addresseesOf, RETRY_MAX_MS, retryDelayMs } from "./delivery.js";
import { expectedObligations } from "./obligations.js";
import { defaultPeriod, isPeriodOf, obligationForPeriod } from "./periods.js";

const ZONES = ["Asia/Almaty", "Asia/Aqtobe", "Europe/Berlin", "America/New_York", "Pacific/Chatham", "UTC"];
const unitIn = (zone: string) => ({ id: "u1", timeZone: zone });
// Instants 2003..2040 (the instruction is in force from 2002-05-22), where the zones have changed offsets (Almaty +6 → +5 on 2024-03-01).
const instant = fc.date({
  min: new Date("2003-01-01T00:00:00Z"),
  max: new Date("2040-12-31T00:00:00Z"),
  noInvalidDate: true,
});

describe("reporting periods", () => {
  it("the obligation of a period is the one expectedObligations lists for it (same key and window)", () => {
    fc.assert(
      fc.property(
        instant,
        fc.constantFrom(...ZONES),
        fc.constantFrom("DAILY", "MONTHLY", "SEMI_ANNUAL" as const),
        (at, zone, classId) => {
          const unit = unitIn(zone);
          const period = defaultPeriod(classId, at, zone);
          expect(isPeriodOf(classId, period)).toBe(true);
          const o = obligationForPeriod(unit, DEFAULT_EXCHANGE_RULES, classId, period);
          const listed = expectedObligations(unit, DEFAULT_EXCHANGE_RULES, o.opensAt, o.dueAt).find(
            (x) => x.key === o.key,
          );
          expect(listed?.opensAt.toISOString()).toBe(o.opensAt.toISOString());
          expect(listed?.dueAt.toISOString()).toBe(o.dueAt.toISOString());
        },
      ),
      { numRuns: 150 },
    );
  });

  it("a message sent inside a window reports on that window's period by default", () => {
    fc.assert(
      fc.property(
        instant,
        fc.constantFrom(...ZONES),
        fc.constantFrom("DAILY", "MONTHLY", "SEMI_ANNUAL" as const),
        (at, zone, classId) => {
          const unit = unitIn(zone);
          const day = new Date(at.getTime() - 3 * 86_400_000);
          for (const o of expectedObligations(unit, DEFAULT_EXCHANGE_RULES, day, at)) {
            if (o.classId !== classId || classId === "DAILY") continue;
            const mid = new Date((o.opensAt.getTime() + o.dueAt.getTime()) / 2);
            if (classId === "MONTHLY") {
              // The 28th→5th window: from the 28th it is the current month, to the 5th the previous one.
              expect(defaultPeriod("MONTHLY", mid, zone)).toBe(o.period);
            }
          }
          const daily = obligationForPeriod(
            unit,
            DEFAULT_EXCHANGE_RULES,
            "DAILY",
            defaultPeriod("DAILY", at, zone),
          );
          expect(daily.dueAt.getTime() - daily.opensAt.getTime()).toBe(2 * 3_600_000);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("December's report is due by the end of 5 January; February's opens on the 28th in leap years too", () => {
    const dec = obligationForPeriod(unitIn("Asia/Almaty"), DEFAULT_EXCHANGE_RULES, "MONTHLY", "2025-12");
    expect(dec.opensAt.toISOString()).toBe("2025-12-27T19:00:00.000Z");
    expect(dec.dueAt.toISOString()).toBe("2026-01-05T19:00:00.000Z");
    expect(defaultPeriod("MONTHLY", new Date("2026-01-03T10:00:00Z"), "Asia/Almaty")).toBe("2025-12");
    const feb = obligationForPeriod(unitIn("Asia/Almaty"), DEFAULT_EXCHANGE_RULES, "MONTHLY", "2028-02");
    expect(feb.opensAt.toISOString()).toBe("2028-02-27T19:00:00.000Z");
    expect(feb.dueAt.toISOString()).toBe("2028-03-05T19:00:00.000Z");
    // 29 February of a leap year is a day of its own, before the window closes on 5 March.
    expect(defaultPeriod("MONTHLY", new Date("2028-02-29T12:00:00Z"), "Asia/Almaty")).toBe("2028-02");
    expect(defaultPeriod("DAILY", new Date("2028-02-29T20:00:00Z"), "Asia/Almaty")).toBe("2028-03-01");
    // Before 1 March 2024 Almaty was UTC+6: the daily window of 2024-02-29 closes at 03:00 UTC.
    expect(
      obligationForPeriod(
        unitIn("Asia/Almaty"),
        DEFAULT_EXCHANGE_RULES,
        "DAILY",
        "2024-02-29",
      ).dueAt.toISOString(),
    ).toBe("2024-02-29T03:00:00.000Z");
    expect(
      obligationForPeriod(
        unitIn("Asia/Almaty"),
        DEFAULT_EXCHANGE_RULES,
        "DAILY",
        "2024-03-01",
      ).dueAt.toISOString(),
    ).toBe("2024-03-01T04:00:00.000Z");
  });

  it("rejects malformed periods with a 400 naming the field", () => {
    for (const [classId, period] of [
      ["DAILY", "2023-02-29"],
      ["MONTHLY", "2024-13"],
      ["SEMI_ANNUAL", "2024-H3"],
    ] as const) {
      expect(() => obligationForPeriod(unitIn("UTC"), DEFAULT_EXCHANGE_RULES, classId, period)).toThrow(
        /period/,
      );
    }
  });
});

describe("addressing and retries", () => {
  const units = [
    { id: "iab", agency: "IAB", parentId: "iab-up", triadId: "t" },
    { id: "nsc", agency: "NSC", parentId: "nsc-up", triadId: "t" },
    { id: "cus", agency: "CUSTOMS", parentId: null, triadId: "t" },
    { id: "other", agency: "NSC", parentId: null, triadId: "t2" },
  ];

  it("addresses the triad's counterparts, and the superior only where the class says so", () => {
    const nsc = units[1] as (typeof units)[number];
    expect(addresseesOf(nsc, units, false)).toEqual([
      { unitId: "iab", kind: "COUNTERPART" },
      { unitId: "cus", kind: "COUNTERPART" },
    ]);
    expect(addresseesOf(nsc, units, true).at(-1)).toEqual({ unitId: "nsc-up", kind: "SUPERIOR" });
    expect(addresseesOf({ ...nsc, triadId: null }, units, false)).toEqual([]);
  });

  it("backs off exponentially, never beyond an hour, and never below the base", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (attempts, random) => {
          const delay = retryDelayMs(attempts, random);
          expect(delay).toBeGreaterThanOrEqual(5_000);
          expect(delay).toBeLessThanOrEqual(RETRY_MAX_MS * 1.2);
          expect(retryDelayMs(attempts + 1, 0)).toBeGreaterThanOrEqual(retryDelayMs(attempts, 0));
        },
      ),
    );
  });
});
