import { describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import { parseTravellerFacts, travellerFactsSchema } from "./facts.js";

const valid = {
  citizenship: "KZ",
  ageYears: 40,
  residesInZone: false,
  destination: "395430100",
  departureDate: "2030-06-20",
  purpose: "VISIT_RELATIVES",
};

/** The field named by the AppError a parse throws. */
function fieldOf(input: unknown): string | undefined {
  try {
    parseTravellerFacts(input);
  } catch (error) {
    if (error instanceof AppError) return error.field;
    throw error;
  }
  return undefined;
}

describe("travellerFactsSchema", () => {
  it("accepts the SPEC vocabulary and fills empty lists", () => {
    const facts = parseTravellerFacts(valid);
    expect(facts.status).toEqual([]);
    expect(facts.documents).toEqual([]);
    expect(parseTravellerFacts({ ...valid, destination: undefined, zonePart: "STRIP" }).zonePart).toBe(
      "STRIP",
    );
  });

  it("rejects bad input naming the field", () => {
    expect(fieldOf({ ...valid, citizenship: "MARS" })).toBe("citizenship");
    expect(fieldOf({ ...valid, ageYears: 131 })).toBe("ageYears");
    expect(fieldOf({ ...valid, ageYears: 3.5 })).toBe("ageYears");
    expect(fieldOf({ ...valid, departureDate: "2030-02-30" })).toBe("departureDate");
    expect(fieldOf({ ...valid, departureDate: "20.06.2030" })).toBe("departureDate");
    expect(fieldOf({ ...valid, stayDays: 0 })).toBe("stayDays");
    expect(fieldOf({ ...valid, stayDays: 3661 })).toBe("stayDays");
    expect(fieldOf({ ...valid, purpose: "SHOPPING" })).toBe("purpose");
    expect(fieldOf({ ...valid, status: ["KING"] })).toBe("status.0");
    expect(fieldOf({ ...valid, documents: ["ID_CARD", "NOTE"] })).toBe("documents.1");
    expect(fieldOf({ ...valid, zonePart: "BEACH" })).toBe("zonePart");
    expect(fieldOf({ ...valid, destination: undefined })).toBe("destination");
    expect(fieldOf({ ...valid, destination: "   " })).toBe("destination");
    expect(fieldOf({ ...valid, nickname: "x" })).toBe("nickname");
  });

  it("rejects contradictory facts naming the field", () => {
    expect(fieldOf({ ...valid, purpose: "CONSCRIPT", ageYears: 15 })).toBe("ageYears");
    expect(fieldOf({ ...valid, citizenship: "FOREIGN", status: ["OFFICIAL_ON_NSC_LIST"] })).toBe("status");
    expect(fieldOf({ ...valid, purpose: "RETURN_FROM_ABROAD" })).toBe("residesInZone");
    expect(fieldOf({ ...valid, residesInStrip: true })).toBe("residesInStrip");
  });

  it("throws AppError with the validation code", () => {
    expect(() => parseTravellerFacts(null)).toThrow(AppError);
    expect(travellerFactsSchema.safeParse({ ...valid, purpose: "CONSCRIPT", ageYears: 18 }).success).toBe(
      true,
    );
  });
});
