import { describe, expect, it } from "vitest";
import {
  handoverBlocker,
  memberOutcome,
  petitionDeadline,
  petitionRouting,
  petitionStatus,
  planCopies,
  validateTable,
} from "../src/core/petitions/index.js";
import { parseRuleSet, RULE_SET_V1, type RuleSet } from "../src/core/rules/index.js";

describe("petition lead times come from the rule set with their clauses", () => {
  it.each([
    // kind, departure, filed on, applyBy, late, rule, clause
    ["EMPLOYER", "2026-12-20", "2026-12-10", "2026-12-10", false, "LEAD_EMPLOYER_PETITION", "Z p.27"],
    ["EMPLOYER", "2026-12-20", "2026-12-11", "2026-12-10", true, "LEAD_EMPLOYER_PETITION", "Z p.27"],
    ["STRIP_LIST", "2026-12-31", "2026-12-01", "2026-12-01", false, "LEAD_STRIP_GROUP_LIST", "Z p.27"],
    ["STRIP_LIST", "2026-12-31", "2026-12-02", "2026-12-01", true, "LEAD_STRIP_GROUP_LIST", "Z p.27"],
    ["RELEASE", "2026-12-06", "2026-12-01", "2026-12-01", false, "LEAD_RELEASE_PETITION", "Z p.22"],
    ["RELEASE", "2026-12-06", "2026-12-02", "2026-12-01", true, "LEAD_RELEASE_PETITION", "Z p.22"],
  ] as const)(
    "%s leaving %s, filed %s: due %s, late %s (%s)",
    (kind, departure, filed, applyBy, late, rule, clause) => {
      const deadline = petitionDeadline(RULE_SET_V1, kind, departure, filed);
      expect(deadline).toMatchObject({ applyBy, late, ruleId: rule });
      expect(deadline.clauses).toContain(clause);
      expect(deadline.explanation.kk.length).toBeGreaterThan(0);
    },
  );

  it("follows a new version of the rule: 45 days for strip lists changes the deadline without code", () => {
    const v2: RuleSet = parseRuleSet({
      ...RULE_SET_V1,
      version: 2,
      effectiveFrom: "2027-01-01",
      rules: RULE_SET_V1.rules.map((rule) =>
        rule.id === "LEAD_STRIP_GROUP_LIST" ? { ...rule, days: 45 } : rule,
      ),
    });
    expect(petitionDeadline(v2, "STRIP_LIST", "2027-03-01", "2027-01-10")).toMatchObject({
      applyBy: "2027-01-15",
      days: 45,
      late: false,
    });
    expect(petitionDeadline(v2, "EMPLOYER", "2027-03-01", "2027-01-10").days).toBe(10);
  });
});

describe("petition routing comes from the rule set", () => {
  it.each([
    ["EMPLOYER", "IAB_OF_RESIDENCE", "IAB_AT_ENTERPRISE", undefined, 0, true, "Z p.27"],
    ["STRIP_LIST", "IAB_OF_RESIDENCE", "IAB_AT_ENTERPRISE", "NSC_TERRITORIAL", 5, true, "Z p.27"],
    ["RELEASE", "IAB_AT_INSTITUTION", undefined, undefined, 0, false, "Z p.22"],
  ] as const)(
    "%s is filed with %s (exception %s), checked by %s, %i copies",
    (kind, filedWith, exception, checkedBy, copies, group, clause) => {
      const rule = petitionRouting(RULE_SET_V1, kind);
      expect(rule.filedWith).toBe(filedWith);
      expect(rule.exceptionallyWith).toBe(exception);
      expect(rule.checkedBy).toBe(checkedBy);
      expect(planCopies(rule)).toHaveLength(copies);
      expect(rule.groupPass).toBe(group);
      expect(rule.clauses).toContain(clause);
    },
  );

  it("answers a clear 4xx when the rule set in force has no routing for the kind", () => {
    const without = { ...RULE_SET_V1, rules: RULE_SET_V1.rules.filter((r) => r.kind !== "PETITION_ROUTING") };
    expect(() => petitionRouting(without, "STRIP_LIST")).toThrow(
      expect.objectContaining({ code: "PETITION_STEP_NOT_ALLOWED" }),
    );
  });
});

describe("the five copies of a strip list and their holders (Z p.27)", () => {
  const copies = planCopies(petitionRouting(RULE_SET_V1, "STRIP_LIST"));
  it("copy 1 certified for the leader, copy 2 kept, copies 3–5 to the NSC, one with the results", () => {
    expect(copies.map((c) => [c.copyNo, c.holder, c.certified, c.withResults])).toEqual([
      [1, "GROUP_LEADER", true, false],
      [2, "IAB", false, false],
      [3, "NSC", false, true],
      [4, "NSC", false, false],
      [5, "NSC", false, false],
    ]);
  });
  it.each([
    [1, { nscDone: true, decided: false }, {}, "NOT_DECIDED"],
    [1, { nscDone: true, decided: true }, {}, "NOT_CERTIFIED"],
    [1, { nscDone: true, decided: true }, { certifiedAt: "2026-11-22T06:00:00Z" }, undefined],
    [3, { nscDone: false, decided: false }, {}, "NSC_RESULTS_MISSING"],
    [3, { nscDone: true, decided: false }, {}, undefined],
    [2, { nscDone: false, decided: false }, {}, undefined],
    [4, { nscDone: true, decided: true }, { handedAt: "2026-11-22T06:00:00Z" }, "ALREADY_HANDED"],
  ] as const)("copy %i in %o with %o: %s", (copyNo, petition, state, blocker) => {
    const copy = copies.find((c) => c.copyNo === copyNo);
    if (!copy) throw new Error("no copy");
    expect(handoverBlocker({ ...copy, ...state }, petition)).toBe(blocker);
  });
});

describe("per-person outcomes of a list", () => {
  it.each([
    ["STRIP_LIST", {}, "AWAITING_NSC"],
    ["STRIP_LIST", { nscResult: "REFUSED", checkResult: "CLEAR", decision: "APPROVED" }, "EXCLUDED_BY_NSC"],
    ["STRIP_LIST", { nscResult: "CLEARED" }, "AWAITING_CHECK"],
    ["STRIP_LIST", { nscResult: "CLEARED", checkResult: "CLEAR" }, "AWAITING_DECISION"],
    ["STRIP_LIST", { nscResult: "CLEARED", checkResult: "CLEAR", decision: "APPROVED" }, "APPROVED"],
    [
      "STRIP_LIST",
      { nscResult: "CLEARED", checkResult: "CLEAR", decision: "APPROVED", coveredByGroupPass: true },
      "ISSUED",
    ],
    ["EMPLOYER", {}, "AWAITING_CHECK"],
    ["EMPLOYER", { checkResult: "CONFIRMED_MATCH", decision: "REFUSED" }, "REFUSED"],
    ["EMPLOYER", { checkResult: "CLEAR", decision: "APPROVED", passNumber: "ПАН-2026-000001" }, "ISSUED"],
    ["RELEASE", { checkResult: "POSSIBLE_MATCH" }, "AWAITING_DECISION"],
  ] as const)("%s person with %o is %s", (kind, results, outcome) => {
    expect(memberOutcome(kind, results)).toBe(outcome);
  });

  it("a list's status is the earliest step anyone waits for", () => {
    expect(petitionStatus("STRIP_LIST", ["AWAITING_NSC", "AWAITING_CHECK"])).toBe("FILED");
    expect(petitionStatus("STRIP_LIST", ["EXCLUDED_BY_NSC", "AWAITING_CHECK"])).toBe("NSC_CHECKED");
    expect(petitionStatus("EMPLOYER", ["AWAITING_DECISION"])).toBe("FILED");
    expect(petitionStatus("STRIP_LIST", ["EXCLUDED_BY_NSC", "APPROVED", "REFUSED"])).toBe("DECIDED");
    expect(petitionStatus("STRIP_LIST", ["EXCLUDED_BY_NSC", "ISSUED"])).toBe("ISSUED");
    expect(petitionStatus("EMPLOYER", ["REFUSED", "REFUSED"])).toBe("REFUSED");
  });
});

describe("worker lists are validated row by row", () => {
  const header = [
    "Фамилия",
    "Имя",
    "Отчество",
    "Год рождения",
    "Адрес",
    "Серия",
    "Номер",
    "Дата выдачи",
    "Кем выдан",
    "Руководитель",
  ];
  it("accepts good rows, reports each bad field and a repeated document on its line", () => {
    const report = validateTable([
      header,
      ["Сейітов", "Арман", "", "1990", "Алматы", "N", "1234567", "2015-01-02", "ІІМ", "да"],
      ["", "Бек", "", "90", "Алматы", "", "7654321", "02.01.2015", "ІІМ", "maybe"],
      ["Сейітова", "Айна", "", "1992", "Алматы", "n", "1234567", "2015-01-02", "ІІМ", ""],
      ["", "", "", "", "", "", "", "", "", ""],
    ]);
    expect(report.map((r) => [r.line, r.ok])).toEqual([
      [2, true],
      [3, false],
      [4, false],
    ]);
    expect(report[0]?.member).toMatchObject({
      surname: "Сейітов",
      birthYear: 1990,
      isLeader: true,
      documentSeries: "N",
    });
    expect(report[1]?.problems.map((p) => p.field)).toEqual([
      "surname",
      "birthYear",
      "documentIssuedOn",
      "isLeader",
    ]);
    expect(report[1]?.problems[0]?.message).toMatchObject({
      kk: expect.any(String),
      ru: expect.any(String),
      en: "required",
    });
    expect(report[2]?.problems.map((p) => p.field)).toEqual(["documentNumber"]);
  });
  it("reads English and Kazakh headers too", () => {
    const report = validateTable([
      [
        "surname",
        "givenName",
        "birthYear",
        "address",
        "documentNumber",
        "documentIssuedOn",
        "documentIssuedBy",
      ],
      ["Ali", "Bek", "1980", "Zharkent", "N1", "2010-05-05", "MIA"],
    ]);
    expect(report[0]).toMatchObject({ ok: true, member: { isLeader: false } });
    const kk = validateTable([
      ["Тегі", "Аты", "Туған жылы", "Мекенжайы", "Нөмірі", "Берілген күні", "Кім берді", "Жетекші"],
      ["Әлиев", "Бек", "1980", "Жаркент", "N1", "2010-05-05", "ІІМ", "иә"],
    ]);
    expect(kk[0]).toMatchObject({ ok: true, member: { isLeader: true } });
  });
});
