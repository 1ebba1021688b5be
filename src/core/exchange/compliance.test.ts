import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import { DEFAULT_EXCHANGE_RULES } from "./classes.js";
import {
  type ComplianceStatus,
  classify,
  escalationLevel,
  type InteractionLevel,
  pickDelivery,
  summarize,
} from "./compliance.js";
import { expectedObligations, type Obligation, urgentObligation } from "./obligations.js";

const unit = { id: "bcp-1", timeZone: "Asia/Almaty" };
const at = (iso: string) => new Date(iso);
const only = (list: Obligation[], classId: string): Obligation => {
  const found = list.find((o) => o.classId === classId);
  if (!found) throw new Error(`no ${classId}`);
  return found;
};
// 2024-03-01 in Almaty (UTC+5): daily window 02:00Z–04:00Z; the February report window 27 Feb 18:00Z – 5 Mar 19:00Z.
const march1 = expectedObligations(
  unit,
  DEFAULT_EXCHANGE_RULES,
  at("2024-02-29T19:00:00Z"),
  at("2024-03-01T19:00:00Z"),
);
const daily = only(march1, "DAILY");
const monthly = only(march1, "MONTHLY");
const urgent = urgentObligation(unit, DEFAULT_EXCHANGE_RULES, at("2024-03-01T10:00:00Z"));

describe("classify", () => {
  it("decides the daily report by the 07:00–09:00 local window", () => {
    const now = at("2024-03-02T00:00:00Z");
    expect(classify(daily, at("2024-03-01T03:00:00Z"), now)).toEqual({
      status: "ON_TIME",
      clause: "X p.5.2",
      dueAt: daily.dueAt,
    });
    expect(classify(daily, at("2024-03-01T04:00:00Z"), now).status).toBe("ON_TIME");
    expect(classify(daily, at("2024-03-01T04:30:00Z"), now)).toMatchObject({
      status: "LATE",
      minutesOverdue: 30,
    });
    expect(classify(daily, at("2024-03-01T01:59:00Z"), now).status).toBe("EARLY");
    expect(classify(daily, undefined, at("2024-03-01T03:59:59Z")).status).toBe("PENDING");
    expect(classify(daily, undefined, at("2024-03-01T04:01:00Z"))).toMatchObject({
      status: "MISSING",
      minutesOverdue: 1,
    });
  });

  it("does not count an early monthly report, but counts an early urgent confirmation", () => {
    expect(classify(monthly, at("2024-02-20T10:00:00Z"), at("2024-03-10T00:00:00Z"))).toMatchObject({
      status: "EARLY",
      clause: "X p.5.3",
    });
    expect(classify(monthly, at("2024-03-05T18:59:00Z"), at("2024-03-10T00:00:00Z")).status).toBe("ON_TIME");
    expect(classify(urgent, at("2024-03-01T09:59:00Z"), at("2024-03-02T00:00:00Z")).status).toBe("ON_TIME");
    expect(classify(urgent, at("2024-03-01T12:00:01Z"), at("2024-03-02T00:00:00Z")).status).toBe("LATE");
  });

  it("ignores deliveries not yet made at nowUtc, so past states replay", () => {
    expect(classify(daily, at("2024-03-01T03:00:00Z"), at("2024-03-01T02:30:00Z")).status).toBe("PENDING");
  });

  it("is PENDING until the deadline and MISSING after, when nothing arrives", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10 * 86_400_000, max: 10 * 86_400_000 }), (offset) => {
        const now = new Date(monthly.dueAt.getTime() + offset);
        expect(classify(monthly, undefined, now).status).toBe(offset <= 0 ? "PENDING" : "MISSING");
      }),
    );
  });

  it("a delivered verdict depends only on where the delivery falls against the window", () => {
    fc.assert(
      fc.property(fc.integer({ min: -20 * 86_400_000, max: 20 * 86_400_000 }), (offset) => {
        const delivered = new Date(monthly.opensAt.getTime() + offset);
        const { status } = classify(monthly, delivered, at("2030-01-01T00:00:00Z"));
        const expected: ComplianceStatus =
          delivered < monthly.opensAt ? "EARLY" : delivered <= monthly.dueAt ? "ON_TIME" : "LATE";
        expect(status).toBe(expected);
      }),
    );
  });
});

describe("pickDelivery", () => {
  it("prefers the first delivery within or after the window opening", () => {
    const early = at("2024-02-20T00:00:00Z");
    const inWindow = at("2024-03-01T00:00:00Z");
    const again = at("2024-03-02T00:00:00Z");
    expect(pickDelivery(monthly, [again, early, inWindow])).toEqual(inWindow);
    expect(pickDelivery(monthly, [early])).toEqual(early);
    expect(pickDelivery(monthly, [])).toBeUndefined();
    expect(pickDelivery(urgent, [at("2024-03-01T11:00:00Z"), at("2024-03-01T09:00:00Z")])).toEqual(
      at("2024-03-01T09:00:00Z"),
    );
  });
});

describe("summarize", () => {
  it("counts statuses and rates on-time over decided items", () => {
    const s = summarize([
      { status: "ON_TIME" },
      { status: "ON_TIME" },
      { status: "LATE" },
      { status: "MISSING" },
      { status: "EARLY" },
      { status: "PENDING" },
    ]);
    expect(s).toEqual({
      total: 6,
      counts: { ON_TIME: 2, LATE: 1, MISSING: 1, PENDING: 1, EARLY: 1 },
      assessed: 5,
      onTimeRate: 0.4,
    });
    expect(summarize([{ status: "PENDING" }]).onTimeRate).toBeNull();
    expect(summarize([]).onTimeRate).toBeNull();
  });

  it("keeps the rate within 0..1 and the counts adding up", () => {
    const statusArb = fc.constantFrom<ComplianceStatus>("ON_TIME", "LATE", "MISSING", "PENDING", "EARLY");
    fc.assert(
      fc.property(fc.array(fc.record({ status: statusArb })), (items) => {
        const s = summarize(items);
        expect(Object.values(s.counts).reduce((a, b) => a + b, 0)).toBe(items.length);
        if (s.onTimeRate !== null) {
          expect(s.onTimeRate).toBeGreaterThanOrEqual(0);
          expect(s.onTimeRate).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});

describe("escalationLevel", () => {
  it("escalates to the superior level the moment an item is overdue", () => {
    expect(escalationLevel(daily, at("2024-03-01T04:00:00Z"), 5)).toBeNull();
    expect(escalationLevel(daily, at("2024-03-01T04:00:01Z"), 5)).toBe(4);
    expect(escalationLevel(daily, at("2024-03-01T04:00:01Z"), 2)).toBe(1);
    expect(escalationLevel(daily, at("2024-03-01T04:00:01Z"), 1)).toBe(1);
  });

  it("stops once delivered, even late; an early-only monthly report still escalates", () => {
    expect(escalationLevel(daily, at("2024-03-01T06:00:00Z"), 4, at("2024-03-01T05:00:00Z"))).toBeNull();
    expect(escalationLevel(monthly, at("2024-03-06T00:00:00Z"), 3, at("2024-02-20T00:00:00Z"))).toBe(2);
    expect(escalationLevel(monthly, at("2024-03-01T00:00:00Z"), 3, at("2024-02-20T00:00:00Z"))).toBeNull();
  });

  it("rejects a level outside 1..5", () => {
    expect(() => escalationLevel(daily, at("2024-03-02T00:00:00Z"), 6 as InteractionLevel)).toThrow(AppError);
  });
});
