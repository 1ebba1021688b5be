/**
 * Deadlines and routing of organizations' petitions, read from the rule set in force (C-1): the
 * lead time is the first LEAD_TIME rule matching the petition's situation, the routing is the
 * PETITION_ROUTING rule of its kind. Pure: the filing date is a parameter.
 */
import { addDays } from "../eligibility/dates.js";
import type { Purpose } from "../eligibility/facts.js";
import { AppError } from "../errors.js";
import type { Translated } from "../i18n.js";
import type { RuleOf, RuleSet } from "../rules/schema.js";
import type { PetitionKind } from "./kinds.js";

/** The situation a petition kind stands for, as the LEAD_TIME rules' conditions describe it. */
const SITUATION: Record<PetitionKind, { purpose: Purpose; inStrip: boolean }> = {
  EMPLOYER: { purpose: "WORK", inStrip: false },
  STRIP_LIST: { purpose: "GROUP_WORK", inStrip: true },
  RELEASE: { purpose: "RELEASED_FROM_CUSTODY", inStrip: false },
};

/** The filing deadline of a petition and the rule it comes from. */
export interface PetitionDeadline {
  /** Last day to file: departure (or release) date minus the lead time. */
  applyBy: string;
  days: number;
  /** Filed after applyBy. */
  late: boolean;
  ruleId: string;
  clauses: string[];
  explanation: Translated;
}

function leadRuleFor(set: RuleSet, kind: PetitionKind): RuleOf<"LEAD_TIME"> {
  const { purpose, inStrip } = SITUATION[kind];
  const rule = set.rules.find((candidate): candidate is RuleOf<"LEAD_TIME"> => {
    if (candidate.kind !== "LEAD_TIME") return false;
    const when = candidate.when;
    if (!when) return true;
    // Conditions a petition does not describe cannot be confirmed: such rules are passed over.
    if (
      when.statuses !== undefined ||
      when.residesInZone !== undefined ||
      when.underAgeYears !== undefined ||
      when.accompanied !== undefined ||
      when.citizenships !== undefined
    )
      return false;
    if (when.purposes && !when.purposes.includes(purpose)) return false;
    if (when.inStrip !== undefined && when.inStrip !== inStrip) return false;
    return true;
  });
  // The rule-set schema requires an unconditional LEAD_TIME rule, so this never happens on a valid set.
  if (!rule) throw new Error(`Rule set ${set.id} v${set.version} has no LEAD_TIME rule for ${kind}`);
  return rule;
}

/** The filing deadline of a petition of `kind` for `departureDate`, judged on `filedOn` (Z p.22, p.27). */
export function petitionDeadline(
  set: RuleSet,
  kind: PetitionKind,
  departureDate: string,
  filedOn: string,
): PetitionDeadline {
  const rule = leadRuleFor(set, kind);
  const applyBy = addDays(departureDate, -rule.days);
  return {
    applyBy,
    days: rule.days,
    late: filedOn > applyBy,
    ruleId: rule.id,
    clauses: rule.clauses,
    explanation: rule.explanation,
  };
}

/** The routing rule of a petition kind in the rule set, or a 4xx naming the missing rule. */
export function petitionRouting(set: RuleSet, kind: PetitionKind): RuleOf<"PETITION_ROUTING"> {
  const rule = set.rules.find(
    (candidate): candidate is RuleOf<"PETITION_ROUTING"> =>
      candidate.kind === "PETITION_ROUTING" && candidate.petition === kind,
  );
  if (!rule) {
    throw new AppError("PETITION_STEP_NOT_ALLOWED", {
      params: {
        reason: {
          kk: `күшіндегі ережелерде (${set.version}-нұсқа) бұл өтініш түрінің бағыты жоқ`,
          ru: `в действующих правилах (версия ${set.version}) нет маршрута для этого вида ходатайства`,
          en: `the rule set in force (version ${set.version}) has no routing for this kind of petition`,
        },
      },
    });
  }
  return rule;
}
