import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { permissionsOf, ROLE_PERMISSIONS, type Role } from "../src/core/access/roles.js";
import { sessionCookieFor, startTestApp, type TestApp } from "./support/app.js";
import { DB_KINDS } from "./support/db.js";

/** One demo user per role, with the unit subtree their scope covers. */
const ACTORS: { login: string; role: Role }[] = [
  { login: "officer", role: "officer" },
  { login: "head", role: "head" },
  { login: "nsc", role: "nsc_reviewer" },
  { login: "mod", role: "works_approver" },
  { login: "registrar", role: "registrar" },
  { login: "checkpoint", role: "checkpoint_officer" },
  { login: "customs", role: "duty_officer" },
  { login: "analyst", role: "analyst" },
  { login: "unitadmin", role: "unit_admin" },
  { login: "admin", role: "system_admin" },
  { login: "hotel", role: "org_representative" },
  { login: "citizen", role: "citizen" },
];

interface UnitRow {
  id: string;
  path: string;
  code: string;
}

describe.each(DB_KINDS)("authorization matrix on %s", (kind) => {
  let t: TestApp;
  const cookies = new Map<string, string>();
  let unitsAll: UnitRow[];
  let actorPath: Map<string, string | null>;
  const loginIds = new Map<string, string>();
  const rolesOf = new Map<string, Role[]>();
  beforeAll(async () => {
    t = await startTestApp(kind);
    for (const a of ACTORS) cookies.set(a.login, await sessionCookieFor(t, a.login));
    unitsAll = (await t.deps.database.ownerQuery(
      "SELECT id, path::text AS path, code FROM units",
    )) as unknown as UnitRow[];
    const users = await t.deps.database.ownerQuery("SELECT id, login, unit_id, roles FROM users");
    for (const u of users) loginIds.set(String(u.login), String(u.id));
    // A demo user may hold more than one role (nsc is also a duty officer): all of them count.
    for (const u of users) rolesOf.set(String(u.login), u.roles as Role[]);
    actorPath = new Map(
      users.map((u) => [String(u.login), unitsAll.find((x) => x.id === u.unit_id)?.path ?? null]),
    );
  });
  afterAll(() => t?.stop());

  const inScope = (login: string, unitId: string | null | undefined): boolean => {
    if (login === "admin") return true;
    const root = actorPath.get(login);
    const path = unitsAll.find((u) => u.id === unitId)?.path;
    return !!root && !!path && (path === root || path.startsWith(`${root}.`));
  };

  it("gives no role a 2xx on a route whose permission it lacks, and 403 before reading the body", async () => {
    const protectedRoutes = t.app.routeTable.filter((r) => !r.public && r.permission);
    expect(protectedRoutes.length).toBeGreaterThan(10);
    let checked = 0;
    for (const route of protectedRoutes) {
      for (const actor of ACTORS) {
        const allowed = permissionsOf(rolesOf.get(actor.login) ?? [actor.role]).has(
          route.permission as never,
        );
        const url = route.url.replace(/:(\w+)/g, (_m, name: string) =>
          name === "version" ? "1" : "00000000-0000-4000-8000-000000000000",
        );
        const response = await t.app.inject({
          method: route.method as "GET",
          url,
          headers: { cookie: cookies.get(actor.login) ?? "" },
          ...(route.method === "GET" ? {} : { payload: {} }),
        });
        const label = `${actor.role} ${route.method} ${route.url} → ${response.statusCode}`;
        if (!allowed) {
          expect(response.statusCode, label).toBe(403);
        } else {
          expect([401, 403], label).not.toContain(response.statusCode);
        }
        checked += 1;
      }
    }
    expect(checked).toBe(protectedRoutes.length * ACTORS.length);
    // Every route times every role: the count grows with each capability.
  }, 180_000);

  it("lists only records of the caller's subtree", async () => {
    for (const actor of ACTORS) {
      const cookie = cookies.get(actor.login) ?? "";
      if (ROLE_PERMISSIONS[actor.role].permissions.includes("units.read")) {
        const units = (await t.app.inject({ url: "/api/v1/units", headers: { cookie } })).json()
          .items as UnitRow[];
        for (const u of units)
          expect(inScope(actor.login, u.id), `${actor.login} sees unit ${u.code}`).toBe(true);
      }
      if (ROLE_PERMISSIONS[actor.role].permissions.includes("users.read")) {
        const users = (await t.app.inject({ url: "/api/v1/users?limit=200", headers: { cookie } })).json()
          .items as {
          id: string;
          unitId: string | null;
        }[];
        expect(users.length).toBeGreaterThan(0);
        for (const u of users)
          expect(inScope(actor.login, u.unitId), `${actor.login} sees user ${u.id}`).toBe(true);
      }
      if (ROLE_PERMISSIONS[actor.role].permissions.includes("audit.read")) {
        const entries = (await t.app.inject({ url: "/api/v1/audit?limit=500", headers: { cookie } })).json()
          .items as {
          unitId: string | null;
          actorId: string | null;
        }[];
        for (const e of entries) {
          const own = e.actorId !== null && e.actorId === loginIds.get(actor.login);
          expect(own || inScope(actor.login, e.unitId), `${actor.login} sees audit of unit ${e.unitId}`).toBe(
            true,
          );
        }
      }
    }
  });

  it("answers 404, never the record, for another unit's objects by id", async () => {
    const users = await t.deps.database.ownerQuery("SELECT id, login, unit_id FROM users");
    for (const actor of ACTORS) {
      const cookie = cookies.get(actor.login) ?? "";
      const perms = ROLE_PERMISSIONS[actor.role].permissions;
      if (perms.includes("units.read")) {
        for (const unit of unitsAll) {
          const response = await t.app.inject({ url: `/api/v1/units/${unit.id}`, headers: { cookie } });
          expect(response.statusCode, `${actor.login} → unit ${unit.code}`).toBe(
            inScope(actor.login, unit.id) ? 200 : 404,
          );
        }
      }
      if (perms.includes("users.read")) {
        for (const u of users) {
          const response = await t.app.inject({ url: `/api/v1/users/${u.id}`, headers: { cookie } });
          const visible = inScope(actor.login, u.unit_id as string | null) || u.login === actor.login;
          expect(response.statusCode, `${actor.login} → user ${u.login}`).toBe(visible ? 200 : 404);
        }
      }
    }
  });

  it("answers 404 for another unit's applications and their passes", async () => {
    const officer = cookies.get("officer") ?? "";
    const panfilov = unitsAll.find((u) => u.code === "DEMO-IAB-PANFILOV");
    const submitted = await t.app.inject({
      method: "POST",
      url: "/api/v1/applications",
      headers: { cookie: officer },
      payload: {
        unitId: panfilov?.id,
        data: {
          applicant: {
            surname: "Матрица",
            givenName: "Тест",
            birthYear: 1990,
            citizenship: "KZ",
            identityDocument: { kind: "ID_CARD", number: "777" },
          },
          children: [],
          purpose: "TEMPORARY_STAY",
          destinations: ["334853100"],
          departureDate: "2026-12-30",
          stayDays: 5,
        },
      },
    });
    expect(submitted.statusCode).toBe(201);
    const id = submitted.json().id;
    for (const actor of ACTORS) {
      const response = await t.app.inject({
        url: `/api/v1/applications/${id}`,
        headers: { cookie: cookies.get(actor.login) ?? "" },
      });
      const handles = ["applications.intake", "applications.check", "passes.decide"].some((p) =>
        permissionsOf([actor.role]).has(p as never),
      );
      const visible = handles && inScope(actor.login, panfilov?.id);
      expect(response.statusCode, `${actor.login} → application`).toBe(visible ? 200 : 404);
      const list = await t.app.inject({
        url: "/api/v1/applications?queue=all",
        headers: { cookie: cookies.get(actor.login) ?? "" },
      });
      const ids = (list.json().items ?? []).map((a: { id: string }) => a.id);
      expect(ids.includes(id), `${actor.login} lists the application`).toBe(visible);
    }
  });

  it("refuses mass assignment of owner and structure fields", async () => {
    const admin = cookies.get("admin") ?? "";
    const unitadmin = cookies.get("unitadmin") ?? "";
    const panfilov = unitsAll.find((u) => u.code === "DEMO-IAB-PANFILOV");
    const nsc = unitsAll.find((u) => u.code === "DEMO-NSC-KHORGOS");
    for (const field of ["path", "agency", "parentId", "id", "triadId", "createdAt"]) {
      const response = await t.app.inject({
        method: "PATCH",
        url: `/api/v1/units/${panfilov?.id}`,
        headers: { cookie: admin },
        payload: { nameRu: "x y", [field]: "u1" },
      });
      expect(response.statusCode, field).toBe(400);
      expect(response.json().error.field).toBe(`body.${field}`);
    }
    for (const field of ["id", "login", "passwordHash", "createdAt", "isDemo"]) {
      const officerId = loginIds.get("officer");
      const response = await t.app.inject({
        method: "PATCH",
        url: `/api/v1/users/${officerId}`,
        headers: { cookie: unitadmin },
        payload: { fullName: "Жаңа Аты", [field]: "x" },
      });
      expect(response.statusCode, field).toBe(400);
    }
    // A unit administrator may not place a user outside their subtree, nor grant system roles.
    const outside = await t.app.inject({
      method: "POST",
      url: "/api/v1/users",
      headers: { cookie: unitadmin },
      payload: {
        login: "spy1",
        password: "long-enough-pass",
        fullName: "Spy One",
        unitId: nsc?.id,
        roles: ["officer"],
      },
    });
    expect(outside.statusCode).toBe(404);
    const escalate = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/users/${loginIds.get("officer")}`,
      headers: { cookie: unitadmin },
      payload: { roles: ["system_admin"] },
    });
    expect(escalate.statusCode).toBe(403);
    const count = await t.deps.database.ownerQuery(
      "SELECT count(*)::int AS n FROM users WHERE login = 'spy1'",
    );
    expect(count[0]?.n).toBe(0);
  });

  it("ends every session of a disabled user at once", async () => {
    const admin = cookies.get("admin") ?? "";
    const officerCookie = await sessionCookieFor(t, "uigur");
    expect(
      (await t.app.inject({ url: "/api/v1/auth/me", headers: { cookie: officerCookie } })).statusCode,
    ).toBe(200);
    const disabled = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/users/${loginIds.get("uigur")}`,
      headers: { cookie: admin },
      payload: { disabled: true },
    });
    expect(disabled.json().disabled).toBe(true);
    expect(
      (await t.app.inject({ url: "/api/v1/auth/me", headers: { cookie: officerCookie } })).statusCode,
    ).toBe(401);
    const open = await t.deps.database.ownerQuery(
      "SELECT count(*)::int AS n FROM sessions WHERE user_id = $1 AND ended_at IS NULL",
      [loginIds.get("uigur")],
    );
    expect(open[0]?.n).toBe(0);
  });

  it("keeps personal data behind row-level security even for a query without a filter", async () => {
    const { sql } = await import("drizzle-orm");
    const panfilov = unitsAll.find((u) => u.code === "DEMO-IAB-PANFILOV");
    const rows = await t.deps.database.tx({ unitPaths: [panfilov?.path ?? "none"] }, (tx) =>
      tx.execute(sql`SELECT login FROM users`),
    );
    const logins = ((rows as unknown as { rows: { login: string }[] }).rows ?? []).map((r) => r.login).sort();
    expect(logins).toEqual(["duty", "head", "officer"]);
    const none = await t.deps.database.tx({ unitPaths: [] }, (tx) =>
      tx.execute(sql`SELECT count(*)::int AS n FROM users`),
    );
    expect((none as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(0);
  });
});
