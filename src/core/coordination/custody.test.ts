import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import {
  ACT_ACTIONS,
  type ActStatus,
  type CustodyEvent,
  custodyViolations,
  decideActAction,
} from "./custody.js";

const act = { giverUnitId: "nsc", receiverUnitId: "iab" };

describe("handover act state machine (X-12)", () => {
  it("completes only when the giver signed first and then the receiver", () => {
    expect(decideActAction("DRAFT", "SIGN_GIVE", "nsc", act)).toBe("GIVER_SIGNED");
    expect(decideActAction("GIVER_SIGNED", "SIGN_RECEIVE", "iab", act)).toBe("COMPLETED");
    expect(() => decideActAction("DRAFT", "SIGN_RECEIVE", "iab", act)).toThrow(AppError);
    // Named in the reader's language, the codes in the details.
    expect(() => decideActAction("DRAFT", "SIGN_RECEIVE", "iab", act)).toThrow(
      /^The action “Sign as receiving officer” is not allowed in the state “Draft” \(/,
    );
    expect(() => decideActAction("GIVER_SIGNED", "SIGN_RECEIVE", "nsc", act)).toThrow(/receiving/);
    expect(() => decideActAction("DRAFT", "SIGN_GIVE", "iab", act)).toThrow(/giving/);
    expect(decideActAction("GIVER_SIGNED", "REFUSE", "iab", act)).toBe("REFUSED");
    expect(decideActAction("GIVER_SIGNED", "CANCEL", "nsc", act)).toBe("CANCELLED");
  });
  it("never leaves a closed act (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<ActStatus>("COMPLETED", "REFUSED", "CANCELLED"),
        fc.constantFrom(...ACT_ACTIONS),
        fc.constantFrom("nsc", "iab", null),
        (status, action, unit) => {
          expect(() => decideActAction(status, action, unit, act)).toThrow(AppError);
        },
      ),
    );
  });
});

describe("custody invariants", () => {
  const reg = (itemId: string, to: string): CustodyEvent => ({
    itemId,
    seq: 1,
    fromUnitId: null,
    toUnitId: to,
    actId: null,
  });
  it("accepts a consistent chain and names each kind of break", () => {
    const acts = new Map<string, ActStatus>([
      ["a1", "COMPLETED"],
      ["a2", "CANCELLED"],
      ["a3", "GIVER_SIGNED"],
    ]);
    const events = [
      reg("i1", "nsc"),
      { itemId: "i1", seq: 2, fromUnitId: "nsc", toUnitId: "iab", actId: "a1" },
    ];
    expect(
      custodyViolations([{ id: "i1", custodianUnitId: "iab", pendingActId: "a3" }], events, acts),
    ).toEqual([]);
    const problems = (items: Parameters<typeof custodyViolations>[0], ev: CustodyEvent[]) =>
      custodyViolations(items, ev, acts).map((v) => v.problem);
    expect(problems([{ id: "i2", custodianUnitId: "nsc", pendingActId: null }], [])).toEqual(["NO_CHAIN"]);
    expect(problems([{ id: "i1", custodianUnitId: "nsc", pendingActId: null }], events)).toEqual([
      "CUSTODIAN_MISMATCH",
    ]);
    expect(problems([{ id: "i1", custodianUnitId: "iab", pendingActId: "a2" }], events)).toEqual([
      "STALE_RESERVATION",
    ]);
    expect(
      problems(
        [{ id: "i1", custodianUnitId: "cus", pendingActId: null }],
        [...events, { itemId: "i1", seq: 3, fromUnitId: "nsc", toUnitId: "cus", actId: "a2" }],
      ),
    ).toEqual(["CHAIN_GAP", "EVENT_WITHOUT_ACT"]);
  });
});
