import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { compactEligibility, distinctTexts } from "./explanations.js";

const sha = (kk: string, ru: string, en: string) =>
  createHash("sha256").update(`${kk}\u0000${ru}\u0000${en}`).digest("hex");

describe("compactEligibility", () => {
  it("replaces each explanation by the SHA-256 of its three texts, the same on every call", () => {
    const answer = () => ({
      outcome: "PASS_REQUIRED",
      explanation: { kk: ["Өткізу", "керек."].join(" "), ru: "Нужен пропуск.", en: "A pass is needed." },
      fallback: {
        outcome: "NO_PASS_NEEDED",
        explanation: { kk: "Керек емес.", ru: "Не нужен.", en: "Not needed." },
      },
    });
    const first = compactEligibility(answer());
    const again = compactEligibility(answer());
    expect(first.stored).toEqual({
      outcome: "PASS_REQUIRED",
      explanationId: sha("Өткізу керек.", "Нужен пропуск.", "A pass is needed."),
      fallback: { outcome: "NO_PASS_NEEDED", explanationId: sha("Керек емес.", "Не нужен.", "Not needed.") },
    });
    expect(again).toEqual(first);
    expect(first.texts.map((t) => t.id)).toEqual([
      first.stored.explanationId,
      sha("Керек емес.", "Не нужен.", "Not needed."),
    ]);
  });

  it("tells apart explanations that share their Kazakh text but not the others", () => {
    const a = compactEligibility({ explanation: { kk: "Бірдей.", ru: "Первый.", en: "First." } });
    const b = compactEligibility({ explanation: { kk: "Бірдей.", ru: "Второй.", en: "First." } });
    const c = compactEligibility({ explanation: { kk: "Бірдей.", ru: "Первый.", en: "Other." } });
    expect(a.stored.explanationId).toBe(sha("Бірдей.", "Первый.", "First."));
    expect(b.stored.explanationId).toBe(sha("Бірдей.", "Второй.", "First."));
    expect(c.stored.explanationId).toBe(sha("Бірдей.", "Первый.", "Other."));
    expect(distinctTexts([...a.texts, ...b.texts, ...a.texts, ...c.texts])).toHaveLength(3);
  });

  it("keeps an answer without a translated explanation as it is", () => {
    expect(compactEligibility({ outcome: "NO_PASS_NEEDED", explanation: "plain" }).stored).toEqual({
      outcome: "NO_PASS_NEEDED",
      explanation: "plain",
    });
  });
});
