import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sealAudit, verifyAudit } from "../src/services/audit/audit.service.js";
import { sessionCookieFor, startTestApp, type TestApp } from "./support/app.js";
import { DB_KINDS } from "./support/db.js";

describe.each(DB_KINDS)("demo pass cases on %s", (kind) => {
  let t: TestApp;
  const c = new Map<string, string>();
  beforeAll(async () => {
    t = await startTestApp(kind, { SHEKARA_DEMO_CASES: "1" });
    for (const login of ["citizen", "officer", "head"]) c.set(login, await sessionCookieFor(t, login));
  }, 120_000);
  afterAll(() => t?.stop());

  const queue = async (login: string, name: string) => {
    const response = await t.app.inject({
      url: `/api/v1/applications?queue=${name}`,
      headers: { cookie: c.get(login) ?? "" },
    });
    expect(response.statusCode).toBe(200);
    return response.json() as { items: { id: string; status: string; surname: string }[]; clauses: string[] };
  };

  it("fills every work queue of the officer, through the real steps", async () => {
    const count = async (name: string) => (await queue("officer", name)).items.length;
    expect(await count("to_check")).toBe(1);
    expect(await count("to_decide")).toBe(1);
    expect(await count("to_issue")).toBe(1);
    expect(await count("issued")).toBe(3);
    expect(await count("awaiting_return")).toBe(1);
    expect(await count("refused")).toBe(1);
    expect(await count("all")).toBe(7);
    // The pass issued and never registered is past the registration deadline; the registered ones are not.
    const overdue = await queue("officer", "overdue_registration");
    expect(overdue.items.map((i) => [i.surname, i.status])).toEqual([["Жақсыбекова", "ISSUED"]]);
    expect(overdue.clauses).toEqual(["Z p.18"]);
    const labelled = await t.deps.database.ownerQuery(
      "SELECT count(*)::int AS n FROM applications WHERE NOT is_demo",
    );
    expect(labelled[0]?.n).toBe(0);
  });

  it("gives the citizen a pass in use that verifies, and a refusal with its reason", async () => {
    const mine = await queue("citizen", "all");
    expect(mine.items.map((i) => i.status).sort()).toEqual(["REFUSED", "REGISTERED", "SUBMITTED"]);
    const inUse = mine.items.find((i) => i.status === "REGISTERED");
    const view = (
      await t.app.inject({
        url: `/api/v1/applications/${inUse?.id}`,
        headers: { cookie: c.get("citizen") ?? "" },
      })
    ).json() as { passes: { code: string }[] };
    const code = view.passes[0]?.code ?? "";
    const verified = (await t.app.inject(`/api/v1/verify/${encodeURIComponent(code)}`)).json();
    expect(verified.status).toBe("VALID");
    const refusal = await t.deps.database.ownerQuery(
      "SELECT body FROM notifications WHERE body LIKE '%туыстың шақыруы%'",
    );
    expect(refusal.length).toBeGreaterThan(0);
  });

  it("keeps the audit chain whole", async () => {
    while ((await sealAudit(t.deps.database)) > 0);
    expect((await verifyAudit(t.deps.database)).ok).toBe(true);
  });
});
