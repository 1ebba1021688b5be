import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nulAt } from "./nul.js";

/** The first implementation: the path built at every step (kept as the oracle). */
function oracle(value: unknown, at: string, depth = 0): string | undefined {
  if (typeof value === "string") return value.includes("\u0000") ? at : undefined;
  if (!value || typeof value !== "object" || depth > 32 || Buffer.isBuffer(value)) return undefined;
  for (const [key, child] of Object.entries(value)) {
    if (key.includes("\u0000")) return `${at}.${key}`;
    const found = oracle(child, `${at}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

describe("nulAt", () => {
  it("names the first string or key holding U+0000", () => {
    expect(nulAt({ data: { applicant: { surname: "Ab\u0000c" } } }, "body")).toBe(
      "body.data.applicant.surname",
    );
    expect(nulAt({ list: ["ok", "b\u0000"] }, "body")).toBe("body.list.1");
    expect(nulAt({ "k\u0000": 1 }, "querystring")).toBe("querystring.k\u0000");
    expect(nulAt("x\u0000", "params")).toBe("params");
    expect(nulAt({ a: "clean", b: [1, null, { c: "Қорғас" }] }, "body")).toBeUndefined();
    expect(nulAt(Buffer.from([0]), "body")).toBeUndefined();
  });

  it("gives the path the first implementation gave, for any value", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "қ", "\u0000", "."), maxLength: 4 });
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        text,
        fc.integer(),
        fc.constant(null),
        fc.array(tie("node"), { maxLength: 3 }),
        fc.dictionary(text, tie("node"), { maxKeys: 3 }),
      ),
    })).node;
    fc.assert(fc.property(value, (v) => nulAt(v, "body") === oracle(v, "body")));
  });
});
