import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import { addMonths } from "./dates.js";
import type { PlanContent } from "./plan-content.js";
import { planContentSchema } from "./plan-content.js";
import { applyPlanDiff, diffPlans } from "./plan-diff.js";
import {
  decidePlanAction,
  type PartyUnit,
  type PlanActor,
  type PlanState,
  planDueDate,
  planOverdue,
} from "./plan-machine.js";
import { COORDINATION_RULES, coordinationRulesAt, DIRECTION_CODES, PARTIES } from "./rules.js";

const rules = coordinationRulesAt("2026-11-22");
const parties: PartyUnit[] = [
  { party: "IAB", unitId: "iab3", path: "a.b.iab3" },
  { party: "NSC", unitId: "nsc3", path: "n.nsc3" },
  { party: "CUSTOMS", unitId: "cus3", path: "c.cus3" },
];
const head = (unitId: string, unitPath: string): PlanActor => ({
  unitId,
  unitPath,
  canDraft: true,
  canApprove: true,
});
const heads = { IAB: head("iab3", "a.b.iab3"), NSC: head("nsc3", "n.nsc3"), CUSTOMS: head("cus3", "c.cus3") };
const superiors = { IAB: head("b", "a.b"), NSC: head("n", "n"), CUSTOMS: head("c", "c") };
const draft: PlanState = { status: "DRAFT", version: 1, agreedBy: [], approvedBy: [], approvedVersion: null };
const decide = (state: PlanState, action: Parameters<typeof decidePlanAction>[1], actor: PlanActor) =>
  decidePlanAction(state, action, actor, parties, rules, () => true);
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, clause: error.clause };
    throw error;
  }
  return null;
};

/** The AppError the function throws; fails the test when it throws none. */
const errorOf = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
};

describe("plan due date (X order p.2: within one month of the order)", () => {
  it("is one calendar month after the order, clamped to the month's last day", () => {
    expect(planDueDate("2026-11-22", rules)).toBe("2026-12-22");
    expect(planDueDate("2026-01-31", rules)).toBe("2026-02-28");
    expect(planDueDate("2028-01-31", rules)).toBe("2028-02-29");
    expect(planDueDate("2026-12-15", rules)).toBe("2027-01-15");
    expect(rules.planDraftMonths).toEqual({ value: 1, clause: "X order p.2" });
    expect(COORDINATION_RULES.every((r) => r.planApproval.clause.length > 0)).toBe(true);
  });
  it("always lands 28–31 days later, never before the order (property)", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1990-01-01"), max: new Date("2090-12-31"), noInvalidDate: true }),
        (d) => {
          const order = d.toISOString().slice(0, 10);
          const due = addMonths(order, 1);
          const days = (Date.parse(due) - Date.parse(order)) / 86_400_000;
          expect(days).toBeGreaterThanOrEqual(28);
          expect(days).toBeLessThanOrEqual(31);
        },
      ),
    );
  });
  it("is overdue only when nothing was submitted by the due date", () => {
    expect(planOverdue({ dueDate: "2026-12-22", firstSubmittedOn: null }, "2026-12-22")).toBe(false);
    expect(planOverdue({ dueDate: "2026-12-22", firstSubmittedOn: null }, "2026-12-23")).toBe(true);
    expect(planOverdue({ dueDate: "2026-12-22", firstSubmittedOn: "2026-12-20" }, "2027-03-01")).toBe(false);
    expect(planOverdue({ dueDate: "2026-12-22", firstSubmittedOn: "2026-12-24" }, "2027-03-01")).toBe(true);
  });
});

describe("plan approval rules (X-9)", () => {
  it("lets only the heads of the triad's units edit and agree; others are refused with the clause", () => {
    expect(codeOf(() => decide(draft, "AGREE", superiors.IAB))).toEqual({
      code: "PLAN_NOT_A_PARTY_HEAD",
      clause: rules.planAgreement.clause,
    });
    expect(codeOf(() => decide(draft, "EDIT", { ...heads.NSC, canDraft: false }))?.code).toBe(
      "PLAN_NOT_A_PARTY_HEAD",
    );
    expect(decide(draft, "AGREE", heads.NSC)).toMatchObject({ party: "NSC", next: { agreedBy: ["NSC"] } });
  });

  it("submits only once all three parties agreed the newest version; an edit clears the agreements", () => {
    let state = draft;
    for (const p of ["IAB", "NSC"] as const) state = decide(state, "AGREE", heads[p]).next;
    expect(codeOf(() => decide(state, "SUBMIT", heads.IAB))?.code).toBe("PLAN_AGREEMENTS_MISSING");
    const edited = decide(state, "EDIT", heads.CUSTOMS).next;
    expect(edited).toMatchObject({ version: 2, agreedBy: [] });
    state = decide(state, "AGREE", heads.CUSTOMS).next;
    expect(decide(state, "SUBMIT", heads.CUSTOMS).next.status).toBe("SUBMITTED");
    expect(
      codeOf(() => decidePlanAction(state, "SUBMIT", heads.IAB, parties, rules, (p) => p !== "CUSTOMS"))
        ?.code,
    ).toBe("PLAN_NO_HIGHER_INSTANCE");
  });

  it("is approved when the higher instance of every party approved; heads of the level cannot approve", () => {
    let state: PlanState = { ...draft, status: "SUBMITTED", agreedBy: [...PARTIES] };
    expect(codeOf(() => decide(state, "APPROVE", heads.IAB))?.code).toBe("PLAN_NOT_HIGHER_INSTANCE");
    expect(codeOf(() => decide(state, "APPROVE", { ...superiors.IAB, canApprove: false }))?.code).toBe(
      "PLAN_NOT_HIGHER_INSTANCE",
    );
    state = decide(state, "APPROVE", superiors.IAB).next;
    state = decide(state, "APPROVE", superiors.NSC).next;
    expect(state).toMatchObject({ status: "SUBMITTED", approvedBy: ["IAB", "NSC"] });
    state = decide(state, "APPROVE", superiors.CUSTOMS).next;
    expect(state).toMatchObject({ status: "APPROVED", approvedVersion: 1 });
    // Refining an approved plan starts a new draft; the approved version stays in force.
    const refined = decide(state, "EDIT", heads.IAB).next;
    expect(refined).toMatchObject({ status: "DRAFT", version: 2, approvedVersion: 1 });
    expect(codeOf(() => decide(state, "AGREE", heads.IAB))?.code).toBe("ILLEGAL_TRANSITION");
    const refused = errorOf(() => decide(state, "AGREE", heads.IAB));
    expect(refused.details).toEqual([{ action: "AGREE", state: state.status }]);
    expect(refused.messageIn("ru")).toMatch(/^Действие «Согласовать эту версию» недопустимо в состоянии «/);
  });

  it("a return by any party's superior sends the plan back to drafting with agreements cleared", () => {
    const submitted: PlanState = {
      ...draft,
      status: "SUBMITTED",
      agreedBy: [...PARTIES],
      approvedBy: ["IAB"],
    };
    expect(decide(submitted, "RETURN", superiors.NSC).next).toMatchObject({
      status: "DRAFT",
      agreedBy: [],
      approvedBy: [],
    });
  });

  it("never lets an action leave the state machine or skip agreement (property)", () => {
    const actors = [...Object.values(heads), ...Object.values(superiors), head("x", "x.y")];
    const step = fc.tuple(
      fc.constantFrom("EDIT", "AGREE", "SUBMIT", "APPROVE", "RETURN" as const),
      fc.nat(actors.length - 1),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let state = draft;
        for (const [action, who] of steps) {
          const before = state;
          try {
            state = decide(state, action, actors[who] as PlanActor).next;
          } catch (error) {
            expect(error).toBeInstanceOf(AppError);
            expect(state).toBe(before);
            continue;
          }
          if (state.status === "SUBMITTED" && before.status === "DRAFT") {
            expect([...before.agreedBy].sort()).toEqual([...PARTIES].sort());
          }
          if (state.status === "APPROVED" && before.status === "SUBMITTED") {
            expect([...state.approvedBy].sort()).toEqual([...PARTIES].sort());
            expect(state.approvedVersion).toBe(state.version);
          }
        }
      }),
    );
  });
});

const content = (over: Partial<PlanContent> = {}): PlanContent =>
  planContentSchema.parse({
    title: "Қорғас бекетіндегі өзара іс-қимыл жоспары",
    directions: ["INFO_SUPPORT", "CHANNELS"],
    variants: [{ key: "V1", situation: "Mass arrival", actions: { IAB: "a", NSC: "b", CUSTOMS: "c" } }],
    tasks: [
      { key: "T1", text: "Daily exchange", direction: "INFO_SUPPORT", owner: "NSC", dueDate: "2026-12-01" },
    ],
    ...over,
  });

describe("plan versions diff", () => {
  it("names each added, removed and changed field", () => {
    const a = content();
    const b = content({
      title: "Жаңа атау",
      directions: ["INFO_SUPPORT", "EMERGENCY"],
      variants: [{ key: "V1", situation: "Mass arrival", actions: { IAB: "a", NSC: "b2", CUSTOMS: "c" } }],
      tasks: [
        { key: "T1", text: "Daily exchange", direction: "INFO_SUPPORT", owner: "NSC", dueDate: "2026-12-05" },
        { key: "T2", text: "Joint patrol", direction: "REGIME", owner: "IAB", dueDate: "2026-12-10" },
      ],
    });
    expect(diffPlans(a, b).map((c) => `${c.kind} ${c.path}`)).toEqual([
      "changed title",
      "removed directions.CHANNELS",
      "added directions.EMERGENCY",
      "changed variants.V1.actions.NSC",
      "changed tasks.T1.dueDate",
      "added tasks.T2",
    ]);
    expect(diffPlans(a, a)).toEqual([]);
  });

  it("rejects duplicate keys and unknown directions", () => {
    expect(planContentSchema.safeParse({ ...content(), directions: ["NOPE"] }).success).toBe(false);
    const t = content().tasks[0];
    expect(planContentSchema.safeParse({ ...content(), tasks: [t, t] }).success).toBe(false);
  });

  it("applying the diff of two versions to the first gives the second (property)", () => {
    const keyArb = fc.constantFrom("K1", "K2", "K3", "K4");
    const text = fc.constantFrom("a", "b", "c");
    const task = fc.record({
      key: keyArb,
      text,
      direction: fc.constantFrom(...DIRECTION_CODES),
      owner: fc.constantFrom(...PARTIES),
      dueDate: fc.constantFrom("2026-12-01", "2026-12-02"),
    });
    const variant = fc.record({
      key: keyArb,
      situation: text,
      actions: fc.record({ IAB: text, NSC: text, CUSTOMS: text }),
    });
    const arb = fc.record({
      title: text,
      summary: text,
      directions: fc.uniqueArray(fc.constantFrom(...DIRECTION_CODES), { minLength: 1, maxLength: 4 }),
      variants: fc.uniqueArray(variant, { selector: (v) => v.key, maxLength: 4 }),
      tasks: fc.uniqueArray(task, { selector: (v) => v.key, maxLength: 4 }),
    });
    const canon = (c: PlanContent) => ({
      ...c,
      directions: [...c.directions].sort(),
      variants: [...c.variants].sort((x, y) => x.key.localeCompare(y.key)),
      tasks: [...c.tasks].sort((x, y) => x.key.localeCompare(y.key)),
    });
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        expect(canon(applyPlanDiff(a, diffPlans(a, b)))).toEqual(canon(b));
      }),
    );
  });
});
