import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical.js";

describe("canonicalJson", () => {
  it("sorts keys at every depth and writes bigint and dates as strings", () => {
    expect(canonicalJson({ b: 1, a: { d: [2n, new Date("2026-01-01T00:00:00Z")], c: null } })).toBe(
      '{"a":{"c":null,"d":["2","2026-01-01T00:00:00.000Z"]},"b":1}',
    );
  });

  it("does not depend on key order", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        return canonicalJson(obj) === canonicalJson(reversed);
      }),
    );
  });
});
