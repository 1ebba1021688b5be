import { describe, expect, it } from "vitest";
import { localName, placeName, unitLabel } from "../web/src/useLang.js";

describe("names in the interface language", () => {
  const unit = { nameKk: "Алматы ҚМПБ", nameRu: "ПВО г. Алматы", nameEn: "Almaty PVO" };

  it("gives each language its own name", () => {
    expect(localName(unit, "kk")).toBe("Алматы ҚМПБ");
    expect(localName(unit, "ru")).toBe("ПВО г. Алматы");
    expect(localName(unit, "en")).toBe("Almaty PVO");
  });

  it("falls back to Russian in English where there is no English name", () => {
    const place = { nameKk: "Қорғас ауылы", nameRu: "село Коргас" };
    expect(localName(place, "en")).toBe("село Коргас");
    expect(localName({ ...unit, nameEn: null }, "en")).toBe("ПВО г. Алматы");
    expect(localName({ ...unit, nameEn: "" }, "en")).toBe("ПВО г. Алматы");
  });

  it("names a missing unit with a dash, and a present one as localName does", () => {
    expect(unitLabel(null, "kk")).toBe("—");
    expect(unitLabel(undefined, "en")).toBe("—");
    for (const lang of ["kk", "ru", "en"] as const) expect(unitLabel(unit, lang)).toBe(localName(unit, lang));
  });

  it("writes a settlement in BGN/PCGN Latin on English pages, and as listed in Kazakh and Russian", () => {
    const place = { nameKk: "Жаркент қаласы", nameRu: "город Жаркент" };
    expect(placeName(place, "kk")).toBe("Жаркент қаласы");
    expect(placeName(place, "ru")).toBe("город Жаркент");
    expect(placeName(place, "en")).toBe("Zharkent qalasy");
    expect(placeName({ nameKk: "Қорғас ауылы", nameRu: "село Коргас" }, "en")).toBe("Qorghas auyly");
  });
});
