import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { permissionsOf } from "../src/core/access/roles.js";
import { DEMO_PASSWORD } from "../src/core/demo.js";
import { endAllSessions, tokenHash } from "../src/services/auth/session.service.js";
import { createApiToken } from "../src/services/auth/tokens.service.js";
import { createUser } from "../src/services/users.service.js";
import { startTestApp, type TestApp } from "./support/app.js";
import { DB_KINDS } from "./support/db.js";

const meta = { address: undefined, requestId: "test" };

describe.each(DB_KINDS)("own sessions and API tokens on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
    for (const login of ["sessions1", "tokens1", "tokens2"]) {
      await createUser(t.deps, null, meta, {
        login,
        password: DEMO_PASSWORD,
        fullName: `Test ${login}`,
        unitCode: "DEMO-IAB-PANFILOV",
        roles: ["officer"],
      });
    }
  });
  afterAll(() => t?.stop());

  const signIn = async (login: string, userAgent = "test-agent") => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { login, password: DEMO_PASSWORD },
      headers: { "user-agent": userAgent },
    });
    const value = response.cookies.find((c) => c.name === "shekara_session")?.value ?? "";
    return { cookie: `shekara_session=${value}`, token: value };
  };
  const get = (url: string, headers: Record<string, string>) => t.app.inject({ url, headers });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it("lists my sessions with a public id that is not the stored key, and ends one", async () => {
    const a = await signIn("sessions1", "browser-a");
    t.clock.advance(60_000);
    const b = await signIn("sessions1", "browser-b");
    const list = await get("/api/v1/account/sessions", { cookie: a.cookie });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; current: boolean; userAgent: string; address: string }[];
    expect(items).toHaveLength(2);
    expect(items.map((s) => s.userAgent)).toEqual(["browser-b", "browser-a"]);
    expect(items.find((s) => s.current)?.userAgent).toBe("browser-a");
    expect(items[0]?.address).toBe("127.0.0.1");
    for (const s of items) {
      expect(s.id).toMatch(/^[0-9a-f]{16}$/);
      expect(tokenHash(a.token).includes(s.id) || tokenHash(b.token).includes(s.id)).toBe(false);
    }
    const other = items.find((s) => !s.current);
    const ended = await t.app.inject({
      method: "DELETE",
      url: `/api/v1/account/sessions/${other?.id}`,
      headers: { cookie: a.cookie },
    });
    expect(ended.statusCode).toBe(204);
    expect((await get("/api/v1/auth/me", { cookie: b.cookie })).statusCode).toBe(401);
    expect((await get("/api/v1/auth/me", { cookie: a.cookie })).statusCode).toBe(200);
    const audit = await t.deps.database.ownerQuery(
      "SELECT details FROM audit_log WHERE action = 'session.end'",
    );
    expect(audit).toHaveLength(1);
  });

  it("does not end another user's session or an unknown id (404), and validates the id (400)", async () => {
    const mine = await signIn("sessions1");
    const theirs = await signIn("tokens1");
    const theirId = (await get("/api/v1/account/sessions", { cookie: theirs.cookie })).json().items[0].id;
    const refused = await t.app.inject({
      method: "DELETE",
      url: `/api/v1/account/sessions/${theirId}`,
      headers: { cookie: mine.cookie, "accept-language": "en" },
    });
    expect(refused.statusCode).toBe(404);
    expect((await get("/api/v1/auth/me", { cookie: theirs.cookie })).statusCode).toBe(200);
    const bad = await t.app.inject({
      method: "DELETE",
      url: "/api/v1/account/sessions/not-an-id",
      headers: { cookie: mine.cookie },
    });
    expect(bad.statusCode).toBe(400);
  });

  it("ends all my other sessions but keeps the current one", async () => {
    const keep = await signIn("sessions1");
    const other = await signIn("sessions1");
    const response = await t.app.inject({
      method: "DELETE",
      url: "/api/v1/account/sessions",
      headers: { cookie: keep.cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().ended).toBeGreaterThanOrEqual(1);
    expect((await get("/api/v1/auth/me", { cookie: other.cookie })).statusCode).toBe(401);
    const list = (await get("/api/v1/account/sessions", { cookie: keep.cookie })).json().items;
    expect(list).toHaveLength(1);
    expect(list[0].current).toBe(true);
  });

  it("endAllSessions ends every session of a user at once (for disabling users)", async () => {
    const a = await signIn("tokens2");
    const b = await signIn("tokens2");
    const users = await t.deps.database.ownerQuery("SELECT id FROM users WHERE login = 'tokens2'");
    const userId = String(users[0]?.id);
    const ended = await t.deps.database.tx({ unitPaths: [], all: true }, (tx) =>
      endAllSessions(tx, userId, t.clock.now()),
    );
    expect(ended).toBe(2);
    expect((await get("/api/v1/auth/me", { cookie: a.cookie })).statusCode).toBe(401);
    expect((await get("/api/v1/auth/me", { cookie: b.cookie })).statusCode).toBe(401);
  });

  it("creates an API token shown once, with the user's permissions as scopes, that authenticates", async () => {
    const { cookie } = await signIn("tokens1");
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/account/tokens",
      headers: { cookie },
      payload: { name: "exchange system", expiresInDays: 30 },
    });
    expect(created.statusCode).toBe(201);
    const body = created.json() as { id: string; token: string; scopes: string[]; expiresAt: string };
    expect(body.token).toMatch(/^shk_[A-Za-z0-9_-]{43}$/);
    expect(body.scopes).toEqual([...permissionsOf(["officer"])].sort());
    expect(body.expiresAt).toBe(new Date(t.clock.now().getTime() + 30 * 86_400_000).toISOString());
    const stored = await t.deps.database.ownerQuery("SELECT token_hash FROM api_tokens WHERE id = $1", [
      body.id,
    ]);
    expect(stored[0]?.token_hash).toBe(tokenHash(body.token));

    const me = await get("/api/v1/auth/me", bearer(body.token));
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ login: "tokens1", roles: ["officer"] });
    expect((await get("/api/v1/units", bearer(body.token))).statusCode).toBe(200);

    const list = await get("/api/v1/account/tokens", { cookie });
    expect(list.json().items).toHaveLength(1);
    expect(JSON.stringify(list.json())).not.toContain(body.token);
    const audit = await t.deps.database.ownerQuery(
      "SELECT action FROM audit_log WHERE object_type = 'api_token' AND object_id = $1",
      [body.id],
    );
    expect(audit.map((row) => row.action)).toEqual(["api_token.create"]);
  });

  it("records last use at most once a minute", async () => {
    const token = await createApiToken(t.deps, null, meta, { login: "tokens1", name: "usage" });
    const lastUsed = async () =>
      (await t.deps.database.ownerQuery("SELECT last_used_at FROM api_tokens WHERE id = $1", [token.id]))[0]
        ?.last_used_at as Date | null;
    await get("/api/v1/auth/me", bearer(token.token));
    const first = await lastUsed();
    expect(first?.getTime()).toBe(t.clock.now().getTime());
    t.clock.advance(30_000);
    await get("/api/v1/auth/me", bearer(token.token));
    expect((await lastUsed())?.getTime()).toBe(first?.getTime());
    t.clock.advance(31_000);
    await get("/api/v1/auth/me", bearer(token.token));
    expect((await lastUsed())?.getTime()).toBe(t.clock.now().getTime());
  });

  it("refuses wrong, revoked and expired tokens with 401 TOKEN_INVALID", async () => {
    const wrong = await get("/api/v1/auth/me", {
      ...bearer("shk_not-a-real-token"),
      "accept-language": "ru",
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe("TOKEN_INVALID");
    expect(wrong.json().error.message).toBe("API-токен недействителен, истёк или отозван.");
    expect((await get("/api/v1/auth/me", { authorization: "Basic abc" })).json().error.code).toBe(
      "TOKEN_INVALID",
    );
    // Public routes still answer to a caller with a bad token.
    expect((await get("/api/v1/meta", bearer("shk_nope"))).statusCode).toBe(200);

    const { cookie } = await signIn("tokens1");
    const created = (
      await t.app.inject({
        method: "POST",
        url: "/api/v1/account/tokens",
        headers: { cookie },
        payload: { name: "to revoke" },
      })
    ).json() as { id: string; token: string };
    expect((await get("/api/v1/auth/me", bearer(created.token))).statusCode).toBe(200);
    const revoked = await t.app.inject({
      method: "DELETE",
      url: `/api/v1/account/tokens/${created.id}`,
      headers: { cookie },
    });
    expect(revoked.statusCode).toBe(204);
    expect((await get("/api/v1/auth/me", bearer(created.token))).json().error.code).toBe("TOKEN_INVALID");

    const short = await createApiToken(t.deps, null, meta, {
      login: "tokens1",
      name: "short",
      expiresInDays: 1,
    });
    expect((await get("/api/v1/auth/me", bearer(short.token))).statusCode).toBe(200);
    t.clock.advance(86_400_000 + 1000);
    expect((await get("/api/v1/auth/me", bearer(short.token))).json().error.code).toBe("TOKEN_INVALID");
  });

  it("refuses managing credentials with a token, other users' tokens, and tokens of disabled users", async () => {
    const own = await createApiToken(t.deps, null, meta, { login: "tokens1", name: "automation" });
    const viaToken = await t.app.inject({
      method: "POST",
      url: "/api/v1/account/tokens",
      headers: { ...bearer(own.token), "accept-language": "en" },
      payload: { name: "more" },
    });
    expect(viaToken.statusCode).toBe(403);
    expect(viaToken.json().error.code).toBe("SESSION_REQUIRED");

    const { cookie } = await signIn("sessions1");
    const foreign = await t.app.inject({
      method: "DELETE",
      url: `/api/v1/account/tokens/${own.id}`,
      headers: { cookie },
    });
    expect(foreign.statusCode).toBe(404);
    const invalid = await t.app.inject({
      method: "POST",
      url: "/api/v1/account/tokens",
      headers: { cookie },
      payload: { name: "x", expiresInDays: 400 },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.field).toBe("body.expiresInDays");

    await t.deps.database.ownerQuery("UPDATE users SET disabled_at = now() WHERE login = 'tokens1'");
    expect((await get("/api/v1/auth/me", bearer(own.token))).json().error.code).toBe("TOKEN_INVALID");
  });

  it("creates tokens for the CLI by login and refuses unknown logins", async () => {
    const created = await createApiToken(
      t.deps,
      null,
      { address: "cli", requestId: undefined },
      {
        login: "sessions1",
        name: "cli",
        expiresInDays: 7,
      },
    );
    expect(created.token.startsWith("shk_")).toBe(true);
    await expect(createApiToken(t.deps, null, meta, { login: "nobody", name: "x" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      createApiToken(t.deps, null, meta, { login: "sessions1", name: "x", expiresInDays: 0 }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });
});
