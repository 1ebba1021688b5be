import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError, invalid } from "./errors.js";
import { interpolate, LANGS, pickLang } from "./i18n.js";

describe("pickLang", () => {
  it.each([
    [undefined, "kk"],
    ["", "kk"],
    ["ru", "ru"],
    ["ru-RU,ru;q=0.9,en;q=0.8", "ru"],
    ["de-DE,en;q=0.5", "en"],
    ["en;q=0.2,kk;q=0.9", "kk"],
    ["fr, de", "kk"],
    ["ru;q=0", "kk"],
  ])("%s → %s", (header, lang) => {
    expect(pickLang(header)).toBe(lang);
  });

  it("always answers one of the three languages", () => {
    fc.assert(fc.property(fc.string(), (header) => LANGS.includes(pickLang(header))));
  });
});

describe("errors", () => {
  it("carries a stable code and translated messages with parameters", () => {
    const err = new AppError("BODY_TOO_LARGE", { params: { limit: 1024 } });
    expect(err.kind).toBe("too_large");
    expect(err.messageIn("kk")).toContain("1024");
    expect(err.messageIn("ru")).toBe("Запрос слишком большой (не более 1024 байт).");
    expect(err.message).toBe("The request is too large (at most 1024 bytes).");
  });

  it("translates translated parameters per language", () => {
    const err = invalid("departureDate", {
      kk: "күн өтіп кетті",
      ru: "дата в прошлом",
      en: "date is in the past",
    });
    expect(err.field).toBe("departureDate");
    expect(err.messageIn("ru")).toBe("Неверные данные: дата в прошлом");
    expect(err.messageIn("en")).toBe("Invalid data: date is in the past");
  });

  it("leaves unknown placeholders visible", () => {
    expect(interpolate("{a} and {b}", { a: 1 })).toBe("1 and {b}");
  });
});
