import { describe, expect, it } from "vitest";
import { AppError } from "../src/core/errors.js";
import {
  formatPassNumber,
  formatPermitNumber,
  isPassNumber,
  isPermitNumber,
  parsePermitNumber,
} from "../src/core/passes/numbering.js";
import {
  assertMayDecide,
  combineWorks,
  escalationUnit,
  needsEscalation,
  nextForeignerStage,
  nscDueAt,
  routeWorks,
  SPECIAL_RULES_V1,
  specialRuleSetSchema,
  specialRulesAt,
  stepsFrom,
  WORK_KINDS,
  type WorkKind,
} from "../src/core/special/index.js";

describe("special works routing (Z p.28)", () => {
  // The whole table, every kind × strip combination, written out from the law.
  const expected: Record<WorkKind, { outside: string[]; inStrip: string[]; clause: string }> = {
    FLIGHT: {
      outside: ["MOD:PERMISSION"],
      inStrip: ["MOD:PERMISSION", "BORDER_TROOPS:AGREEMENT"],
      clause: "Z p.28 a)",
    },
    AERIAL_PHOTOGRAPHY: {
      outside: ["MOD:PERMISSION"],
      inStrip: ["MOD:PERMISSION", "BORDER_TROOPS:AGREEMENT"],
      clause: "Z p.28 a)",
    },
    GEODETIC: {
      outside: ["MOD:PERMISSION"],
      inStrip: ["MOD:PERMISSION", "BORDER_TROOPS:AGREEMENT"],
      clause: "Z p.28 a)",
    },
    TOPOGRAPHIC: {
      outside: ["MOD:PERMISSION"],
      inStrip: ["MOD:PERMISSION", "BORDER_TROOPS:AGREEMENT"],
      clause: "Z p.28 a)",
    },
    SURVEY: {
      outside: ["BORDER_TROOPS:PERMISSION"],
      inStrip: ["BORDER_TROOPS:PERMISSION"],
      clause: "Z p.28 b)",
    },
    WATER_REGIME: {
      outside: ["BORDER_TROOPS:PERMISSION"],
      inStrip: ["BORDER_TROOPS:PERMISSION"],
      clause: "Z p.28 b)",
    },
    FILMING: {
      outside: ["BORDER_TROOPS:PERMISSION"],
      inStrip: ["BORDER_TROOPS:PERMISSION"],
      clause: "Z p.28 b)",
    },
  };
  for (const kind of WORK_KINDS) {
    for (const inStrip of [false, true]) {
      it(`${kind} ${inStrip ? "in" : "outside"} the strip`, () => {
        const route = routeWorks(SPECIAL_RULES_V1, kind, inStrip);
        const want = expected[kind];
        expect(route.bodies.map((b) => `${b.body}:${b.role}`)).toEqual(inStrip ? want.inStrip : want.outside);
        expect(route.clauses).toContain(want.clause);
        expect(route.explanation.kk.length).toBeGreaterThan(0);
      });
    }
  }

  it("rejects a rule set that leaves a combination unrouted or routes one twice", () => {
    const gap = { ...SPECIAL_RULES_V1, worksRoutes: SPECIAL_RULES_V1.worksRoutes.slice(1) };
    expect(specialRuleSetSchema.safeParse(gap).success).toBe(false);
    const twice = {
      ...SPECIAL_RULES_V1,
      worksRoutes: [...SPECIAL_RULES_V1.worksRoutes, SPECIAL_RULES_V1.worksRoutes[2]],
    };
    expect(specialRuleSetSchema.safeParse(twice).success).toBe(false);
    expect(specialRuleSetSchema.safeParse(SPECIAL_RULES_V1).success).toBe(true);
  });

  it("picks the version in force on the date", () => {
    const v2 = {
      ...SPECIAL_RULES_V1,
      version: 2,
      effectiveFrom: "2030-01-01",
      nscAgreement: { ...SPECIAL_RULES_V1.nscAgreement, days: 5 },
    };
    expect(specialRulesAt("2026-11-22", [SPECIAL_RULES_V1, v2]).nscAgreement.days).toBe(10);
    expect(specialRulesAt("2030-01-01", [SPECIAL_RULES_V1, v2]).nscAgreement.days).toBe(5);
    expect(() => specialRulesAt("1990-01-01")).toThrow();
  });
});

describe("combined outcome of special works", () => {
  it("one refusal refuses, all approvals approve, otherwise pending", () => {
    const both = ["MOD", "BORDER_TROOPS"] as const;
    expect(combineWorks(both, {})).toBe("PENDING");
    expect(combineWorks(both, { MOD: "APPROVED" })).toBe("PENDING");
    expect(combineWorks(both, { MOD: "APPROVED", BORDER_TROOPS: "APPROVED" })).toBe("APPROVED");
    expect(combineWorks(both, { MOD: "APPROVED", BORDER_TROOPS: "REFUSED" })).toBe("REFUSED");
    expect(combineWorks(both, { BORDER_TROOPS: "REFUSED" })).toBe("REFUSED");
    expect(combineWorks(["MOD"], { MOD: "APPROVED" })).toBe("APPROVED");
  });

  it("only a routed body that has not decided may decide, and nothing after a refusal", () => {
    expect(() => assertMayDecide(["MOD"], {}, "BORDER_TROOPS")).toThrow(/not asked/);
    // Refused in words, never in codes: the body's step, its decision or the outcome, and why.
    expect(() => assertMayDecide(["MOD", "BORDER_TROOPS"], { MOD: "APPROVED" }, "MOD")).toThrow(
      "The action “Decision of the Ministry of Defence” is not allowed in the state “Agreed” (Z p.28). This body has already decided.",
    );
    expect(() => assertMayDecide(["MOD", "BORDER_TROOPS"], { MOD: "REFUSED" }, "BORDER_TROOPS")).toThrow(
      "The action “Decision of the Border troops” is not allowed in the state “Refused” (Z p.28). Another body refused: no further decision is asked.",
    );
    expect(() =>
      assertMayDecide(["MOD", "BORDER_TROOPS"], { MOD: "APPROVED" }, "BORDER_TROOPS"),
    ).not.toThrow();
  });
});

describe("foreigner's permit case (Z p.17)", () => {
  it("issues only after the NSC agrees", () => {
    expect(nextForeignerStage("SUBMITTED", "FORWARD")).toBe("AT_NSC");
    // The refusal names the step and the stage in the reader's language, the codes in its details.
    expect(() => nextForeignerStage("SUBMITTED", "ISSUE")).toThrow(
      "The action “Issue the permit” is not allowed in the state “Received” (Z p.17, p.31).",
    );
    const refusal = (() => {
      try {
        nextForeignerStage("AT_NSC", "ISSUE");
      } catch (error) {
        return error;
      }
    })();
    if (!(refusal instanceof AppError)) throw new Error("expected an AppError");
    expect(refusal.details).toEqual([{ action: "ISSUE", state: "AT_NSC" }]);
    expect(refusal.messageIn("ru")).toBe(
      "Действие «Выдать разрешение» недопустимо в состоянии «На согласовании в КНБ» (Z p.17, p.31).",
    );
    expect(() => nextForeignerStage("AT_NSC", "ISSUE")).toThrow();
    expect(() => nextForeignerStage("NSC_REFUSED", "ISSUE")).toThrow();
    expect(nextForeignerStage("NSC_AGREED", "ISSUE")).toBe("ISSUED");
    expect(nextForeignerStage("NSC_REFUSED", "REFUSE")).toBe("REFUSED");
    expect(stepsFrom("AT_NSC")).toEqual(["AGREE", "NSC_REFUSE"]);
    expect(stepsFrom("ISSUED")).toEqual([]);
  });

  it("escalates an unanswered forwarding only after the configured days, once", () => {
    const forwarded = new Date("2026-11-01T09:00:00Z");
    const due = nscDueAt(forwarded, SPECIAL_RULES_V1);
    expect(due.toISOString()).toBe("2026-11-11T09:00:00.000Z");
    const c = { stage: "AT_NSC" as const, dueAt: due, escalatedAt: null };
    expect(needsEscalation(c, new Date("2026-11-11T09:00:00Z"))).toBe(false);
    expect(needsEscalation(c, new Date("2026-11-11T09:00:01Z"))).toBe(true);
    expect(needsEscalation({ ...c, escalatedAt: new Date() }, new Date("2026-12-01T00:00:00Z"))).toBe(false);
    expect(needsEscalation({ ...c, stage: "NSC_AGREED" }, new Date("2026-12-01T00:00:00Z"))).toBe(false);
    expect(escalationUnit({ id: "child", parentId: "parent" })).toBe("parent");
    expect(escalationUnit({ id: "root", parentId: null })).toBe("root");
  });
});

describe("permit numbers", () => {
  it("are a series of their own that never reads as a pass number", () => {
    const parts = { series: "ПАН", year: 2026, seq: 3 };
    const permit = formatPermitNumber(parts);
    expect(permit).toBe("ПАН-Р-2026-000003");
    expect(isPermitNumber(permit)).toBe(true);
    expect(isPassNumber(permit)).toBe(false);
    expect(isPermitNumber(formatPassNumber(parts))).toBe(false);
    expect(parsePermitNumber(permit)).toEqual(parts);
  });
});
