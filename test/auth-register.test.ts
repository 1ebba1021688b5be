import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { iinCheckDigit } from "../src/core/iin.js";
import { startTestApp, type TestApp } from "./support/app.js";
import { DB_KINDS } from "./support/db.js";

/** A valid IIN built from 11 digits (the check digit computed). */
function iinFrom(first11: string): string {
  const check = iinCheckDigit(first11);
  if (check === null) throw new Error(`no check digit for ${first11}`);
  return `${first11}${check}`;
}

const PASSWORD = "citizen-pass-2026";

describe.each(DB_KINDS)("citizen registration on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t?.stop());

  let address = 0;
  // Each test comes from its own address so the per-address limits of one do not touch another.
  const post = (url: string, payload: unknown, lang = "en", from = `10.9.0.${address}`) =>
    t.app.inject({
      method: "POST",
      url,
      payload: payload as object,
      headers: { "accept-language": lang },
      remoteAddress: from,
    });
  const register = (body: Record<string, unknown>, lang = "en") =>
    post(
      "/api/v1/account/register",
      { password: PASSWORD, locale: "en", fullName: "Test Citizen", ...body },
      lang,
    );
  const outboxCode = async (recipient: string) => {
    const outbox = await t.app.inject({ url: "/api/v1/dev/outbox" });
    expect(outbox.statusCode).toBe(200);
    const message = (outbox.json().items as { recipient: string; body: string }[]).find(
      (m) => m.recipient === recipient,
    );
    return /\b(\d{6})\b/.exec(message?.body ?? "")?.[1] ?? "";
  };
  const login = (loginName: string) => post("/api/v1/auth/login", { login: loginName, password: PASSWORD });

  it("registers with e-mail, cannot sign in before confirming, confirms with the code, then signs in", async () => {
    address += 1;
    const iin = iinFrom("90010130001");
    const created = await register({ email: "Aigul@Example.kz", iin, locale: "kk" });
    expect(created.statusCode).toBe(202);
    expect(created.json()).toEqual({ channel: "email", destination: "aigul@example.kz" });

    const early = await login("aigul@example.kz");
    expect(early.statusCode).toBe(403);
    expect(early.json().error.code).toBe("ACCOUNT_NOT_CONFIRMED");
    // The wrong password still says only "wrong login or password".
    const guess = await post("/api/v1/auth/login", { login: "aigul@example.kz", password: "nope-nope-nope" });
    expect(guess.json().error.code).toBe("INVALID_CREDENTIALS");

    const outbox = (await t.app.inject({ url: "/api/v1/dev/outbox" })).json().items;
    expect(outbox[0]).toMatchObject({ channel: "email", recipient: "aigul@example.kz", lang: "kk" });
    expect(outbox[0].subject).toBe("Shekara: растау коды");
    const code = await outboxCode("aigul@example.kz");
    expect(code).toMatch(/^\d{6}$/);

    const wrong = await post(
      "/api/v1/account/confirm",
      {
        destination: "aigul@example.kz",
        code: String((Number(code) + 1) % 1_000_000).padStart(6, "0"),
      },
      "ru",
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe("CONFIRMATION_CODE_INVALID");
    expect(wrong.json().error.message).toBe("Код подтверждения неверен или истёк.");

    const ok = await post("/api/v1/account/confirm", { destination: "AIGUL@example.kz", code });
    expect(ok.statusCode).toBe(204);
    const signedIn = await login("aigul@example.kz");
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toMatchObject({ roles: ["citizen"], fullName: "Test Citizen", locale: "kk" });

    // The code is single-use, and the address is now taken.
    expect(
      (await post("/api/v1/account/confirm", { destination: "aigul@example.kz", code })).statusCode,
    ).toBe(400);
    const again = await register({ email: "aigul@example.kz", iin: iinFrom("90010130002") });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.field).toBe("body.email");

    const audit = await t.deps.database.ownerQuery(
      "SELECT action FROM audit_log WHERE action LIKE 'account.%' ORDER BY id",
    );
    expect(audit.map((r) => r.action)).toEqual([
      "account.register",
      "account.confirm_failed",
      "account.confirm",
    ]);
    const stored = await t.deps.database.ownerQuery(
      "SELECT code_hash FROM verification_codes WHERE purpose = 'register'",
    );
    expect(JSON.stringify(stored)).not.toContain(code);
  });

  it("registers with a phone (8 7XX… becomes +7 7XX…) and sends an SMS", async () => {
    address += 1;
    const created = await register({ phone: "8 (701) 234-56-78", iin: iinFrom("85050540012"), locale: "ru" });
    expect(created.statusCode).toBe(202);
    expect(created.json()).toEqual({ channel: "sms", destination: "+77012345678" });
    const code = await outboxCode("+77012345678");
    expect(
      (await post("/api/v1/account/confirm", { destination: "+7 701 234 56 78", code })).statusCode,
    ).toBe(204);
    expect((await login("+77012345678")).statusCode).toBe(200);
  });

  it("rejects bad input with translated 4xx: IIN checksum, contact, password, unknown fields", async () => {
    address += 1;
    const good = iinFrom("95121230045");
    const badIin = `${good.slice(0, 11)}${(Number(good[11]) + 1) % 10}`;
    const iin = await register({ email: "x1@example.kz", iin: badIin }, "kk");
    expect(iin.statusCode).toBe(400);
    expect(iin.json().error).toMatchObject({ code: "IIN_INVALID", field: "body.iin" });
    expect(iin.json().error.message).toContain("ЖСН");
    expect((await register({ email: "x1@example.kz", iin: "12345" })).json().error.code).toBe("IIN_INVALID");

    const both = await register({ email: "x1@example.kz", phone: "+77010000000", iin: good });
    expect(both.json().error.code).toBe("CONTACT_REQUIRED");
    const neither = await register({ iin: good }, "ru");
    expect(neither.statusCode).toBe(400);
    expect(neither.json().error.message).toContain("Укажите электронную почту или номер телефона");

    const badEmail = await register({ email: "not-an-email", iin: good });
    expect(badEmail.json().error).toMatchObject({ code: "VALIDATION_FAILED", field: "body.email" });
    const badPhone = await register({ phone: "12", iin: good });
    expect(badPhone.json().error.field).toBe("body.phone");
    const short = await post("/api/v1/account/register", {
      fullName: "Test",
      iin: good,
      email: "x2@example.kz",
      password: "short",
      locale: "en",
    });
    expect(short.json().error).toMatchObject({ code: "VALIDATION_FAILED", field: "body.password" });
    expect(short.json().error.message).toContain("at least 10 characters");
    const extra = await register({ email: "x3@example.kz", iin: good, roles: ["system_admin"] });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.field).toBe("body.roles");
    const users = await t.deps.database.ownerQuery(
      "SELECT login FROM users WHERE login LIKE 'x%@example.kz'",
    );
    expect(users).toEqual([]);
  });

  it("refuses a second account with the same IIN, and lets an unconfirmed registration be redone", async () => {
    address += 1;
    const iin = iinFrom("77070770077");
    expect((await register({ email: "first@example.kz", iin })).statusCode).toBe(202);
    const firstCode = await outboxCode("first@example.kz");
    const sameIin = await register({ email: "second@example.kz", iin });
    expect(sameIin.statusCode).toBe(409);
    expect(sameIin.json().error.field).toBe("body.iin");
    // Registering again before confirming replaces the details and retires the old code.
    t.clock.advance(1000);
    expect((await register({ email: "first@example.kz", iin, fullName: "Renamed Citizen" })).statusCode).toBe(
      202,
    );
    const secondCode = await outboxCode("first@example.kz");
    if (firstCode !== secondCode) {
      expect(
        (await post("/api/v1/account/confirm", { destination: "first@example.kz", code: firstCode }))
          .statusCode,
      ).toBe(400);
    }
    expect(
      (await post("/api/v1/account/confirm", { destination: "first@example.kz", code: secondCode }))
        .statusCode,
    ).toBe(204);
    expect((await login("first@example.kz")).json().fullName).toBe("Renamed Citizen");
  });

  it("kills a code after 5 wrong guesses and when it expires", async () => {
    address += 1;
    expect((await register({ email: "guess@example.kz", iin: iinFrom("60060660066") })).statusCode).toBe(202);
    const code = await outboxCode("guess@example.kz");
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    for (let i = 0; i < 5; i += 1) {
      expect(
        (await post("/api/v1/account/confirm", { destination: "guess@example.kz", code: wrong })).statusCode,
      ).toBe(400);
    }
    expect(
      (await post("/api/v1/account/confirm", { destination: "guess@example.kz", code })).statusCode,
    ).toBe(400);

    t.clock.advance(1000);
    expect((await register({ email: "late@example.kz", iin: iinFrom("61060660066") })).statusCode).toBe(202);
    const lateCode = await outboxCode("late@example.kz");
    t.clock.advance(16 * 60_000);
    const late = await post("/api/v1/account/confirm", { destination: "late@example.kz", code: lateCode });
    expect(late.json().error.code).toBe("CONFIRMATION_CODE_INVALID");
  });

  it("throttles confirmation attempts per address with 429", async () => {
    address += 1;
    const from = "10.9.9.9";
    let last = await post(
      "/api/v1/account/confirm",
      { destination: "nobody@example.kz", code: "000000" },
      "en",
      from,
    );
    for (let i = 0; i < 20; i += 1) {
      last = await post(
        "/api/v1/account/confirm",
        { destination: "nobody@example.kz", code: "000000" },
        "en",
        from,
      );
    }
    expect(last.statusCode).toBe(429);
    expect(last.json().error.code).toBe("TOO_MANY_ATTEMPTS");
  });
});

describe("the dev outbox outside demo mode", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp("pglite", { SHEKARA_DEMO: "0" });
  });
  afterAll(() => t?.stop());

  it("does not exist (404)", async () => {
    const response = await t.app.inject({ url: "/api/v1/dev/outbox" });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe("ROUTE_NOT_FOUND");
  });
});
