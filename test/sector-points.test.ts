import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePointsText, validPolygon } from "../src/core/coordination/sector-map.js";

describe("typed sector points (X p.10.1)", () => {
  it("reads latitude, longitude per line into stored [longitude, latitude] points, in the usual notations", () => {
    expect(parsePointsText("44.21, 80.41\n44.30;80.52\n\n44,35 80,60\n44.10\t80.30")).toEqual({
      ok: true,
      points: [
        [80.41, 44.21],
        [80.52, 44.3],
        [80.6, 44.35],
        [80.3, 44.1],
      ],
    });
  });

  it("names the line and the fault of bad input", () => {
    expect(parsePointsText("44.2, 80.4\n44.3 80.5 12\n44.1, 80.3")).toEqual({
      ok: false,
      error: { line: 2, problem: "NOT_TWO_NUMBERS" },
    });
    expect(parsePointsText("44.2, 80.4\n95, 80.5\n44.1, 80.3")).toEqual({
      ok: false,
      error: { line: 2, problem: "LATITUDE_RANGE" },
    });
    expect(parsePointsText("44.2, 80.4\n44.3, 190\n44.1, 80.3").ok).toBe(false);
    expect(parsePointsText("44.2, 80.4\nҚорғас, 80.5\n44.1, 80.3")).toMatchObject({ ok: false });
    expect(parsePointsText("44.2, 80.4\n44.3, 80.5")).toEqual({
      ok: false,
      error: { line: 0, problem: "TOO_FEW" },
    });
  });

  it("gives back any valid polygon written as lines, and only valid polygons", () => {
    const coord = (max: number) =>
      fc.double({ min: -max, max, noNaN: true }).map((n) => Math.round(n * 1e5) / 1e5 || 0);
    fc.assert(
      fc.property(fc.array(fc.tuple(coord(180), coord(90)), { minLength: 3, maxLength: 40 }), (points) => {
        const text = points.map(([lon, lat]) => `${lat}, ${lon}`).join("\n");
        const parsed = parsePointsText(text);
        expect(parsed).toEqual({ ok: true, points });
        expect(parsed.ok && validPolygon(parsed.points)).toBe(true);
      }),
    );
  });
});
