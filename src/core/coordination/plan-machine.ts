/**
 * Who may do what with an interaction plan, and what follows (X-9, X order p.2, X p.3.1, p.6).
 * The three parties' heads of a level draft the plan together: each head agrees the current
 * version, then any of them submits it; the higher instance of every party approves it (the law
 * says "higher instances", plural), and any of them may return it with a reason. An approved plan
 * is refined by a new version, which goes through the same steps while the approved version stays
 * in force. Pure: facts in, decision out.
 */
import { AppError } from "../errors.js";
import { addMonths } from "./dates.js";
import { PLAN_ACTION_NAMES, PLAN_STATUS_NAMES } from "./names.js";
import { type CoordinationRules, PARTIES, type Party } from "./rules.js";

export const PLAN_STATUSES = ["DRAFT", "SUBMITTED", "APPROVED"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const PLAN_ACTIONS = ["EDIT", "AGREE", "SUBMIT", "APPROVE", "RETURN"] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

/** The state of a plan as stored. */
export interface PlanState {
  status: PlanStatus;
  /** The newest version (the one being agreed, submitted or approved). */
  version: number;
  /** Parties whose heads agreed the newest version. */
  agreedBy: Party[];
  /** Parties whose higher instance approved the submitted version. */
  approvedBy: Party[];
  /** The version in force, if any was ever approved. */
  approvedVersion: number | null;
}

/** A unit of the plan's triad. */
export interface PartyUnit {
  party: Party;
  unitId: string;
  path: string;
}

/** The facts about the actor a plan decision needs. */
export interface PlanActor {
  unitId: string | null;
  unitPath: string | null;
  canDraft: boolean;
  canApprove: boolean;
}

const CLAUSE_BY_ACTION: Record<PlanAction, (rules: CoordinationRules) => string> = {
  EDIT: (r) => r.planAgreement.clause,
  AGREE: (r) => r.planAgreement.clause,
  SUBMIT: (r) => r.planApproval.clause,
  APPROVE: (r) => r.planApproval.clause,
  RETURN: (r) => r.planApproval.clause,
};

const ALLOWED_IN: Record<PlanAction, readonly PlanStatus[]> = {
  EDIT: ["DRAFT", "APPROVED"],
  AGREE: ["DRAFT"],
  SUBMIT: ["DRAFT"],
  APPROVE: ["SUBMITTED"],
  RETURN: ["SUBMITTED"],
};

/** The due date of a plan: one month (by the rules in force) after the order date. */
export function planDueDate(orderDate: string, rules: CoordinationRules): string {
  return addMonths(orderDate, rules.planDraftMonths.value);
}

/** True when the plan was due and no version has been submitted or approved by `today`. */
export function planOverdue(
  plan: { dueDate: string; firstSubmittedOn: string | null },
  today: string,
): boolean {
  return plan.firstSubmittedOn === null ? today > plan.dueDate : plan.firstSubmittedOn > plan.dueDate;
}

/** True when `ancestor` is a strict ancestor of `path` in the ltree sense. */
export function isStrictAncestor(ancestor: string, path: string): boolean {
  return path.startsWith(`${ancestor}.`);
}

/** The party whose head the actor is (their unit is that party's unit of the triad), if any. */
export function headParty(actor: PlanActor, parties: readonly PartyUnit[]): Party | null {
  if (!actor.canDraft || !actor.unitId) return null;
  return parties.find((p) => p.unitId === actor.unitId)?.party ?? null;
}

/** The party the actor is a higher instance of (their unit lies strictly above it), if any. */
export function superiorParty(actor: PlanActor, parties: readonly PartyUnit[]): Party | null {
  const path = actor.unitPath;
  if (!actor.canApprove || !path) return null;
  return parties.find((p) => isStrictAncestor(path, p.path))?.party ?? null;
}

/**
 * Decides an action on a plan: the next state and the party the actor acted for, or an AppError
 * citing the clause. `hasSuperior` tells whether each party's unit has a higher instance.
 */
export function decidePlanAction(
  state: PlanState,
  action: PlanAction,
  actor: PlanActor,
  parties: readonly PartyUnit[],
  rules: CoordinationRules,
  hasSuperior: (party: Party) => boolean,
): { next: PlanState; party: Party } {
  const clause = CLAUSE_BY_ACTION[action](rules);
  if (!ALLOWED_IN[action].includes(state.status)) {
    throw new AppError("ILLEGAL_TRANSITION", {
      params: { action: PLAN_ACTION_NAMES[action], state: PLAN_STATUS_NAMES[state.status], clause },
      clause,
      details: [{ action, state: state.status }],
    });
  }
  if (action === "APPROVE" || action === "RETURN") {
    const party = superiorParty(actor, parties);
    if (!party) throw new AppError("PLAN_NOT_HIGHER_INSTANCE", { params: { clause }, clause });
    if (action === "RETURN") {
      return { party, next: { ...state, status: "DRAFT", agreedBy: [], approvedBy: [] } };
    }
    const approvedBy = state.approvedBy.includes(party) ? state.approvedBy : [...state.approvedBy, party];
    const all = PARTIES.every((p) => approvedBy.includes(p));
    return {
      party,
      next: all
        ? { ...state, status: "APPROVED", approvedBy, approvedVersion: state.version }
        : { ...state, approvedBy },
    };
  }
  const party = headParty(actor, parties);
  if (!party) throw new AppError("PLAN_NOT_A_PARTY_HEAD", { params: { clause }, clause });
  if (action === "EDIT") {
    return {
      party,
      next: { ...state, status: "DRAFT", version: state.version + 1, agreedBy: [], approvedBy: [] },
    };
  }
  if (action === "AGREE") {
    const agreedBy = state.agreedBy.includes(party) ? state.agreedBy : [...state.agreedBy, party];
    return { party, next: { ...state, agreedBy } };
  }
  const missing = PARTIES.filter((p) => !state.agreedBy.includes(p));
  if (missing.length > 0) {
    throw new AppError("PLAN_AGREEMENTS_MISSING", {
      params: { version: state.version, missing: missing.join(", "), clause },
      clause,
    });
  }
  const orphan = PARTIES.find((p) => !hasSuperior(p));
  if (orphan) throw new AppError("PLAN_NO_HIGHER_INSTANCE", { params: { party: orphan, clause }, clause });
  return { party, next: { ...state, status: "SUBMITTED", approvedBy: [] } };
}
