import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { localDate, localDateTimeWithZone } from "./time.js";

/** The local date as a fresh formatter gives it, without the per-zone memory. */
function fresh(instant: Date, zone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(instant);
}

const ZONES = ["Asia/Almaty", "Asia/Aqtobe", "Europe/Moscow", "UTC", "America/St_Johns", "Asia/Kathmandu"];

describe("localDate", () => {
  it("answers each instant's own date when calls for the same second, other seconds and zones interleave", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            // From before the zones' whole-minute offsets (local mean time) to the future.
            ms: fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }),
            jitter: fc.integer({ min: 0, max: 999 }),
            zone: fc.constantFrom(...ZONES),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        (calls) => {
          for (const { ms, jitter, zone } of calls) {
            // The same second asked twice, at different milliseconds.
            const a = new Date(Math.floor(ms / 1000) * 1000);
            const b = new Date(a.getTime() + jitter);
            expect(localDate(a, zone)).toBe(fresh(a, zone));
            expect(localDate(b, zone)).toBe(fresh(b, zone));
          }
        },
      ),
    );
  });

  it("turns the date at local midnight, not at UTC midnight", () => {
    // 2026-03-01 00:00 in Almaty (UTC+5) is 2026-02-28 19:00 UTC.
    expect(localDate(new Date("2026-02-28T18:59:59.999Z"))).toBe("2026-02-28");
    expect(localDate(new Date("2026-02-28T19:00:00.000Z"))).toBe("2026-03-01");
    expect(localDate(new Date("2026-02-28T18:59:59.000Z"))).toBe("2026-02-28");
    expect(localDate(new Date("2026-02-28T19:00:00.000Z"), "UTC")).toBe("2026-02-28");
  });

  it("refuses an invalid instant as the formatter does", () => {
    expect(() => localDate(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => localDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("localDateTimeWithZone", () => {
  it("prints the wall clock of the zone, naming it", () => {
    const at = new Date("2026-12-07T06:27:40Z");
    expect(localDateTimeWithZone(at, "Asia/Almaty")).toBe("2026-12-07 11:27 (Asia/Almaty)");
    expect(localDateTimeWithZone(at, "Europe/London")).toBe("2026-12-07 06:27 (Europe/London)");
    // Before 1 March 2024 Almaty was UTC+6: old records keep their old offset.
    expect(localDateTimeWithZone(new Date("2024-02-01T18:30:00Z"), "Asia/Almaty")).toBe(
      "2024-02-02 00:30 (Asia/Almaty)",
    );
  });

  it("gives the same local date as localDate", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1990-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }),
        (at) => {
          expect(localDateTimeWithZone(at, "Asia/Almaty").slice(0, 10)).toBe(localDate(at, "Asia/Almaty"));
        },
      ),
    );
  });
});
