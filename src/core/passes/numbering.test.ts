import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import {
  formatPassNumber,
  formatRegisterLine,
  isPassNumber,
  MAX_SEQUENCE,
  parsePassNumber,
  parseRegisterLine,
  seriesFromUnitCode,
} from "./numbering.js";

describe("pass numbers and register lines", () => {
  it("formats the example of the brief", () => {
    expect(formatPassNumber({ series: "ПАН", year: 2026, seq: 17 })).toBe("ПАН-2026-000017");
    expect(formatRegisterLine({ series: "ПАН", year: 2026, seq: 17 })).toBe("ПАН-2026/000017");
  });

  it("parses what it formats, and nothing of the other kind", () => {
    expect(parsePassNumber("ПАН-2026-000017")).toEqual({ series: "ПАН", year: 2026, seq: 17 });
    expect(parseRegisterLine("ПАН-2026/000017")).toEqual({ series: "ПАН", year: 2026, seq: 17 });
    expect(parsePassNumber("ПАН-2026/000017")).toBeUndefined();
    expect(parseRegisterLine("ПАН-2026-000017")).toBeUndefined();
  });

  it.each([
    "",
    "ПАН-2026-17",
    "ПАН-2026-0000017",
    "пан-2026-000017",
    "П-2026-000017",
    "ПАН-1993-000017",
    "ПАН-2026-000000",
    " ПАН-2026-000017",
    "1АН-2026-000017",
  ])("rejects %j", (text) => {
    expect(isPassNumber(text)).toBe(false);
  });

  it("refuses to format out-of-range parts with a validation error naming the field", () => {
    for (const [parts, field] of [
      [{ series: "x", year: 2026, seq: 1 }, "series"],
      [{ series: "ПАН", year: 1990, seq: 1 }, "year"],
      [{ series: "ПАН", year: 2026, seq: 0 }, "seq"],
      [{ series: "ПАН", year: 2026, seq: MAX_SEQUENCE + 1 }, "seq"],
      [{ series: "ПАН", year: 2026, seq: 1.5 }, "seq"],
    ] as const) {
      const error = (() => {
        try {
          formatPassNumber(parts);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).field).toBe(field);
    }
  });

  it("derives a series from a unit code", () => {
    expect(seriesFromUnitCode("пан-01")).toBe("ПАН01");
    expect(seriesFromUnitCode("Өскемен ІІБ")).toBe("ӨСКЕМЕ");
    expect(() => seriesFromUnitCode("--")).toThrow(AppError);
  });

  it("round-trips every valid number (property)", () => {
    const letter = fc.constantFrom(..."АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯABCXYZ");
    const series = fc
      .tuple(
        letter,
        fc.array(fc.oneof(letter, fc.constantFrom(..."0123456789")), { minLength: 1, maxLength: 5 }),
      )
      .map(([first, rest]) => first + rest.join(""));
    fc.assert(
      fc.property(
        series,
        fc.integer({ min: 1994, max: 9999 }),
        fc.integer({ min: 1, max: MAX_SEQUENCE }),
        (s, y, n) => {
          const parts = { series: s, year: y, seq: n };
          expect(parsePassNumber(formatPassNumber(parts))).toEqual(parts);
          expect(parseRegisterLine(formatRegisterLine(parts))).toEqual(parts);
        },
      ),
    );
  });

  it("orders numbers of one series and year by sequence when compared as text", () => {
    const a = formatPassNumber({ series: "ПАН", year: 2026, seq: 9 });
    const b = formatPassNumber({ series: "ПАН", year: 2026, seq: 10 });
    expect(a < b).toBe(true);
  });
});
