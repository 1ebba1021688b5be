/**
 * Special works (Z p.28): each routed body records its own decision; the combined outcome is the
 * permission document. One refusal refuses the whole application; all routed bodies must approve.
 */
import { AppError, invalid } from "../errors.js";
import type { Translated } from "../i18n.js";
import { WORK_DECISION_NAMES, WORKS_OUTCOME_NAMES, WORKS_STEP_NAMES } from "./names.js";
import type { WorkBody } from "./rules.js";

const ALREADY_DECIDED: Translated = {
  kk: "Бұл орган шешімін қабылдап қойған.",
  ru: "Этот орган уже принял решение.",
  en: "This body has already decided.",
};

const ANOTHER_REFUSED: Translated = {
  kk: "Басқа орган бас тартты: бұдан әрі шешім сұралмайды.",
  ru: "Другой орган отказал: решения больше не запрашиваются.",
  en: "Another body refused: no further decision is asked.",
};

/** A body's decision. */
export const WORK_DECISIONS = ["APPROVED", "REFUSED"] as const;
export type WorkDecision = (typeof WORK_DECISIONS)[number];

/** The combined outcome of an application. */
export type WorksOutcome = "PENDING" | "APPROVED" | "REFUSED";

/** Combines the routed bodies' decisions: any refusal refuses, all approvals approve, else pending. */
export function combineWorks(
  routed: readonly WorkBody[],
  decisions: Partial<Record<WorkBody, WorkDecision>>,
): WorksOutcome {
  if (routed.length === 0) throw new RangeError("an application is routed to at least one body");
  if (routed.some((b) => decisions[b] === "REFUSED")) return "REFUSED";
  if (routed.every((b) => decisions[b] === "APPROVED")) return "APPROVED";
  return "PENDING";
}

/**
 * Checks that a body may decide now: it must be routed, not have decided, and the outcome must
 * still be open (after a refusal nothing more is asked of anyone).
 */
export function assertMayDecide(
  routed: readonly WorkBody[],
  decisions: Partial<Record<WorkBody, WorkDecision>>,
  body: WorkBody,
): void {
  if (!routed.includes(body))
    throw invalid("body", {
      kk: "бұл өтініш бойынша осы органның шешімі сұралмайды",
      ru: "по этому заявлению решение этого органа не запрашивается",
      en: "this body is not asked on this application",
    });
  const outcome = combineWorks(routed, decisions);
  const own = decisions[body];
  if (own !== undefined || outcome !== "PENDING") {
    // Either this body has decided, or another refused (an approval needs every body's, this one's too).
    throw new AppError("ILLEGAL_TRANSITION", {
      params: {
        action: WORKS_STEP_NAMES.decide(body),
        state: own !== undefined ? WORK_DECISION_NAMES[own] : WORKS_OUTCOME_NAMES[outcome],
        clause: "Z p.28",
        because: own !== undefined ? ALREADY_DECIDED : ANOTHER_REFUSED,
      },
      clause: "Z p.28",
      details: [{ action: "DECIDE", body, state: own ?? outcome }],
    });
  }
}
