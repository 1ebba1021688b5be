import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PURPOSES } from "../eligibility/index.js";
import { kazakhAndRussian, registerIdentityDocument, registerPurpose } from "./register-wording.js";

describe("a register line in words (Z-21, App.3)", () => {
  it("names a purpose code in each language", () => {
    expect(registerPurpose("VISIT_RELATIVES").ru).toBe("В гости к родственникам или знакомым");
    expect(kazakhAndRussian(registerPurpose("TEMPORARY_STAY"))).toBe("Уақытша болуға / Временное пребывание");
    for (const purpose of PURPOSES) expect(registerPurpose(purpose).en).not.toBe(purpose);
  });

  it("names the identity document's kind before its series and number", () => {
    expect(registerIdentityDocument("ID_CARD 900000006")).toEqual({
      kk: "Жеке куәлік № 900000006",
      ru: "Удостоверение личности № 900000006",
      en: "Identity card № 900000006",
    });
    expect(registerIdentityDocument("PASSPORT N 1234567").en).toBe("Passport № N 1234567");
    expect(kazakhAndRussian(registerIdentityDocument("PASSPORT N 1234567"))).toBe("Паспорт № N 1234567");
  });

  it("keeps a line written in words as it is", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        fc.pre(!/^[A-Z_]+( |$)/.test(text));
        expect(registerPurpose(text)).toEqual({ kk: text, ru: text, en: text });
        expect(registerIdentityDocument(text)).toEqual({ kk: text, ru: text, en: text });
      }),
    );
    expect(registerPurpose("toString").en).toBe("toString");
    expect(kazakhAndRussian(registerPurpose("уақытша тұру / временное проживание"))).toBe(
      "уақытша тұру / временное проживание",
    );
  });
});
