import { describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import {
  DEFAULT_EXCHANGE_RULES,
  EXCHANGE_CLASS_IDS,
  EXCHANGE_CLAUSE_PATTERN,
  type ExchangeClassRule,
  exchangeRuleAt,
  exchangeRulesSchema,
  parseExchangeRules,
  type Topic,
  topicPayloadSchema,
} from "./classes.js";

const rule = (id: string): ExchangeClassRule => {
  const found = DEFAULT_EXCHANGE_RULES.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
};
const topic = (id: string, code: string): Topic => {
  const found = rule(id).topics.find((t) => t.code === code);
  if (!found) throw new Error(`no topic ${code}`);
  return found;
};

/** Parses a modified JSON copy of the shipped rules and returns the blamed field. */
function blame(change: (rules: ExchangeClassRule[]) => unknown): string | undefined {
  try {
    parseExchangeRules(change(JSON.parse(JSON.stringify(DEFAULT_EXCHANGE_RULES))));
  } catch (error) {
    if (error instanceof AppError) return error.field;
    throw error;
  }
  return undefined;
}

describe("shipped exchange rules", () => {
  it("cover the five classes of X p.5 in order and pass the schema, as JSON too", () => {
    expect(DEFAULT_EXCHANGE_RULES.map((r) => r.id)).toEqual([...EXCHANGE_CLASS_IDS]);
    expect(exchangeRulesSchema.safeParse(DEFAULT_EXCHANGE_RULES).success).toBe(true);
    expect(parseExchangeRules(JSON.parse(JSON.stringify(DEFAULT_EXCHANGE_RULES)))).toEqual(
      DEFAULT_EXCHANGE_RULES,
    );
  });

  it("cite X p.5.1..5 from the instruction's registration, in three real languages", () => {
    DEFAULT_EXCHANGE_RULES.forEach((r, i) => {
      expect(r.clause).toBe(`X p.5.${i + 1}`);
      expect(r.clause).toMatch(EXCHANGE_CLAUSE_PATTERN);
      expect(r.effectiveFrom).toBe("2002-05-22");
      for (const text of [r.name, r.explanation, ...r.topics.map((t) => t.label)]) {
        expect(text.kk).toMatch(/[а-яәіңғүұқөһ]/i);
        expect(text.ru).toMatch(/[а-яё]/i);
        expect(text.kk).not.toBe(text.ru);
        expect(text.en).toMatch(/[a-z]/i);
      }
    });
  });

  it("keep the law's deadlines", () => {
    expect(rule("URGENT")).toMatchObject({
      delivery: "ORAL_THEN_WRITTEN",
      timing: { confirmWithinMinutes: 120 },
    });
    expect(rule("DAILY")).toMatchObject({ delivery: "ORAL", timing: { opensAt: "07:00", dueAt: "09:00" } });
    expect(rule("MONTHLY")).toMatchObject({
      delivery: "WRITTEN",
      timing: { opensOnDay: 28, dueOnDayOfNextMonth: 5 },
    });
    expect(rule("ADVANCE")).toMatchObject({ delivery: "WRITTEN", timing: { leadMinutes: 0 } });
    expect(rule("SEMI_ANNUAL")).toMatchObject({ delivery: "WRITTEN" });
  });

  it("give the illegal-migrant and expulsion templates the fields the law lists", () => {
    expect(topic("URGENT", "ILLEGAL_MIGRANTS").fields.map((f) => f.name)).toEqual([
      "persons",
      "detection",
      "destinationState",
      "route",
      "declaredPurpose",
      "checkpoint",
      "crossing",
      "documentsObtained",
      "measuresTaken",
    ]);
    expect(topic("ADVANCE", "EXPULSION").fields.map((f) => f.name)).toEqual([
      "status",
      "place",
      "date",
      "time",
      "personCount",
    ]);
    expect(topic("ADVANCE", "ADMIN_OFFENCE_HANDOVER")).toMatchObject({ onePerMessage: true });
    expect(rule("URGENT").topics).toHaveLength(9);
    expect(rule("MONTHLY").topics).toHaveLength(5);
  });
});

describe("parseExchangeRules", () => {
  it("names the offending path", () => {
    expect(
      blame((rules) => {
        const daily = rules[1];
        if (daily?.id === "DAILY") daily.timing = { opensAt: "09:00", dueAt: "07:00" };
        return rules;
      }),
    ).toBe("1.timing.dueAt");
    expect(blame((rules) => [...rules, rules[0]])).toBe("5.version");
    expect(blame((rules) => rules.map((r) => ({ ...r, clause: "p.5" })))).toBe("0.clause");
    expect(blame((rules) => rules.map((r, i) => (i === 2 ? { ...r, colour: "red" } : r)))).toBe("2.colour");
    expect(
      blame((rules) =>
        rules.map((r, i) =>
          i === 2 && r.id === "MONTHLY" ? { ...r, timing: { opensOnDay: 30, dueOnDayOfNextMonth: 5 } } : r,
        ),
      ),
    ).toBe("2.timing.opensOnDay");
    expect(blame((rules) => rules)).toBeUndefined();
  });

  it("requires options on choice fields only", () => {
    expect(
      blame((rules) => {
        const field = rules[4]?.topics[0]?.fields[0];
        if (field) delete field.options;
        return rules;
      }),
    ).toBe("4.topics.0.fields.0.options");
  });
});

describe("exchangeRuleAt", () => {
  it("picks the latest version in force on the date", () => {
    const daily = rule("DAILY");
    const v2 = { ...daily, version: 2, effectiveFrom: "2030-01-01" };
    expect(exchangeRuleAt([...DEFAULT_EXCHANGE_RULES, v2], "DAILY", "2029-12-31")?.version).toBe(1);
    expect(exchangeRuleAt([...DEFAULT_EXCHANGE_RULES, v2], "DAILY", "2030-01-01")?.version).toBe(2);
    expect(exchangeRuleAt(DEFAULT_EXCHANGE_RULES, "DAILY", "2002-05-21")).toBeUndefined();
  });
});

describe("topicPayloadSchema", () => {
  const migrants = topicPayloadSchema(topic("URGENT", "ILLEGAL_MIGRANTS"));
  const valid = {
    persons: [
      { fullName: "Иванов Иван", birthDate: "1990-01-02", citizenship: "UZ", documentNumber: "AA123" },
    ],
    detection: "DETAINED",
    destinationState: "RU",
    route: "Tashkent — Almaty — Moscow",
    declaredPurpose: "work",
    checkpoint: "KPP-Zhibek-Zholy",
    crossing: "GROUP",
    measuresTaken: "handed over to the migration police",
  };

  it("accepts a complete message and rejects missing or malformed fields", () => {
    expect(migrants.safeParse(valid).success).toBe(true);
    const { route: _route, ...withoutRoute } = valid;
    expect(migrants.safeParse(withoutRoute).success).toBe(false);
    expect(migrants.safeParse({ ...valid, crossing: "CROWD" }).success).toBe(false);
    expect(migrants.safeParse({ ...valid, destinationState: "Russia" }).success).toBe(false);
    expect(migrants.safeParse({ ...valid, extra: 1 }).success).toBe(false);
  });

  it("allows one person per handover message", () => {
    const handover = topicPayloadSchema(topic("ADVANCE", "ADMIN_OFFENCE_HANDOVER"));
    const message = {
      persons: [{ fullName: "A B" }],
      checkpoint: "KPP-1",
      detainedAt: "2024-05-01T10:00:00+05:00",
      handedTo: "Zharkent district IAB",
      offence: "art. 510",
    };
    expect(handover.safeParse(message).success).toBe(true);
    expect(
      handover.safeParse({ ...message, persons: [{ fullName: "A B" }, { fullName: "C D" }] }).success,
    ).toBe(false);
  });
});
