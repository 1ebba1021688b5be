import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/core/demo.js";
import { totpCode, totpStep } from "../src/services/auth/totp.js";
import { DEMO_TOTP_SECRET } from "../src/services/auth/totp.service.js";
import { createUser } from "../src/services/users.service.js";
import { startTestApp, type TestApp } from "./support/app.js";
import { DB_KINDS } from "./support/db.js";

const at = (step: number) => new Date(step * 30_000 + 5_000);
/** A 6-digit code guaranteed different from `code`. */
const otherThan = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

describe.each(DB_KINDS)("sign-in throttling and the second factor on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t?.stop());

  const login = (loginName: string, password: string, address = "10.0.0.1", lang = "en") =>
    t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { login: loginName, password },
      remoteAddress: address,
      headers: { "accept-language": lang },
    });
  const pendingCookie = (response: Awaited<ReturnType<typeof login>>) =>
    `shekara_login=${response.cookies.find((c) => c.name === "shekara_login")?.value ?? ""}`;
  const totp = (cookie: string, code: string, lang = "en") =>
    t.app.inject({
      method: "POST",
      url: "/api/v1/auth/totp",
      headers: { cookie, "accept-language": lang },
      payload: { code },
    });
  const audit = (action: string) =>
    t.deps.database.ownerQuery("SELECT object_id, details FROM audit_log WHERE action = $1", [action]);

  it("throttles failures per account: the 6th attempt in 15 minutes is 429, even with the right password", async () => {
    for (let i = 0; i < 5; i += 1) {
      const bad = await login("customs", "wrong-password", `10.1.0.${i}`);
      expect(bad.statusCode).toBe(401);
    }
    const blocked = await login("customs", DEMO_PASSWORD, "10.1.0.99", "ru");
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe("TOO_MANY_ATTEMPTS");
    expect(blocked.json().error.message).toMatch(/Слишком много попыток\. Повторите через \d+ с\./);
    const rows = await t.deps.database.ownerQuery("SELECT count FROM rate_limits WHERE key = $1", [
      "login:account:customs",
    ]);
    expect(rows[0]?.count).toBe(6);
    t.clock.advance(15 * 60_000);
    expect((await login("customs", DEMO_PASSWORD, "10.1.0.99")).statusCode).toBe(200);
  });

  it("throttles failures per address: 20 per 15 minutes, and a success does not reset the count", async () => {
    const address = "10.2.0.1";
    for (let i = 0; i < 19; i += 1) {
      expect((await login(`ghost-${i}`, "wrong-password", address)).statusCode).toBe(401);
    }
    expect((await login("officer", DEMO_PASSWORD, address)).statusCode).toBe(200);
    expect((await login("ghost-x", "wrong-password", address)).statusCode).toBe(401);
    const blocked = await login("officer", DEMO_PASSWORD, address, "kk");
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.message).toContain("Әрекет тым көп");
    // Another address is not affected.
    expect((await login("officer", DEMO_PASSWORD, "10.2.0.2")).statusCode).toBe(200);
    t.clock.advance(15 * 60_000);
  });

  it("asks heads for a code after the password and signs in with a valid code, audited", async () => {
    const first = await login("head", DEMO_PASSWORD);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ secondFactor: "totp" });
    expect(first.cookies.find((c) => c.name === "shekara_session")).toBeUndefined();
    // The pending cookie alone is not a session.
    expect(
      (await t.app.inject({ url: "/api/v1/auth/me", headers: { cookie: pendingCookie(first) } })).statusCode,
    ).toBe(401);

    const wrong = await totp(
      pendingCookie(first),
      otherThan(totpCode(DEMO_TOTP_SECRET, t.clock.now())),
      "ru",
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ code: "TOTP_CODE_INVALID", field: "body.code" });
    expect(wrong.json().error.message).toContain("Неверный или устаревший код");

    const ok = await totp(pendingCookie(first), totpCode(DEMO_TOTP_SECRET, t.clock.now()));
    expect(ok.statusCode).toBe(200);
    expect(ok.json().roles).toEqual(["head"]);
    const session = ok.cookies.find((c) => c.name === "shekara_session");
    expect(session).toBeDefined();
    // A relative lifetime, not an Expires date: a browser whose clock differs from the server's
    // (the test clock is fixed in the morning) still keeps the fresh session.
    expect(session?.expires).toBeUndefined();
    expect(session?.maxAge).toBeGreaterThan(0);
    const me = await t.app.inject({
      url: "/api/v1/auth/me",
      headers: { cookie: `shekara_session=${session?.value}` },
    });
    expect(me.statusCode).toBe(200);
    // The pending login is spent with the session it produced.
    expect(
      (await totp(pendingCookie(first), totpCode(DEMO_TOTP_SECRET, t.clock.now()))).json().error.code,
    ).toBe("LOGIN_STEP_EXPIRED");
    const logins = await audit("auth.login");
    expect(logins.some((row) => (row.details as { secondFactor?: string }).secondFactor === "totp")).toBe(
      true,
    );
    expect((await audit("auth.totp_failed")).length).toBeGreaterThan(0);
  });

  it("refuses a reused code and a code of an older step", async () => {
    const step = totpStep(t.clock.now());
    const again = await login("head", DEMO_PASSWORD);
    const reused = await totp(pendingCookie(again), totpCode(DEMO_TOTP_SECRET, at(step)));
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error.code).toBe("TOTP_CODE_REUSED");
    const older = await totp(pendingCookie(again), totpCode(DEMO_TOTP_SECRET, at(step - 1)));
    expect(older.json().error.code).toBe("TOTP_CODE_REUSED");
    // The next step's code is still good (within the ±1 window) and then it is spent too.
    const next = await totp(pendingCookie(again), totpCode(DEMO_TOTP_SECRET, at(step + 1)));
    expect(next.statusCode).toBe(200);
  });

  it("refuses codes outside the ±1 step window and an expired pending sign-in", async () => {
    t.clock.advance(15 * 60_000);
    const step = totpStep(t.clock.now());
    const pending = await login("head", DEMO_PASSWORD);
    for (const s of [step - 2, step + 2]) {
      const outside = await totp(pendingCookie(pending), totpCode(DEMO_TOTP_SECRET, at(s)));
      expect(outside.statusCode).toBe(400);
      expect(outside.json().error.code).toBe("TOTP_CODE_INVALID");
    }
    t.clock.advance(6 * 60_000);
    const late = await totp(pendingCookie(pending), totpCode(DEMO_TOTP_SECRET, t.clock.now()));
    expect(late.statusCode).toBe(401);
    expect(late.json().error.code).toBe("LOGIN_STEP_EXPIRED");
    const none = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/totp",
      payload: { code: "123456" },
    });
    expect(none.statusCode).toBe(401);
    const malformed = await totp(pendingCookie(pending), "12ab56");
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.field).toBe("body.code");
  });

  it("throttles wrong codes: after 5 failures even the right code answers 429", async () => {
    t.clock.advance(15 * 60_000);
    const pending = await login("head", DEMO_PASSWORD);
    const right = totpCode(DEMO_TOTP_SECRET, t.clock.now());
    for (let i = 0; i < 5; i += 1) {
      expect((await totp(pendingCookie(pending), otherThan(right))).statusCode).toBe(400);
    }
    const blocked = await totp(pendingCookie(pending), right);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe("TOO_MANY_ATTEMPTS");
    // A new password round does not reset the code counter.
    const again = await login("head", DEMO_PASSWORD);
    expect((await totp(pendingCookie(again), right)).statusCode).toBe(429);
    t.clock.advance(15 * 60_000);
  });

  it("makes an administrator without an authenticator enrol before getting a session", async () => {
    await createUser(
      t.deps,
      null,
      { address: undefined, requestId: "test" },
      {
        login: "unitadmin1",
        password: DEMO_PASSWORD,
        fullName: "Test Unit Admin",
        unitCode: "DEMO-IAB",
        roles: ["unit_admin"],
      },
    );
    const first = await login("unitadmin1", DEMO_PASSWORD);
    expect(first.json()).toMatchObject({ secondFactor: "totp_enrol" });
    const cookie = pendingCookie(first);
    const early = await totp(cookie, "123456");
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe("TOTP_NOT_STARTED");

    const setup = await t.app.inject({ method: "POST", url: "/api/v1/auth/totp/setup", headers: { cookie } });
    expect(setup.statusCode).toBe(200);
    const { secret, uri } = setup.json() as { secret: string; uri: string };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toContain(`secret=${secret}`);
    const done = await totp(cookie, totpCode(secret, t.clock.now()));
    expect(done.statusCode).toBe(200);
    expect(done.json().roles).toEqual(["unit_admin"]);
    expect((await audit("totp.enrol")).length).toBeGreaterThan(0);

    // From now on the code is asked for, and the enrolment cannot be replaced with the password alone.
    t.clock.advance(30_000);
    const next = await login("unitadmin1", DEMO_PASSWORD);
    expect(next.json()).toMatchObject({ secondFactor: "totp" });
    const replace = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/totp/setup",
      headers: { cookie: pendingCookie(next) },
    });
    expect(replace.statusCode).toBe(409);
    expect(replace.json().error.code).toBe("TOTP_ALREADY_ENROLLED");
    expect((await totp(pendingCookie(next), totpCode(secret, t.clock.now()))).statusCode).toBe(200);
  });

  it("lets any user enrol voluntarily from the account page; then their sign-in asks for the code", async () => {
    await createUser(
      t.deps,
      null,
      { address: undefined, requestId: "test" },
      {
        login: "volunteer",
        password: DEMO_PASSWORD,
        fullName: "Test Volunteer",
        unitCode: "DEMO-IAB-PANFILOV",
        roles: ["officer"],
      },
    );
    const first = await login("volunteer", DEMO_PASSWORD);
    expect(first.json().roles).toEqual(["officer"]);
    const cookie = `shekara_session=${first.cookies.find((c) => c.name === "shekara_session")?.value}`;
    const status = await t.app.inject({ url: "/api/v1/account/totp", headers: { cookie } });
    expect(status.json()).toEqual({ enrolled: false, required: false, pending: false });
    const noSetup = await t.app.inject({
      method: "POST",
      url: "/api/v1/account/totp/confirm",
      headers: { cookie },
      payload: { code: "123456" },
    });
    expect(noSetup.json().error.code).toBe("TOTP_NOT_STARTED");
    const setup = await t.app.inject({
      method: "POST",
      url: "/api/v1/account/totp/setup",
      headers: { cookie },
    });
    const { secret } = setup.json() as { secret: string };
    const confirm = (code: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/account/totp/confirm",
        headers: { cookie },
        payload: { code },
      });
    expect((await confirm(otherThan(totpCode(secret, t.clock.now())))).statusCode).toBe(400);
    expect((await confirm(totpCode(secret, t.clock.now()))).statusCode).toBe(204);
    expect((await t.app.inject({ url: "/api/v1/account/totp", headers: { cookie } })).json().enrolled).toBe(
      true,
    );
    const again = await t.app.inject({
      method: "POST",
      url: "/api/v1/account/totp/setup",
      headers: { cookie },
    });
    expect(again.statusCode).toBe(409);
    const next = await login("volunteer", DEMO_PASSWORD);
    expect(next.json()).toMatchObject({ secondFactor: "totp" });
    expect((await audit("totp.setup")).length).toBeGreaterThanOrEqual(2);
  });
});
