import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import {
  addDays,
  addMonths,
  daysBetween,
  daysInMonth,
  eachDate,
  formatIsoDate,
  fromLocal,
  fromLocalParts,
  isIsoDate,
  isValidTimeZone,
  localDateOf,
  offsetMinutesAt,
  startOfLocalDay,
  toLocal,
} from "./time.js";

const ZONES = [
  "UTC",
  "Asia/Almaty",
  "Asia/Aqtobe",
  "Europe/Berlin",
  "America/New_York",
  "Asia/Kolkata",
  "Australia/Lord_Howe",
  "Pacific/Chatham",
];
const zoneArb = fc.constantFrom(...ZONES);
// 1970..2100 covers the records the system will hold, historical offsets included.
const instantArb = fc
  .integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) })
  .map((ms) => new Date(ms));
const dateArb = fc
  .integer({ min: 0, max: 130 * 366 })
  .map((days) => addDays("1970-01-01", days))
  .filter((d) => d < "2100-01-01");

describe("calendar dates", () => {
  it("know real dates and leap days", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2000-02-29")).toBe(true);
    expect(isIsoDate("1900-02-29")).toBe(false);
    expect(isIsoDate("2024-13-01")).toBe(false);
    expect(isIsoDate("2024-1-01")).toBe(false);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2023, 12)).toBe(31);
  });

  it("add days across month, year and leap-day boundaries", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-02-29", 1)).toBe("2024-03-01");
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
    expect(addDays("2025-01-01", -1)).toBe("2024-12-31");
    expect(addDays("0099-12-31", 1)).toBe("0100-01-01");
    expect(daysBetween("2024-01-01", "2025-01-01")).toBe(366);
    expect(eachDate("2024-02-27", "2024-03-01")).toEqual([
      "2024-02-27",
      "2024-02-28",
      "2024-02-29",
      "2024-03-01",
    ]);
    expect(eachDate("2024-03-01", "2024-02-27")).toEqual([]);
  });

  it("add months across the year end", () => {
    expect(addMonths(2024, 12, 1)).toEqual({ year: 2025, month: 1 });
    expect(addMonths(2024, 1, -1)).toEqual({ year: 2023, month: 12 });
    expect(addMonths(2024, 6, 18)).toEqual({ year: 2025, month: 12 });
  });

  it("addDays and daysBetween are inverse", () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -2000, max: 2000 }), (date, n) => {
        const moved = addDays(date, n);
        expect(isIsoDate(moved)).toBe(true);
        expect(daysBetween(date, moved)).toBe(n);
      }),
    );
  });

  it("rejects dates that do not exist", () => {
    expect(() => formatIsoDate(2023, 2, 29)).toThrow(AppError);
    expect(() => addDays("2023-02-29", 1)).toThrow(AppError);
  });
});

describe("time zones", () => {
  it("know the runtime's zones", () => {
    expect(isValidTimeZone("Asia/Almaty")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
    try {
      toLocal(new Date(0), "Mars/Olympus");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).field).toBe("timeZone");
    }
  });

  it("Asia/Almaty: UTC+6 until 2024-03-01, UTC+5 since", () => {
    expect(offsetMinutesAt(new Date("2024-02-29T12:00:00Z"), "Asia/Almaty")).toBe(360);
    expect(offsetMinutesAt(new Date("2024-03-01T12:00:00Z"), "Asia/Almaty")).toBe(300);
    expect(fromLocal("2024-02-29", "07:00", "Asia/Almaty").toISOString()).toBe("2024-02-29T01:00:00.000Z");
    expect(fromLocal("2024-03-01", "07:00", "Asia/Almaty").toISOString()).toBe("2024-03-01T02:00:00.000Z");
    expect(fromLocal("2023-06-15", "07:00", "Asia/Almaty").toISOString()).toBe("2023-06-15T01:00:00.000Z");
  });

  it("Asia/Almaty: the hour before the 2024 change occurs twice; the earlier instant wins", () => {
    // At 2024-02-29T18:00Z clocks went from 24:00 (+06) back to 23:00 (+05).
    expect(fromLocal("2024-02-29", "23:30", "Asia/Almaty").toISOString()).toBe("2024-02-29T17:30:00.000Z");
    expect(toLocal(new Date("2024-02-29T18:30:00Z"), "Asia/Almaty")).toMatchObject({
      day: 29,
      hour: 23,
      minute: 30,
    });
    expect(startOfLocalDay("2024-03-01", "Asia/Almaty").toISOString()).toBe("2024-02-29T19:00:00.000Z");
  });

  it("Europe/Berlin: a spring gap moves forward, an autumn overlap takes the earlier instant", () => {
    expect(fromLocal("2024-03-31", "02:30", "Europe/Berlin").toISOString()).toBe("2024-03-31T01:30:00.000Z");
    expect(toLocal(new Date("2024-03-31T01:30:00Z"), "Europe/Berlin")).toMatchObject({ hour: 3, minute: 30 });
    expect(fromLocal("2024-10-27", "02:30", "Europe/Berlin").toISOString()).toBe("2024-10-27T00:30:00.000Z");
    expect(fromLocal("2024-07-01", "07:00", "Europe/Berlin").toISOString()).toBe("2024-07-01T05:00:00.000Z");
    expect(fromLocal("2024-01-15", "07:00", "Europe/Berlin").toISOString()).toBe("2024-01-15T06:00:00.000Z");
  });

  it("toLocal then fromLocalParts gives back the same wall time, never a later instant", () => {
    fc.assert(
      fc.property(instantArb, zoneArb, (instant, zone) => {
        const local = toLocal(instant, zone);
        const back = fromLocalParts(local, zone);
        expect(toLocal(back, zone)).toEqual(local);
        expect(back.getTime()).toBeLessThanOrEqual(instant.getTime());
        // Only an overlap makes them differ, and no overlap is longer than 2 hours in these zones.
        expect(instant.getTime() - back.getTime()).toBeLessThanOrEqual(2 * 3_600_000);
      }),
    );
  });

  it("fromLocal lands on the asked wall time except inside a gap, where it moves forward", () => {
    fc.assert(
      fc.property(
        dateArb,
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        zoneArb,
        (date, h, m, zone) => {
          const time = `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
          const instant = fromLocal(date, time, zone);
          const local = toLocal(instant, zone);
          const asked = Date.UTC(
            Number(date.slice(0, 4)),
            Number(date.slice(5, 7)) - 1,
            Number(date.slice(8)),
            h,
            m,
          );
          const got = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
          expect(got - asked).toBeGreaterThanOrEqual(0);
          expect(got - asked).toBeLessThanOrEqual(2 * 3_600_000);
        },
      ),
    );
  });

  it("a local date's start belongs to that date", () => {
    fc.assert(
      fc.property(dateArb, zoneArb, (date, zone) => {
        expect(localDateOf(startOfLocalDay(date, zone), zone)).toBe(date);
        expect(localDateOf(new Date(startOfLocalDay(date, zone).getTime() - 1), zone)).toBe(
          addDays(date, -1),
        );
      }),
    );
  });
});
