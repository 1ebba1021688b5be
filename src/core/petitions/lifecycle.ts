/**
 * A petition's status from its people's outcomes, and the copies of a strip list with who holds
 * each (Z p.27). Pure.
 */
import type { RuleOf } from "../rules/schema.js";
import type { CopyHolder, PetitionKind, PetitionStatus } from "./kinds.js";
import type { MemberOutcome } from "./members.js";

/** The petition's status: the earliest step any person still waits for, else the end reached. */
export function petitionStatus(kind: PetitionKind, outcomes: readonly MemberOutcome[]): PetitionStatus {
  if (outcomes.length === 0) return "FILED";
  if (outcomes.includes("AWAITING_NSC")) return "FILED";
  if (outcomes.includes("AWAITING_CHECK") || outcomes.includes("AWAITING_DECISION"))
    return kind === "STRIP_LIST" ? "NSC_CHECKED" : "FILED";
  if (outcomes.includes("APPROVED")) return "DECIDED";
  if (outcomes.includes("ISSUED")) return "ISSUED";
  return "REFUSED";
}

/** One planned copy of a list. */
export interface CopyPlan {
  copyNo: number;
  holder: CopyHolder;
  /** Certified by the person entitled to sign passes, with the passport-visa seal (copy 1). */
  certified: boolean;
  /** Carries the NSC's check results. */
  withResults: boolean;
}

/** The copies the routing rule asks for, numbered from 1; none when the rule names no copies. */
export function planCopies(rule: RuleOf<"PETITION_ROUTING">): CopyPlan[] {
  return (rule.copies ?? []).map((copy, index) => ({ copyNo: index + 1, ...copy }));
}

/** The stored state of one copy. */
export interface CopyState extends CopyPlan {
  certifiedAt?: string | null;
  handedAt?: string | null;
  receivedBy?: string | null;
}

/** Why a copy cannot be handed over now, or undefined when it can (Z p.27). */
export function handoverBlocker(
  copy: CopyState,
  petition: { nscDone: boolean; decided: boolean },
): "ALREADY_HANDED" | "NOT_CERTIFIED" | "NSC_RESULTS_MISSING" | "NOT_DECIDED" | undefined {
  if (copy.handedAt) return "ALREADY_HANDED";
  // The results copy goes back to the NSC only once it carries every person's result.
  if (copy.withResults && !petition.nscDone) return "NSC_RESULTS_MISSING";
  if (copy.holder === "GROUP_LEADER") {
    // The leader's copy is the certified list of people admitted: after the decision, certified.
    if (!petition.decided) return "NOT_DECIDED";
    if (copy.certified && !copy.certifiedAt) return "NOT_CERTIFIED";
  }
  return undefined;
}
