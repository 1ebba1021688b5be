import { describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import {
  CLAUSE_PATTERN,
  DEFAULT_RULE_SETS,
  diffRuleSets,
  parseRuleSet,
  RULE_SET_V1,
  type RuleSet,
  ruleSetAt,
  ruleSetSchema,
} from "./index.js";

/** A deep copy through JSON, as an admin's upload would arrive. */
function asJson(set: RuleSet): unknown {
  return JSON.parse(JSON.stringify(set));
}

describe("shipped rule sets", () => {
  it("pass the schema, as JSON too", () => {
    for (const set of DEFAULT_RULE_SETS) {
      expect(ruleSetSchema.safeParse(set).success).toBe(true);
      expect(parseRuleSet(asJson(set))).toEqual(set);
    }
  });

  it("start at the instruction's date and cite well-formed clauses in three languages", () => {
    expect(RULE_SET_V1.version).toBe(1);
    expect(RULE_SET_V1.effectiveFrom).toBe("1994-09-19");
    for (const rule of RULE_SET_V1.rules) {
      expect(rule.clauses.length).toBeGreaterThan(0);
      for (const clause of rule.clauses) expect(clause).toMatch(CLAUSE_PATTERN);
      // Kazakh text is in Cyrillic; a copy of the English would betray a missing translation.
      expect(rule.explanation.kk).toMatch(/[а-яәіңғүұқөһ]/i);
      expect(rule.explanation.ru).toMatch(/[а-яё]/i);
      expect(rule.explanation.kk).not.toBe(rule.explanation.ru);
    }
  });

  it("keep the lead times and limits of the law", () => {
    const lead = (id: string) => RULE_SET_V1.rules.find((rule) => rule.id === id);
    expect(lead("LEAD_APPLICATION")).toMatchObject({ days: 10, clauses: ["Z p.26"] });
    expect(lead("LEAD_EMPLOYER_PETITION")).toMatchObject({ days: 10, clauses: ["Z p.27"] });
    expect(lead("LEAD_STRIP_GROUP_LIST")).toMatchObject({ days: 30, clauses: ["Z p.27"] });
    expect(lead("LEAD_RELEASE_PETITION")).toMatchObject({ days: 5, clauses: ["Z p.22"] });
    expect(lead("VAL_TEMPORARY_STAY")).toMatchObject({ limit: { months: 6 } });
    expect(lead("VAL_PERIODIC_BUSINESS")).toMatchObject({ limit: { months: 12 } });
    expect(lead("VAL_PERIODIC_PERSONAL")).toMatchObject({ limit: { months: 12 } });
    expect(lead("REG_ARRIVAL")).toMatchObject({ days: 3, clauses: ["Z p.18"] });
    expect(lead("REG_HANDOVER")).toMatchObject({ days: 1, clauses: ["Z App.1 rule 2"] });
  });
});

describe("ruleSetSchema", () => {
  /** Parses a modified copy of version 1 and returns the blamed path. */
  function blame(change: (set: RuleSet) => unknown): string | undefined {
    try {
      parseRuleSet(change(structuredClone(RULE_SET_V1)));
    } catch (error) {
      if (error instanceof AppError) return error.field;
      throw error;
    }
    return undefined;
  }

  it("rejects malformed sets naming where", () => {
    expect(blame((set) => ({ ...set, effectiveFrom: "1994-02-30" }))).toBe("effectiveFrom");
    expect(blame((set) => ({ ...set, extra: true }))).toBe("extra");
    expect(blame((set) => ({ ...set, rules: [{ ...set.rules[0], note: "x" }, ...set.rules.slice(1)] }))).toBe(
      "rules.0.note",
    );
    expect(
      blame((set) => ({
        ...set,
        rules: set.rules.map((rule, i) => (i === 0 ? { ...rule, clauses: ["p.26"] } : rule)),
      })),
    ).toBe("rules.0.clauses.0");
    expect(
      blame((set) => ({
        ...set,
        rules: set.rules.map((rule) => (rule.kind === "LEAD_TIME" ? { ...rule, days: -1 } : rule)),
      })),
    ).toMatch(/^rules\.\d+\.days$/);
  });

  it("rejects structural gaps the engine relies on", () => {
    const without = (predicate: (rule: RuleSet["rules"][number]) => boolean) =>
      ruleSetSchema.safeParse({ ...RULE_SET_V1, rules: RULE_SET_V1.rules.filter((rule) => !predicate(rule)) })
        .success;
    expect(without((rule) => rule.id === "LEAD_APPLICATION")).toBe(false);
    expect(without((rule) => rule.id === "VAL_TEMPORARY_STAY")).toBe(false);
    expect(without((rule) => rule.id === "PASS_CIS_RESIDENT")).toBe(false);
    expect(without((rule) => rule.kind === "STRIP")).toBe(false);
    expect(without((rule) => rule.id === "REG_HANDOVER")).toBe(false);
    const duplicate = { ...RULE_SET_V1, rules: [...RULE_SET_V1.rules, RULE_SET_V1.rules[3]] };
    expect(ruleSetSchema.safeParse(duplicate).success).toBe(false);
  });
});

describe("ruleSetAt", () => {
  it("throws on a date before the first version, naming departureDate", () => {
    try {
      ruleSetAt(DEFAULT_RULE_SETS, "1994-09-18");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      if (error instanceof AppError) expect(error.field).toBe("departureDate");
    }
    expect(ruleSetAt(DEFAULT_RULE_SETS, "1994-09-19").version).toBe(1);
    expect(() => ruleSetAt(DEFAULT_RULE_SETS, "2030-02-30")).toThrow(AppError);
  });

  it("prefers the higher version when two start on the same day", () => {
    const v2 = { ...RULE_SET_V1, version: 2 };
    expect(ruleSetAt([v2, RULE_SET_V1], "2000-01-01").version).toBe(2);
  });
});

describe("diffRuleSets", () => {
  it("lists changed, added and removed rules and reordering", () => {
    const next: RuleSet = structuredClone(RULE_SET_V1);
    next.version = 2;
    next.effectiveFrom = "2031-01-01";
    next.rules = next.rules
      .filter((rule) => rule.id !== "NOTE_GROUP_PASS")
      .map((rule) =>
        rule.kind === "LEAD_TIME" && rule.id === "LEAD_APPLICATION"
          ? { ...rule, days: 15, clauses: ["Z p.26", "Z p.7"] }
          : rule,
      );
    next.rules.push({
      ...structuredClone(RULE_SET_V1.rules[0]),
      id: "ZONE_EXTENT_COPY",
    } as RuleSet["rules"][number]);
    const diff = diffRuleSets(RULE_SET_V1, next);
    expect(diff.fromVersion).toBe(1);
    expect(diff.toVersion).toBe(2);
    expect(diff.meta).toEqual(["effectiveFrom"]);
    expect(diff.added).toEqual(["ZONE_EXTENT_COPY"]);
    expect(diff.removed).toEqual(["NOTE_GROUP_PASS"]);
    expect(diff.changed).toEqual([{ id: "LEAD_APPLICATION", fields: ["clauses", "days"] }]);

    const reordered: RuleSet = { ...RULE_SET_V1, rules: [...RULE_SET_V1.rules].reverse() };
    expect(diffRuleSets(RULE_SET_V1, reordered).meta).toEqual(["order"]);
    expect(diffRuleSets(RULE_SET_V1, structuredClone(RULE_SET_V1))).toEqual({
      fromVersion: 1,
      toVersion: 1,
      meta: [],
      added: [],
      removed: [],
      changed: [],
    });
  });
});
