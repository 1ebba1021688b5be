import { describe, expect, it } from "vitest";
import { RULE_SET_V1 } from "../rules/v1.js";
import { dueReminders, registrationOverdueBefore } from "./reminders.js";

describe("registration overdue (Z p.18)", () => {
  it("counts the rule's days from the first day of validity", () => {
    // 3 days after arrival: a pass valid from the 20th may be registered until the 23rd.
    const overdue = registrationOverdueBefore(RULE_SET_V1, "2026-12-24");
    expect(overdue).toEqual({ validFromBefore: "2026-12-21", clauses: ["Z p.18"] });
    const isOverdue = (validFrom: string, today: string) => {
      const cut = registrationOverdueBefore(RULE_SET_V1, today);
      return cut !== undefined && validFrom < cut.validFromBefore;
    };
    expect(isOverdue("2026-12-20", "2026-12-23")).toBe(false);
    expect(isOverdue("2026-12-20", "2026-12-24")).toBe(true);
    expect(isOverdue("2026-12-21", "2026-12-24")).toBe(false);
  });

  it("agrees with the registration reminder's days", () => {
    const [reminder] = dueReminders(
      { status: "ISSUED", validFrom: "2026-12-20", validUntil: "2027-01-08" },
      "2026-12-20",
      RULE_SET_V1,
    );
    const cut = registrationOverdueBefore(RULE_SET_V1, "2026-12-20");
    expect(reminder?.kind).toBe("REGISTRATION_DUE");
    expect(cut?.validFromBefore).toBe(
      `2026-12-${String(20 - (reminder?.days?.arrival ?? 0)).padStart(2, "0")}`,
    );
  });

  it("is undefined for a rule set without an arrival registration rule", () => {
    const without = { ...RULE_SET_V1, rules: RULE_SET_V1.rules.filter((r) => r.kind !== "REGISTRATION") };
    expect(registrationOverdueBefore(without, "2026-12-24")).toBeUndefined();
  });
});
