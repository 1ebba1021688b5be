import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { timeOrderedId } from "./time-ordered-id.js";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("timeOrderedId", () => {
  it("is a version 7 UUID carrying its instant in its first 48 bits", () => {
    const at = new Date("2026-12-06T10:30:00.123Z");
    const id = timeOrderedId(at);
    expect(id).toMatch(UUID_V7);
    expect(Number.parseInt(id.replace("-", "").slice(0, 12), 16)).toBe(at.getTime());
  });

  it("sorts as its instants do, whatever its random part", () => {
    const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) });
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        fc.pre(a !== b);
        const [x, y] = [timeOrderedId(new Date(a)), timeOrderedId(new Date(b))];
        expect(x < y).toBe(a < b);
      }),
    );
  });

  it("gives ids of the same millisecond apart, across refills of the random pool", () => {
    const at = new Date("2026-12-06T10:30:00Z");
    // 2,000 ids draw the 4 KB pool (256 ids) empty seven times: no bytes are handed out twice.
    const ids = Array.from({ length: 2000 }, () => timeOrderedId(at));
    expect(new Set(ids).size).toBe(2000);
    expect(new Set(ids.map((id) => id.slice(14))).size).toBe(2000);
    for (const id of ids) expect(id).toMatch(UUID_V7);
  });
});
