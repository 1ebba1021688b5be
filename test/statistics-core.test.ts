import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldForSearch } from "../src/core/databank/fold.js";
import {
  INDICATOR_SET_V1,
  type IndicatorSet,
  indicatorSetFor,
  previousPeriod,
} from "../src/core/statistics/indicators.js";
import { mismatches, reconcile } from "../src/core/statistics/reconcile.js";

describe("statistics reconciliation (X-14, X p.9.3)", () => {
  it("flags a mismatch, agreement, a single entry and a missing indicator", () => {
    const rows = reconcile(INDICATOR_SET_V1, [
      { agency: "IAB", indicator: "ILLEGAL_MIGRANTS_DETAINED", value: 14 },
      { agency: "NSC", indicator: "ILLEGAL_MIGRANTS_DETAINED", value: 12 },
      { agency: "CUSTOMS", indicator: "ILLEGAL_MIGRANTS_DETAINED", value: 14 },
      { agency: "IAB", indicator: "FORGED_DOCUMENTS", value: 3 },
      { agency: "NSC", indicator: "FORGED_DOCUMENTS", value: 3 },
      { agency: "CUSTOMS", indicator: "CONTRABAND_CASES", value: 5 },
      { agency: "NSC", indicator: "NOT_AN_INDICATOR", value: 1 },
    ]);
    const byCode = new Map(rows.map((r) => [r.indicator, r]));
    expect(byCode.get("ILLEGAL_MIGRANTS_DETAINED")).toMatchObject({
      status: "MISMATCH",
      spread: 2,
      values: { IAB: 14, NSC: 12, CUSTOMS: 14 },
      clause: "X p.9.6",
    });
    expect(byCode.get("FORGED_DOCUMENTS")?.status).toBe("AGREED");
    expect(byCode.get("CONTRABAND_CASES")?.status).toBe("SINGLE");
    expect(byCode.get("EXPULSIONS")?.status).toBe("MISSING");
    expect(rows.map((r) => r.indicator)).toEqual(INDICATOR_SET_V1.indicators.map((i) => i.code));
    expect(mismatches(rows).map((r) => r.indicator)).toEqual(["ILLEGAL_MIGRANTS_DETAINED"]);
  });

  it("is a mismatch exactly when two agencies entered different values (property)", () => {
    const agency = fc.constantFrom("IAB", "NSC", "CUSTOMS");
    fc.assert(
      fc.property(fc.dictionary(agency, fc.nat(1000)), (values) => {
        const figures = Object.entries(values).map(([a, value]) => ({
          agency: a,
          indicator: "EXPULSIONS",
          value,
        }));
        const row = reconcile(INDICATOR_SET_V1, figures).find((r) => r.indicator === "EXPULSIONS");
        const distinct = new Set(Object.values(values)).size;
        expect(row?.status === "MISMATCH").toBe(distinct > 1);
        expect(row?.spread).toBe(
          distinct > 1 ? Math.max(...Object.values(values)) - Math.min(...Object.values(values)) : 0,
        );
      }),
    );
  });

  it("chooses the indicator set in force for a month; every indicator carries its clause and three names", () => {
    const v2: IndicatorSet = { ...INDICATOR_SET_V1, version: 2, effectiveFrom: "2027-01" };
    expect(indicatorSetFor("2026-12", [INDICATOR_SET_V1, v2]).version).toBe(1);
    expect(indicatorSetFor("2027-01", [INDICATOR_SET_V1, v2]).version).toBe(2);
    expect(() => indicatorSetFor("2001-12")).toThrow();
    expect(() => indicatorSetFor("2026-13")).toThrow();
    for (const i of INDICATOR_SET_V1.indicators) {
      expect(i.clause).toMatch(/^X p\.\d+(\.\d+)?$/);
      expect(i.name.kk && i.name.ru && i.name.en).toBeTruthy();
    }
    expect(previousPeriod("2026-01")).toBe("2025-12");
    expect(previousPeriod("2026-10")).toBe("2026-09");
  });
});

describe("data-bank search folding", () => {
  it("folds Kazakh letters, ё and case the same way in both directions", () => {
    expect(foldForSearch("Қорғас")).toBe(foldForSearch("Коргас"));
    expect(foldForSearch("ӨСКЕМЕН")).toBe("оскемен");
    expect(foldForSearch("Ұйғыр Үржар Әлия Іле Һ ё Ё")).toBe("уйгыр уржар алия иле х е е");
    expect(foldForSearch("Khorgos 123")).toBe("khorgos 123");
  });
});
