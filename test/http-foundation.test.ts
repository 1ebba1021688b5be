import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/app.js";
import { DB_KINDS } from "./support/db.js";

describe.each(DB_KINDS)("HTTP foundation on %s", (kind) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await t.loginAs("admin");
  });
  afterAll(() => t?.stop());

  it("answers liveness and readiness with the migration count", async () => {
    expect((await t.app.inject("/healthz")).json()).toEqual({ status: "ok" });
    const ready = await t.app.inject("/readyz");
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: "ready", database: kind });
  });

  it("publishes a valid OpenAPI 3.1 document", async () => {
    const doc = (await t.app.inject("/openapi.json")).json();
    expect(doc.openapi).toBe("3.1.0");
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(Object.keys(doc.paths)).toContain("/api/v1/units");
  });

  it("answers 401 on every non-public route of the OpenAPI document without credentials", async () => {
    const doc = (await t.app.inject("/openapi.json")).json() as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    let checked = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const isPublic = Array.isArray(op.security) && op.security.length === 0;
        if (isPublic) continue;
        const url = path.replace(/\{[^}]+\}/g, "00000000-0000-4000-8000-000000000000");
        const response = await t.app.inject({ method: method.toUpperCase() as "GET", url, payload: {} });
        expect(response.statusCode, `${method} ${path}`).toBe(401);
        expect(response.json().error.code).toBe("UNAUTHENTICATED");
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(2);
  });

  it("translates errors by Accept-Language, Kazakh by default", async () => {
    const kk = await t.app.inject({ url: "/api/v1/units" });
    const ru = await t.app.inject({ url: "/api/v1/units", headers: { "accept-language": "ru-RU,ru;q=0.9" } });
    const en = await t.app.inject({ url: "/api/v1/units", headers: { "accept-language": "en;q=0.8,de" } });
    expect(kk.json().error.message).toBe("Жүйеге кіру қажет.");
    expect(ru.json().error.message).toBe("Необходимо войти в систему.");
    expect(en.json().error.message).toBe("You need to sign in.");
  });

  it("rejects malformed JSON, wrong types, unknown fields and huge bodies with 4xx, writing nothing", async () => {
    const before = (await t.app.inject({ url: "/api/v1/units", headers: { cookie: admin } })).json().items
      .length;
    const post = (payload: string, lang = "en") =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/units",
        headers: { cookie: admin, "content-type": "application/json", "accept-language": lang },
        payload,
      });
    const malformed = await post("{bad json");
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe("MALFORMED_JSON");

    const wrongType = await post(
      JSON.stringify({ agency: "IAB", code: 5, nameKk: "a", nameRu: "b", timeZone: "UTC" }),
      "ru",
    );
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error).toMatchObject({ code: "VALIDATION_FAILED", field: "body.code" });
    expect(wrongType.json().error.message).toContain("Неверные данные");

    const extra = await post(
      JSON.stringify({ agency: "IAB", code: "X1", nameKk: "a", nameRu: "b", timeZone: "UTC", path: "hack" }),
    );
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.field).toBe("body.path");

    const huge = await post(JSON.stringify({ agency: "IAB", code: "X2", nameKk: "a".repeat(2_000_000) }));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe("BODY_TOO_LARGE");

    const badZone = await post(
      JSON.stringify({ agency: "IAB", code: "X3", nameKk: "a", nameRu: "b", timeZone: "Mars/Olympus" }),
    );
    expect(badZone.statusCode).toBe(400);
    expect(badZone.json().error.field).toBe("timeZone");

    const after = (await t.app.inject({ url: "/api/v1/units", headers: { cookie: admin } })).json().items
      .length;
    expect(after).toBe(before);
  });

  it("creates a unit with its audit entry in the same transaction", async () => {
    const units = (await t.app.inject({ url: "/api/v1/units", headers: { cookie: admin } })).json().items;
    const parent = units.find((u: { code: string }) => u.code === "DEMO-IAB-ALM");
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/units",
      headers: { cookie: admin },
      payload: {
        agency: "IAB",
        parentId: parent.id,
        code: "TEST-IAB-1",
        nameKk: "Сынақ",
        nameRu: "Тест",
        timeZone: "Asia/Almaty",
        level: 3,
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().path.startsWith(`${parent.path}.`)).toBe(true);
    const audit = await t.deps.database.ownerQuery(
      "SELECT action, actor_id FROM audit_log WHERE object_type = 'unit' AND object_id = $1",
      [created.json().id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.action).toBe("unit.create");

    const again = await t.app.inject({
      method: "POST",
      url: "/api/v1/units",
      headers: { cookie: admin, "accept-language": "en" },
      payload: {
        agency: "IAB",
        parentId: parent.id,
        code: "TEST-IAB-1",
        nameKk: "Сынақ",
        nameRu: "Тест",
        timeZone: "Asia/Almaty",
      },
    });
    expect(again.statusCode).toBe(409);
  });

  it("hides units outside the caller's subtree and refuses to create under them", async () => {
    const officer = await t.loginAs("officer");
    const own = (await t.app.inject({ url: "/api/v1/units", headers: { cookie: officer } })).json().items;
    expect(own.map((u: { code: string }) => u.code)).toEqual(["DEMO-IAB-PANFILOV"]);
    const forbidden = await t.app.inject({
      method: "POST",
      url: "/api/v1/units",
      headers: { cookie: officer },
      payload: { agency: "IAB", code: "TEST-NOPE", nameKk: "a", nameRu: "b", timeZone: "Asia/Almaty" },
    });
    expect(forbidden.statusCode).toBe(403);
  });

  it("sets security headers and a request id", async () => {
    const response = await t.app.inject("/healthz");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(response.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers unknown API routes with the error shape and serves the web app elsewhere", async () => {
    const api = await t.app.inject("/api/v1/nope");
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe("ROUTE_NOT_FOUND");
    const page = await t.app.inject({ url: "/some/page", headers: { accept: "text/html" } });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
  });

  it("refuses a wrong password, and a session ends at logout", async () => {
    const bad = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { login: "admin", password: "wrong-password" },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe("INVALID_CREDENTIALS");
    const cookie = await t.loginAs("head");
    expect((await t.app.inject({ url: "/api/v1/auth/me", headers: { cookie } })).json().roles).toEqual([
      "head",
    ]);
    expect(
      (await t.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: { cookie } })).statusCode,
    ).toBe(204);
    expect((await t.app.inject({ url: "/api/v1/auth/me", headers: { cookie } })).statusCode).toBe(401);
  });

  it("expires idle sessions", async () => {
    const cookie = await t.loginAs("officer");
    t.clock.advance(31 * 60_000);
    expect((await t.app.inject({ url: "/api/v1/auth/me", headers: { cookie } })).statusCode).toBe(401);
  });
});
