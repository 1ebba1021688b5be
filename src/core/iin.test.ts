import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { iinCheckDigit, iinFirstRemainder, isValidIin } from "./iin.js";

const eleven = fc.stringMatching(/^\d{11}$/);

describe("IIN check digit", () => {
  it("accepts known valid numbers and refuses wrong shapes", () => {
    // 90010130001 → weighted sum 51, remainder 7 → check digit 7 (computed by hand).
    expect(iinCheckDigit("90010130001")).toBe(7);
    expect(isValidIin("900101300017")).toBe(true);
    expect(isValidIin("900101300019")).toBe(false);
    expect(isValidIin("90010130001")).toBe(false);
    expect(isValidIin("9001013000177")).toBe(false);
    expect(isValidIin("90010130001a")).toBe(false);
    expect(isValidIin(" 900101300017")).toBe(false);
  });

  it("uses the second weights when the first remainder is 10, and refuses a second 10", () => {
    // Search for witnesses of both branches rather than hard-coding them.
    let second: string | undefined;
    let none: string | undefined;
    for (let n = 0; n < 200_000 && (!second || !none); n += 1) {
      const first11 = String(n).padStart(11, "0");
      if (iinFirstRemainder(first11) !== 10) continue;
      if (iinCheckDigit(first11) === null) none ??= first11;
      else second ??= first11;
    }
    expect(second).toBeDefined();
    expect(none).toBeDefined();
    if (!second || !none) return;
    expect(isValidIin(`${second}${iinCheckDigit(second)}`)).toBe(true);
    for (let d = 0; d <= 9; d += 1) expect(isValidIin(`${none}${d}`)).toBe(false);
  });

  it("property: any 11 digits with their computed check digit validate", () => {
    fc.assert(
      fc.property(eleven, (first11) => {
        const check = iinCheckDigit(first11);
        if (check === null) return true;
        return isValidIin(`${first11}${check}`);
      }),
    );
  });

  it("property: exactly one check digit validates", () => {
    fc.assert(
      fc.property(eleven, (first11) => {
        const valid = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((d) => isValidIin(`${first11}${d}`));
        return valid.length === (iinCheckDigit(first11) === null ? 0 : 1);
      }),
    );
  });

  it("property: changing one digit invalidates, unless weight 11 hides it or the second pass decides", () => {
    fc.assert(
      fc.property(
        eleven,
        fc.integer({ min: 0, max: 11 }),
        fc.integer({ min: 1, max: 9 }),
        (first11, at, by) => {
          const check = iinCheckDigit(first11);
          fc.pre(check !== null);
          const iin = `${first11}${check}`;
          const digit = Number(iin[at]);
          const changed = `${iin.slice(0, at)}${(digit + by) % 10}${iin.slice(at + 1)}`;
          // Position 11 (index 10) has first-pass weight 11 ≡ 0 (mod 11), so the first pass cannot see it;
          // and when either number goes through the second pass a coincidence is possible.
          const excused =
            at === 10 || iinFirstRemainder(first11) === 10 || iinFirstRemainder(changed.slice(0, 11)) === 10;
          return excused || !isValidIin(changed);
        },
      ),
    );
  });
});
