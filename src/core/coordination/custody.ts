/**
 * Handover acts and the chain of custody (X-12, X p.9.6, p.10.3). An act lists the handed-over
 * persons and items; the giving officer signs it, then the receiving officer of another agency
 * signs it (noting any discrepancy) or refuses it. Custody moves only when both have signed. Every
 * item has exactly one custodian unit at a time and at most one open act. Pure.
 */
import { AppError } from "../errors.js";
import { ACT_ACTION_NAMES, ACT_STATUS_NAMES } from "./names.js";
import { HANDOVER_CLAUSE } from "./rules.js";

export const ACT_STATUSES = ["DRAFT", "GIVER_SIGNED", "COMPLETED", "REFUSED", "CANCELLED"] as const;
export type ActStatus = (typeof ACT_STATUSES)[number];

export const ACT_ACTIONS = ["SIGN_GIVE", "SIGN_RECEIVE", "REFUSE", "CANCEL"] as const;
export type ActAction = (typeof ACT_ACTIONS)[number];

/** Which side of the act may take each action, and from which states. */
export const ACT_TRANSITIONS: Record<
  ActAction,
  { from: readonly ActStatus[]; to: ActStatus; side: "giver" | "receiver" }
> = {
  SIGN_GIVE: { from: ["DRAFT"], to: "GIVER_SIGNED", side: "giver" },
  SIGN_RECEIVE: { from: ["GIVER_SIGNED"], to: "COMPLETED", side: "receiver" },
  REFUSE: { from: ["GIVER_SIGNED"], to: "REFUSED", side: "receiver" },
  CANCEL: { from: ["DRAFT", "GIVER_SIGNED"], to: "CANCELLED", side: "giver" },
};

/** An act is open (its items are reserved) until it is completed, refused or cancelled. */
export function isOpen(status: ActStatus): boolean {
  return status === "DRAFT" || status === "GIVER_SIGNED";
}

const SIDE = {
  giver: { kk: "тапсырушы", ru: "передающего", en: "giving" },
  receiver: { kk: "қабылдаушы", ru: "принимающего", en: "receiving" },
} as const;

/**
 * Decides an action on an act: the next status, or an AppError citing the clause. The actor signs
 * for a side only as an officer of that side's unit.
 */
export function decideActAction(
  status: ActStatus,
  action: ActAction,
  actorUnitId: string | null,
  act: { giverUnitId: string; receiverUnitId: string },
): ActStatus {
  const rule = ACT_TRANSITIONS[action];
  if (!rule.from.includes(status)) {
    throw new AppError("ILLEGAL_TRANSITION", {
      params: { action: ACT_ACTION_NAMES[action], state: ACT_STATUS_NAMES[status], clause: HANDOVER_CLAUSE },
      clause: HANDOVER_CLAUSE,
      details: [{ action, state: status }],
    });
  }
  const unit = rule.side === "giver" ? act.giverUnitId : act.receiverUnitId;
  if (actorUnitId !== unit) {
    throw new AppError("HANDOVER_NOT_SIGNATORY", {
      params: { side: SIDE[rule.side], clause: HANDOVER_CLAUSE },
      clause: HANDOVER_CLAUSE,
    });
  }
  return rule.to;
}

/** An item as stored: its one custodian and the open act reserving it, if any. */
export interface CustodyItem {
  id: string;
  custodianUnitId: string;
  pendingActId: string | null;
}

/** One link of the chain: registration (from null) or a completed act. */
export interface CustodyEvent {
  itemId: string;
  seq: number;
  fromUnitId: string | null;
  toUnitId: string;
  actId: string | null;
}

/** A violation of the custody invariants, for tests, health checks and the CLI. */
export interface CustodyViolation {
  itemId: string;
  problem:
    | "NO_CHAIN"
    | "CHAIN_START"
    | "CHAIN_GAP"
    | "CUSTODIAN_MISMATCH"
    | "STALE_RESERVATION"
    | "EVENT_WITHOUT_ACT";
}

/**
 * Checks the invariants: every item has a chain starting with its registration, each link starts
 * where the previous one ended, the last link ends at the custodian (one custodian, no orphans),
 * links after the first come from completed acts, and a reservation names an open act.
 */
export function custodyViolations(
  items: readonly CustodyItem[],
  events: readonly CustodyEvent[],
  acts: ReadonlyMap<string, ActStatus>,
): CustodyViolation[] {
  const byItem = new Map<string, CustodyEvent[]>();
  for (const e of events) byItem.set(e.itemId, [...(byItem.get(e.itemId) ?? []), e]);
  const out: CustodyViolation[] = [];
  for (const item of items) {
    const chain = (byItem.get(item.id) ?? []).sort((a, b) => a.seq - b.seq);
    const first = chain[0];
    if (!first) {
      out.push({ itemId: item.id, problem: "NO_CHAIN" });
      continue;
    }
    if (first.fromUnitId !== null || first.actId !== null)
      out.push({ itemId: item.id, problem: "CHAIN_START" });
    for (let i = 1; i < chain.length; i++) {
      const link = chain[i];
      if (!link) continue;
      if (link.fromUnitId !== chain[i - 1]?.toUnitId) out.push({ itemId: item.id, problem: "CHAIN_GAP" });
      if (!link.actId || acts.get(link.actId) !== "COMPLETED") {
        out.push({ itemId: item.id, problem: "EVENT_WITHOUT_ACT" });
      }
    }
    if (chain[chain.length - 1]?.toUnitId !== item.custodianUnitId) {
      out.push({ itemId: item.id, problem: "CUSTODIAN_MISMATCH" });
    }
    if (item.pendingActId !== null) {
      const status = acts.get(item.pendingActId);
      if (!status || !isOpen(status)) out.push({ itemId: item.id, problem: "STALE_RESERVATION" });
    }
  }
  return out;
}
