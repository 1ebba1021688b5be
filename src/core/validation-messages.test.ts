import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "./errors.js";
import { DEFAULT_EXCHANGE_RULES, parseExchangeRules } from "./exchange/classes.js";
import { customMessage, issueDetail } from "./validation-messages.js";

const firstIssue = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error("expected a refusal");
  return parsed.error.issues[0];
};

describe("issueDetail", () => {
  it("gives a custom check's own texts in kk, ru and en, naming the field", () => {
    const schema = z
      .string()
      .refine((v) => v === "ok", customMessage({ kk: "тек ok", ru: "только ok", en: "only ok" }));
    const issue = firstIssue(schema, "no");
    expect(issue?.message).toBe("only ok");
    expect(issueDetail(issue, "word")).toEqual({
      kk: "word: тек ok",
      ru: "word: только ok",
      en: "word: only ok",
    });
  });

  it("explains a standard issue in every language", () => {
    const detail = issueDetail(firstIssue(z.object({ name: z.string().min(3) }), { name: "ab" }), "name");
    expect(detail.ru).toBe("name: слишком короткое (не менее 3)");
    expect(detail.kk).toBe("name: тым қысқа (кемінде 3)");
  });

  it("lists the values allowed, and names the type or format expected, in the reader's language", () => {
    const schema = z.object({ purpose: z.enum(["WORK", "VISIT"]), days: z.number(), at: z.iso.date() });
    const purpose = issueDetail(
      firstIssue(schema, { purpose: "TRIP", days: 1, at: "2026-12-06" }),
      "purpose",
    );
    expect(purpose).toEqual({
      kk: "purpose: рұқсат етілмеген мән (рұқсат етілгені: WORK, VISIT)",
      ru: "purpose: недопустимое значение (допустимо: WORK, VISIT)",
      en: "purpose: value not allowed (one of: WORK, VISIT)",
    });
    const days = issueDetail(firstIssue(schema, { purpose: "WORK", days: "1", at: "2026-12-06" }), "days");
    expect(days.kk).toBe("days: міндетті өріс немесе түрі қате (күтілгені: сан)");
    expect(days.ru).toBe("days: обязательное поле отсутствует или неверного типа (ожидается: число)");
    expect(days.en).toBe("days: missing or of the wrong type (expected number)");
    const at = issueDetail(firstIssue(schema, { purpose: "WORK", days: 1, at: "06.12.2026" }), "at");
    expect(at.ru).toBe("at: неверный формат (дата, ГГГГ-ММ-ДД)");
    expect(at.kk).toBe("at: пішімі қате (күн, ЖЖЖЖ-АА-КК)");
  });

  it("does not list a long enumeration, and leaves a bare pattern unnamed", () => {
    const many = z.enum(Array.from({ length: 13 }, (_, i) => `V${i}`) as [string, ...string[]]);
    expect(issueDetail(firstIssue(many, "X"), "v").en).toBe("v: value not allowed");
    expect(issueDetail(firstIssue(z.string().regex(/^a+$/), "b"), "s").en).toBe("s: wrong format");
  });

  it("keeps a custom check's message when it has no texts of its own", () => {
    const issue = firstIssue(
      z.string().refine(() => false, "plain"),
      "x",
    );
    expect(issueDetail(issue, "f")).toEqual({ kk: "f: plain", ru: "f: plain", en: "f: plain" });
  });

  it("answers exchange rule authors in their language: a duplicate version", () => {
    const first = DEFAULT_EXCHANGE_RULES[0];
    if (!first) throw new Error("no default exchange rules");
    let caught: unknown;
    try {
      parseExchangeRules([...DEFAULT_EXCHANGE_RULES, first]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    const error = caught as AppError;
    const key = `${first.id}@${first.version}`;
    expect(error.messageIn("ru")).toBe(
      `Неверные данные: ${DEFAULT_EXCHANGE_RULES.length}.version: версия повторяется: ${key}`,
    );
    expect(error.messageIn("kk")).toBe(
      `Деректер дұрыс емес: ${DEFAULT_EXCHANGE_RULES.length}.version: нұсқа қайталанады: ${key}`,
    );
  });
});
