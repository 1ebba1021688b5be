import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fieldMessage, reasonAtField } from "./field-message.js";

describe("a refusal's message at its field", () => {
  it("drops the field's code the message starts with", () => {
    expect(reasonAtField("body.nameKk: тым қысқа (кемінде 2)", "body.nameKk")).toBe("тым қысқа (кемінде 2)");
    expect(reasonAtField("timeZone: unknown IANA time zone Asia/X", "timeZone")).toBe(
      "unknown IANA time zone Asia/X",
    );
  });

  it("keeps a message about another field, or about none, as it is", () => {
    expect(reasonAtField("body.nameRu: too short (at least 2)", "body.nameKk")).toBe(
      "body.nameRu: too short (at least 2)",
    );
    expect(reasonAtField("You are not allowed to do this.", undefined)).toBe(
      "You are not allowed to do this.",
    );
    expect(reasonAtField(": x", "")).toBe(": x");
  });

  it("gives back the reason of any message written by fieldMessage", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), (field, reason) => {
        expect(reasonAtField(fieldMessage(field, reason), field)).toBe(reason);
      }),
    );
  });
});
