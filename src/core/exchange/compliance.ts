/**
 * Compliance with the exchange deadlines of X p.5 (SPEC X-8): whether each obligation was met on
 * time, late, early or not at all as of a given instant, the on-time rate of a set of them, and
 * the level an overdue item escalates to.
 */
import { invalid } from "../errors.js";
import type { Obligation } from "./obligations.js";
import { assertInstant } from "./time.js";

/** The statuses an obligation can have as of some instant. */
export const COMPLIANCE_STATUSES = ["ON_TIME", "LATE", "MISSING", "PENDING", "EARLY"] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

/** What classify needs of an obligation. */
export type Classifiable = Pick<Obligation, "opensAt" | "dueAt" | "clause" | "earlyCountsAsOnTime">;

/** The verdict on one obligation, citing the clause that sets its deadline. */
export interface Classification {
  status: ComplianceStatus;
  clause: string;
  dueAt: Date;
  /** Minutes past the deadline: of the delivery when LATE, of `nowUtc` when MISSING. */
  minutesOverdue?: number;
}

const MS_PER_MINUTE = 60_000;

/**
 * Classifies one obligation as of `nowUtc`. A delivery after `nowUtc` is not yet known then and is
 * ignored, so the same log replays past states. Delivery at dueAt exactly is on time. A delivery
 * before the window opens is EARLY unless the class says early counts (URGENT, ADVANCE): an early
 * monthly or daily report cannot cover the period it reports on, so it does not discharge the
 * obligation and must be sent again within the window.
 */
export function classify(
  obligation: Classifiable,
  deliveredAt: Date | undefined,
  nowUtc: Date,
): Classification {
  assertInstant(nowUtc, "nowUtc");
  if (deliveredAt !== undefined) assertInstant(deliveredAt, "deliveredAt");
  const base = { clause: obligation.clause, dueAt: obligation.dueAt };
  const due = obligation.dueAt.getTime();
  const now = nowUtc.getTime();
  const delivered =
    deliveredAt !== undefined && deliveredAt.getTime() <= now ? deliveredAt.getTime() : undefined;
  if (delivered === undefined) {
    if (now <= due) return { ...base, status: "PENDING" };
    return { ...base, status: "MISSING", minutesOverdue: Math.floor((now - due) / MS_PER_MINUTE) };
  }
  if (delivered < obligation.opensAt.getTime() && !obligation.earlyCountsAsOnTime) {
    return { ...base, status: "EARLY" };
  }
  if (delivered <= due) return { ...base, status: "ON_TIME" };
  return { ...base, status: "LATE", minutesOverdue: Math.floor((delivered - due) / MS_PER_MINUTE) };
}

/**
 * The delivery that counts for an obligation among several logged: the first one within or after
 * the window opening (or the first of all when early counts); only when every one is early, the
 * last early one, so the verdict is EARLY rather than MISSING.
 */
export function pickDelivery(
  obligation: Pick<Obligation, "opensAt" | "earlyCountsAsOnTime">,
  deliveries: readonly Date[],
): Date | undefined {
  const sorted = [...deliveries].sort((a, b) => a.getTime() - b.getTime());
  if (obligation.earlyCountsAsOnTime) return sorted[0];
  const opens = obligation.opensAt.getTime();
  return sorted.find((d) => d.getTime() >= opens) ?? sorted[sorted.length - 1];
}

/** Counts per status and the on-time rate of a set of verdicts. */
export interface ComplianceSummary {
  total: number;
  counts: Record<ComplianceStatus, number>;
  /** Items whose outcome is known: all but PENDING. */
  assessed: number;
  /** ON_TIME / assessed, in 0..1; null when nothing is assessed yet. EARLY counts against. */
  onTimeRate: number | null;
}

/** Summarizes verdicts: counts per status and the on-time rate over the items already decided. */
export function summarize(items: readonly { status: ComplianceStatus }[]): ComplianceSummary {
  const counts: Record<ComplianceStatus, number> = { ON_TIME: 0, LATE: 0, MISSING: 0, PENDING: 0, EARLY: 0 };
  for (const item of items) counts[item.status] += 1;
  const assessed = items.length - counts.PENDING;
  return {
    total: items.length,
    counts,
    assessed,
    onTimeRate: assessed === 0 ? null : counts.ON_TIME / assessed,
  };
}

/** The five levels of interaction (X p.8): 1 is the ministries, 5 the shift seniors at a checkpoint. */
export type InteractionLevel = 1 | 2 | 3 | 4 | 5;

/** True when the value is one of the five levels of X p.8. */
export function isInteractionLevel(value: unknown): value is InteractionLevel {
  return value === 1 || value === 2 || value === 3 || value === 4 || value === 5;
}

// Level 1 has no superior; its overdue items stay with the joint leadership of X p.10.
const SUPERIOR: Record<InteractionLevel, InteractionLevel> = { 1: 1, 2: 1, 3: 2, 4: 3, 5: 4 };

/**
 * The level an obligation escalates to as of `nowUtc`, or null when it does not: an item escalates
 * the moment it is overdue (past dueAt with no counting delivery), one level up (X-8 "to the
 * superior level") — the deadlines are already short (2 h, 09:00), so a grace period would only
 * delay the superior's reaction. Level 1 has no superior: its overdue items stay at level 1, for the
 * joint leadership of X p.10. A late delivery ends the escalation.
 */
export function escalationLevel(
  obligation: Classifiable,
  nowUtc: Date,
  unitLevel: InteractionLevel,
  deliveredAt?: Date,
): InteractionLevel | null {
  if (!isInteractionLevel(unitLevel))
    throw invalid("unitLevel", {
      kk: "1-ден 5-ке дейінгі деңгей болуы керек (X p.8)",
      ru: "нужен уровень от 1 до 5 (X p.8)",
      en: "must be a level 1..5 (X p.8)",
    });
  const status = classify(obligation, deliveredAt, nowUtc).status;
  // EARLY past the deadline means nothing valid arrived in the window: as overdue as MISSING.
  const overdue =
    status === "MISSING" || (status === "EARLY" && nowUtc.getTime() > obligation.dueAt.getTime());
  if (!overdue) return null;
  return SUPERIOR[unitLevel];
}
