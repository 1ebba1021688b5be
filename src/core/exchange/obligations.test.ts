import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import { DEFAULT_EXCHANGE_RULES, type ExchangeClassRule, type ExchangeRuleOf } from "./classes.js";
import {
  advanceDue,
  advanceObligation,
  dailyWindow,
  expectedObligations,
  MAX_PERIOD_DAYS,
  monthlyWindow,
  semiAnnualWindow,
  urgentConfirmationDue,
  urgentObligation,
} from "./obligations.js";
import { addDays, addMonths, eachDate, startOfLocalDay } from "./time.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONES = [
  "UTC",
  "Asia/Almaty",
  "Asia/Aqtobe",
  "Europe/Berlin",
  "America/New_York",
  "Asia/Kolkata",
  "Australia/Lord_Howe",
];
const zoneArb = fc.constantFrom(...ZONES);
const dateArb = fc.integer({ min: 0, max: 100 * 365 }).map((days) => addDays("2003-01-01", days));
const monthArb = fc.record({
  year: fc.integer({ min: 1990, max: 2090 }),
  month: fc.integer({ min: 1, max: 12 }),
});
const instantArb = fc
  .integer({ min: Date.UTC(2003, 0, 1), max: Date.UTC(2090, 0, 1) })
  .map((ms) => new Date(ms));
const iso = (d: Date) => d.toISOString();
const almaty = { id: "bcp-1", timeZone: "Asia/Almaty" };

describe("daily window (X p.5.2)", () => {
  it("is 07:00–09:00 local: 01:00Z in Almaty before 2024-03-01, 02:00Z since", () => {
    const before = dailyWindow("2024-02-29", "Asia/Almaty");
    expect([iso(before.opensAt), iso(before.dueAt)]).toEqual([
      "2024-02-29T01:00:00.000Z",
      "2024-02-29T03:00:00.000Z",
    ]);
    const after = dailyWindow("2024-03-01", "Asia/Almaty");
    expect([iso(after.opensAt), iso(after.dueAt)]).toEqual([
      "2024-03-01T02:00:00.000Z",
      "2024-03-01T04:00:00.000Z",
    ]);
  });

  it("follows Berlin's summer and winter time", () => {
    expect(iso(dailyWindow("2024-03-30", "Europe/Berlin").opensAt)).toBe("2024-03-30T06:00:00.000Z");
    expect(iso(dailyWindow("2024-03-31", "Europe/Berlin").opensAt)).toBe("2024-03-31T05:00:00.000Z");
    expect(iso(dailyWindow("2024-10-27", "Europe/Berlin").opensAt)).toBe("2024-10-27T06:00:00.000Z");
  });

  it("is exactly two hours and opens before it closes, on every date in every zone", () => {
    fc.assert(
      fc.property(dateArb, zoneArb, (date, zone) => {
        const w = dailyWindow(date, zone);
        expect(w.opensAt.getTime()).toBeLessThan(w.dueAt.getTime());
        expect(w.dueAt.getTime() - w.opensAt.getTime()).toBe(2 * HOUR);
      }),
    );
  });

  it("rejects an unknown zone and an impossible date", () => {
    expect(() => dailyWindow("2024-03-01", "Nowhere/City")).toThrow(AppError);
    expect(() => dailyWindow("2023-02-29", "UTC")).toThrow(AppError);
  });
});

describe("monthly window (X p.5.3)", () => {
  it("December runs from 28 December to the end of 5 January of the next year", () => {
    const w = monthlyWindow(2024, 12, "Asia/Almaty");
    expect(iso(w.opensAt)).toBe("2024-12-27T19:00:00.000Z");
    expect(iso(w.dueAt)).toBe("2025-01-05T19:00:00.000Z");
  });

  it("February opens on the 28th in leap and common years; 2024 spans Almaty's offset change", () => {
    const leap = monthlyWindow(2024, 2, "Asia/Almaty");
    expect(iso(leap.opensAt)).toBe("2024-02-27T18:00:00.000Z"); // 00:00 at +06
    expect(iso(leap.dueAt)).toBe("2024-03-05T19:00:00.000Z"); // 6 March 00:00 at +05
    const common = monthlyWindow(2023, 2, "UTC");
    expect(iso(common.opensAt)).toBe("2023-02-28T00:00:00.000Z");
    expect(iso(common.dueAt)).toBe("2023-03-06T00:00:00.000Z");
    expect(common.dueAt.getTime() - common.opensAt.getTime()).toBe(6 * DAY);
    expect(
      monthlyWindow(2024, 2, "UTC").dueAt.getTime() - monthlyWindow(2024, 2, "UTC").opensAt.getTime(),
    ).toBe(7 * DAY);
  });

  it("lasts 6 to 9 days (± a clock change) and opens before it closes", () => {
    fc.assert(
      fc.property(monthArb, zoneArb, ({ year, month }, zone) => {
        const w = monthlyWindow(year, month, zone);
        const length = w.dueAt.getTime() - w.opensAt.getTime();
        expect(length).toBeGreaterThanOrEqual(6 * DAY - 2 * HOUR);
        expect(length).toBeLessThanOrEqual(9 * DAY + 2 * HOUR);
      }),
    );
  });

  it("never overlaps the next month's window", () => {
    fc.assert(
      fc.property(monthArb, zoneArb, ({ year, month }, zone) => {
        const next = addMonths(year, month, 1);
        expect(monthlyWindow(year, month, zone).dueAt.getTime()).toBeLessThan(
          monthlyWindow(next.year, next.month, zone).opensAt.getTime(),
        );
      }),
    );
  });

  it("rejects a month outside 1..12", () => {
    expect(() => monthlyWindow(2024, 13, "UTC")).toThrow(AppError);
    expect(() => monthlyWindow(2024, 0, "UTC")).toThrow(AppError);
  });
});

describe("semi-annual window (X p.5.5)", () => {
  it("is the calendar half, due by the end of its last day", () => {
    const h1 = semiAnnualWindow(2024, 1, "Asia/Almaty");
    expect([iso(h1.opensAt), iso(h1.dueAt)]).toEqual([
      "2023-12-31T18:00:00.000Z",
      "2024-06-30T19:00:00.000Z",
    ]);
    const h2 = semiAnnualWindow(2024, 2, "UTC");
    expect([iso(h2.opensAt), iso(h2.dueAt)]).toEqual([
      "2024-07-01T00:00:00.000Z",
      "2025-01-01T00:00:00.000Z",
    ]);
  });

  it("halves follow each other without gap or overlap", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2090 }), zoneArb, (year, zone) => {
        expect(semiAnnualWindow(year, 1, zone).dueAt).toEqual(semiAnnualWindow(year, 2, zone).opensAt);
        expect(semiAnnualWindow(year, 2, zone).dueAt).toEqual(semiAnnualWindow(year + 1, 1, zone).opensAt);
      }),
    );
  });
});

describe("urgent and advance deadlines (X p.5.1, p.5.4)", () => {
  it("the written confirmation is due exactly 2 hours after the oral notice, even across a clock change", () => {
    expect(iso(urgentConfirmationDue(new Date("2024-02-29T17:30:00Z")))).toBe("2024-02-29T19:30:00.000Z");
    expect(iso(urgentConfirmationDue(new Date("2024-03-31T00:30:00Z")))).toBe("2024-03-31T02:30:00.000Z");
    fc.assert(
      fc.property(instantArb, (oralAt) => {
        expect(urgentConfirmationDue(oralAt).getTime() - oralAt.getTime()).toBe(2 * HOUR);
      }),
    );
  });

  it("logging an oral notice creates the confirmation obligation", () => {
    const oralAt = new Date("2024-05-10T10:15:00Z");
    const o = urgentObligation(almaty, DEFAULT_EXCHANGE_RULES, oralAt);
    expect(o).toMatchObject({
      classId: "URGENT",
      clause: "X p.5.1",
      delivery: "ORAL_THEN_WRITTEN",
      ruleVersion: 1,
    });
    expect(o.opensAt).toEqual(oralAt);
    expect(iso(o.dueAt)).toBe("2024-05-10T12:15:00.000Z");
    expect(o.key).toBe("bcp-1:URGENT:2024-05-10T10:15:00.000Z");
  });

  it("advance information is due by the event; a late-known event leaves a closed, not inverted, window", () => {
    const eventAt = new Date("2024-05-10T10:00:00Z");
    expect(advanceDue(eventAt)).toEqual(eventAt);
    const o = advanceObligation(almaty, DEFAULT_EXCHANGE_RULES, eventAt, new Date("2024-05-01T00:00:00Z"));
    expect(o).toMatchObject({ classId: "ADVANCE", clause: "X p.5.4", dueAt: eventAt });
    const late = advanceObligation(almaty, DEFAULT_EXCHANGE_RULES, eventAt, new Date("2024-05-11T00:00:00Z"));
    expect(late.opensAt).toEqual(eventAt);
  });

  it("refuses a date before any rule is in force", () => {
    expect(() => urgentObligation(almaty, DEFAULT_EXCHANGE_RULES, new Date("2001-01-01T00:00:00Z"))).toThrow(
      AppError,
    );
  });
});

describe("expectedObligations", () => {
  it("lists a year's obligations in Almaty: every day, 13 monthly windows, 2 halves", () => {
    const all = expectedObligations(
      almaty,
      DEFAULT_EXCHANGE_RULES,
      startOfLocalDay("2024-01-01", "Asia/Almaty"),
      startOfLocalDay("2025-01-01", "Asia/Almaty"),
    );
    const byClass = (id: string) => all.filter((o) => o.classId === id).map((o) => o.period);
    expect(byClass("DAILY")).toEqual(eachDate("2024-01-01", "2024-12-31"));
    // December 2023's window closes on 5 January 2024, so it intersects the year too.
    expect(byClass("MONTHLY")).toEqual([
      "2023-12",
      ...Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, "0")}`),
    ]);
    expect(byClass("SEMI_ANNUAL")).toEqual(["2024-H1", "2024-H2"]);
    for (let i = 1; i < all.length; i++) {
      expect((all[i - 1]?.opensAt.getTime() ?? 0) <= (all[i]?.opensAt.getTime() ?? 0)).toBe(true);
    }
  });

  it("yields exactly one daily obligation per local day of the range", () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 70 }), zoneArb, (start, days, zone) => {
        const unit = { id: "u", timeZone: zone };
        const end = addDays(start, days);
        const got = expectedObligations(
          unit,
          DEFAULT_EXCHANGE_RULES,
          startOfLocalDay(start, zone),
          startOfLocalDay(end, zone),
        )
          .filter((o) => o.classId === "DAILY")
          .map((o) => o.period);
        expect(got).toEqual(days === 0 ? [] : eachDate(start, addDays(end, -1)));
      }),
    );
  });

  it("every listed window intersects the period, opens before it closes and cites its clause", () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 0, max: 90 * DAY }), zoneArb, (from, span, zone) => {
        const to = new Date(from.getTime() + span);
        for (const o of expectedObligations({ id: "u", timeZone: zone }, DEFAULT_EXCHANGE_RULES, from, to)) {
          expect(o.opensAt.getTime()).toBeLessThan(o.dueAt.getTime());
          expect(o.opensAt.getTime()).toBeLessThan(to.getTime());
          expect(o.dueAt.getTime()).toBeGreaterThan(from.getTime());
          expect(o.clause).toMatch(/^X p\.5\.[235]$/);
        }
      }),
      { numRuns: 50 },
    );
  });

  it("a monthly report window that only closes inside the period is still listed", () => {
    const from = new Date("2024-03-03T00:00:00Z");
    const got = expectedObligations(almaty, DEFAULT_EXCHANGE_RULES, from, new Date("2024-03-04T00:00:00Z"));
    expect(got.filter((o) => o.classId === "MONTHLY").map((o) => o.period)).toEqual(["2024-02"]);
  });

  it("applies each rule version from its effective date", () => {
    const dailyV1 = DEFAULT_EXCHANGE_RULES.find((r): r is ExchangeRuleOf<"DAILY"> => r.id === "DAILY");
    if (!dailyV1) throw new Error("no DAILY rule");
    const v2: ExchangeClassRule = {
      ...dailyV1,
      version: 2,
      effectiveFrom: "2024-06-01",
      timing: { opensAt: "08:00", dueAt: "10:00" },
    };
    const got = expectedObligations(
      { id: "u", timeZone: "UTC" },
      [...DEFAULT_EXCHANGE_RULES, v2],
      new Date("2024-05-31T00:00:00Z"),
      new Date("2024-06-02T00:00:00Z"),
    ).filter((o) => o.classId === "DAILY");
    expect(got.map((o) => [o.period, o.ruleVersion, iso(o.opensAt)])).toEqual([
      ["2024-05-31", 1, "2024-05-31T07:00:00.000Z"],
      ["2024-06-01", 2, "2024-06-01T08:00:00.000Z"],
    ]);
  });

  it("rejects an inverted or an overlong period", () => {
    const from = new Date("2024-01-01T00:00:00Z");
    expect(() =>
      expectedObligations(almaty, DEFAULT_EXCHANGE_RULES, from, new Date("2023-12-31T00:00:00Z")),
    ).toThrow(AppError);
    expect(() =>
      expectedObligations(
        almaty,
        DEFAULT_EXCHANGE_RULES,
        from,
        new Date(from.getTime() + (MAX_PERIOD_DAYS + 1) * DAY),
      ),
    ).toThrow(AppError);
    expect(expectedObligations(almaty, DEFAULT_EXCHANGE_RULES, from, from)).toEqual([]);
  });
});

describe("before the instruction", () => {
  it("owes nothing before 2002-05-22, when no rule was in force", () => {
    const got = expectedObligations(
      { id: "u", timeZone: "UTC" },
      DEFAULT_EXCHANGE_RULES,
      new Date("2002-05-20T00:00:00Z"),
      new Date("2002-05-24T00:00:00Z"),
    );
    expect(got.map((o) => o.period)).toEqual(["2002-05-22", "2002-05-23"]);
  });
});
