/**
 * Deadline reminders to pass holders (C-5, Z-24, Z-27): which reminders are due for a pass on a
 * date. Pure: the date and the rule set are parameters. The scan that sends them lives in
 * services/passes/reminders.service.ts.
 */
import { addDays, daysBetween } from "../eligibility/dates.js";
import type { RuleOf, RuleSet } from "../rules/index.js";
import { RETURN_GRACE_DAYS } from "./state-machine.js";

/** Kinds of reminders, each sent at most once per pass. */
export const REMINDER_KINDS = ["REGISTRATION_DUE", "RETURN_SOON", "RETURN_OVERDUE"] as const;
/** One kind of reminder. */
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/**
 * Days before the validity end that the holder is reminded to return the pass. The law only says
 * "when it expires" (Z p.36); a few days' notice lets the holder plan the trip to the IAB.
 */
export const RETURN_SOON_DAYS = 3;

/** The pass as the reminder rules need it (a row of `passes`). */
export interface ReminderPass {
  /** ISSUED, REGISTERED, KEPT, LOST, RETURNED, REVOKED, REPLACED. */
  status: string;
  validFrom: string;
  validUntil: string;
}

/** A reminder due on a date, with the deadline and the clauses the message cites. */
export interface DueReminder {
  kind: ReminderKind;
  clauses: string[];
  /** Days the rule gives (registration after arrival; handover to the registrar). */
  days?: { arrival: number; handover: number };
  /** The day the pass must be back (the day after the validity end, Z p.36). */
  returnBy?: string;
}

/** Passes still with their holder: only these are reminded to register or to be returned. */
const WITH_HOLDER = ["ISSUED", "REGISTERED"];

function registration(set: RuleSet, target: "ARRIVAL" | "HANDOVER"): RuleOf<"REGISTRATION"> | undefined {
  return set.rules.find((r): r is RuleOf<"REGISTRATION"> => r.kind === "REGISTRATION" && r.target === target);
}

/**
 * Issued passes whose validity began before the day this returns, and that are still not
 * registered, are past the registration deadline (Z p.18: within the rule's days of arrival,
 * counted from the first day the holder could have arrived). Undefined when the rule set has no
 * arrival registration rule. The clauses are those the rule cites.
 */
export function registrationOverdueBefore(
  set: RuleSet,
  today: string,
): { validFromBefore: string; clauses: string[] } | undefined {
  const arrival = registration(set, "ARRIVAL");
  return arrival ? { validFromBefore: addDays(today, -arrival.days), clauses: arrival.clauses } : undefined;
}

/**
 * The reminders due for a pass on `today`:
 * - registration (Z p.18, App.1 rule 2): an issued pass not yet registered, within its validity;
 * - return soon (Z p.36, App.1 rule 4 for an unused one): in the last RETURN_SOON_DAYS of validity;
 * - return overdue: RETURN_GRACE_DAYS after the return was due, as the case flag RETURN_OVERDUE.
 * Passes returned, lost, revoked, replaced or kept by the IAB get none.
 */
export function dueReminders(pass: ReminderPass, today: string, set: RuleSet): DueReminder[] {
  if (!WITH_HOLDER.includes(pass.status)) return [];
  const due: DueReminder[] = [];
  const returnBy = addDays(pass.validUntil, 1);
  const unused = pass.status === "ISSUED";
  const returnClauses = unused ? ["Z p.36", "Z App.1 rule 4"] : ["Z p.36"];
  if (unused && pass.validFrom <= today && today <= pass.validUntil) {
    const arrival = registration(set, "ARRIVAL");
    const handover = registration(set, "HANDOVER");
    if (arrival && handover) {
      due.push({
        kind: "REGISTRATION_DUE",
        clauses: [...arrival.clauses, ...handover.clauses],
        days: { arrival: arrival.days, handover: handover.days },
      });
    }
  }
  if (today <= pass.validUntil && daysBetween(today, pass.validUntil) <= RETURN_SOON_DAYS) {
    due.push({ kind: "RETURN_SOON", clauses: returnClauses, returnBy });
  }
  if (today >= returnBy && daysBetween(returnBy, today) >= RETURN_GRACE_DAYS) {
    due.push({ kind: "RETURN_OVERDUE", clauses: returnClauses, returnBy });
  }
  return due;
}
