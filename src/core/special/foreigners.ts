/**
 * The case of a foreigner's or stateless person's permit (Z p.17, p.31): the IAB forwards the
 * application to the NSC, the NSC agrees or refuses with a reason, and only after agreement the
 * head of the IAB issues the permit. Transitions are data: who may take each step and the clause.
 */
import type { Permission } from "../access/roles.js";
import { AppError } from "../errors.js";
import { FOREIGNER_STAGE_NAMES, FOREIGNER_STEP_NAMES } from "./names.js";
import type { SpecialRuleSet } from "./rules.js";

/** Where a foreigner's case stands. */
export const FOREIGNER_STAGES = [
  "SUBMITTED",
  "AT_NSC",
  "NSC_AGREED",
  "NSC_REFUSED",
  "ISSUED",
  "REFUSED",
] as const;
export type ForeignerStage = (typeof FOREIGNER_STAGES)[number];

/** The steps of the case. */
export const FOREIGNER_STEPS = ["FORWARD", "AGREE", "NSC_REFUSE", "ISSUE", "REFUSE"] as const;
export type ForeignerStep = (typeof FOREIGNER_STEPS)[number];

/** Which side of the case acts: the IAB that handles it, or the NSC unit it was forwarded to. */
export type CaseSide = "IAB" | "NSC";

/** One transition: from which stages, to which, by whom, on which clause. */
export interface ForeignerTransition {
  from: readonly ForeignerStage[];
  to: ForeignerStage;
  permission: Permission;
  side: CaseSide;
  clause: string;
  /** True when the step must carry a reason (refusals are communicated with it, Z p.31). */
  needsReason: boolean;
}

/** The transition table (C-1, C-2): agreeing is the NSC's permission, issuing and refusing the heads'. */
export const FOREIGNER_TRANSITIONS: Record<ForeignerStep, ForeignerTransition> = {
  FORWARD: {
    from: ["SUBMITTED"],
    to: "AT_NSC",
    permission: "applications.intake",
    side: "IAB",
    clause: "Z p.17",
    needsReason: false,
  },
  AGREE: {
    from: ["AT_NSC"],
    to: "NSC_AGREED",
    permission: "foreigners.agree",
    side: "NSC",
    clause: "Z p.17",
    needsReason: false,
  },
  NSC_REFUSE: {
    from: ["AT_NSC"],
    to: "NSC_REFUSED",
    permission: "foreigners.agree",
    side: "NSC",
    clause: "Z p.17",
    needsReason: true,
  },
  ISSUE: {
    from: ["NSC_AGREED"],
    to: "ISSUED",
    permission: "passes.decide",
    side: "IAB",
    clause: "Z p.17, p.31",
    needsReason: false,
  },
  REFUSE: {
    from: ["SUBMITTED", "NSC_AGREED", "NSC_REFUSED"],
    to: "REFUSED",
    permission: "passes.decide",
    side: "IAB",
    clause: "Z p.31",
    needsReason: true,
  },
};

/** The stage after a step, or ILLEGAL_TRANSITION naming the clause (e.g. issuing before agreement). */
export function nextForeignerStage(stage: ForeignerStage, step: ForeignerStep): ForeignerStage {
  const t = FOREIGNER_TRANSITIONS[step];
  if (!t.from.includes(stage)) {
    throw new AppError("ILLEGAL_TRANSITION", {
      params: { action: FOREIGNER_STEP_NAMES[step], state: FOREIGNER_STAGE_NAMES[stage], clause: t.clause },
      clause: t.clause,
      details: [{ action: step, state: stage }],
    });
  }
  return t.to;
}

const DAY_MS = 86_400_000;

/** When the NSC's answer is due: forwarding time plus the rule's days (Z p.17). */
export function nscDueAt(forwardedAt: Date, rules: SpecialRuleSet): Date {
  return new Date(forwardedAt.getTime() + rules.nscAgreement.days * DAY_MS);
}

/** True when the NSC has not answered by the due time and the case was not escalated yet. */
export function needsEscalation(
  c: { stage: ForeignerStage; dueAt: Date | null; escalatedAt: Date | null },
  now: Date,
): boolean {
  return (
    c.stage === "AT_NSC" && c.dueAt !== null && c.escalatedAt === null && now.getTime() > c.dueAt.getTime()
  );
}

/** Where an overdue answer goes: the NSC unit's superior, or the unit itself when it has none. */
export function escalationUnit(unit: { id: string; parentId: string | null }): string {
  return unit.parentId ?? unit.id;
}

/** The steps the given stage allows, for screens. */
export function stepsFrom(stage: ForeignerStage): ForeignerStep[] {
  return FOREIGNER_STEPS.filter((s) => FOREIGNER_TRANSITIONS[s].from.includes(stage));
}
