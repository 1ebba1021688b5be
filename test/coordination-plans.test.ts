import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionCookieFor, startTestApp, type TestApp } from "./support/app.js";
import { DB_KINDS } from "./support/db.js";
import { pdfText, squeeze } from "./support/pdf.js";

const content = {
  title: "Test plan",
  summary: "",
  directions: ["INFO_SUPPORT", "REGIME"],
  variants: [{ key: "V1", situation: "Mass arrival", actions: { IAB: "a", NSC: "b", CUSTOMS: "c" } }],
  tasks: [
    { key: "T1", text: "Daily exchange", direction: "INFO_SUPPORT", owner: "NSC", dueDate: "2026-12-01" },
  ],
};

describe.each(DB_KINDS)("interaction plans API on %s", (kind) => {
  let t: TestApp;
  const c: Record<string, string> = {};
  let triadId: string;
  const call = (method: "GET" | "POST", url: string, who: string, payload?: object, lang = "en") =>
    t.app.inject({
      method,
      url,
      headers: { cookie: c[who] ?? "", "accept-language": lang },
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    t = await startTestApp(kind);
    for (const login of [
      "head",
      "nschead",
      "customshead",
      "regionhead",
      "nscchief",
      "customschief",
      "officer",
      "uigur",
      "nsc",
      "citizen",
    ]) {
      c[login] = await sessionCookieFor(t, login);
    }
    const rows = await t.deps.database.ownerQuery(
      "SELECT triad_id FROM units WHERE code = 'DEMO-NSC-KHORGOS'",
    );
    triadId = String(rows[0]?.triad_id);
  });
  afterAll(() => t?.stop());

  it("lets only a head of the triad's units start a plan, due one month after the order", async () => {
    const body = { triadId, orderRef: "Order 1", orderDate: "2026-10-31", content };
    expect((await call("POST", "/api/v1/plans", "officer", body)).statusCode).toBe(403);
    const foreign = await call("POST", "/api/v1/plans", "regionhead", body);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe("PLAN_NOT_A_PARTY_HEAD");
    expect(foreign.json().error.clause).toBe("X p.3.1, X p.6");
    const bad = await call(
      "POST",
      "/api/v1/plans",
      "head",
      { ...body, content: { ...content, directions: ["NOPE"] } },
      "ru",
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/Неверные данные/);
    const created = await call("POST", "/api/v1/plans", "head", body);
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({
      triadNameKk: "Қорғас үштігі (демо)",
      triadNameRu: "Тройка «Коргас» (демо)",
      triadNameEn: "Khorgos triad (demo)",
      dueDate: "2026-11-30",
      dueClause: "X order p.2",
      status: "DRAFT",
      version: 1,
      overdue: false,
    });
  });

  it("runs agree → submit → approval by each party's higher instance, with versions and a diff", async () => {
    const created = (
      await call("POST", "/api/v1/plans", "nschead", {
        triadId,
        orderRef: "Order 2",
        orderDate: "2026-11-20",
        content,
      })
    ).json();
    const id = created.id as string;
    // Another district's officer does not even see it.
    expect((await call("GET", `/api/v1/plans/${id}`, "uigur")).statusCode).toBe(404);
    expect((await call("GET", `/api/v1/plans/${id}`, "officer")).statusCode).toBe(200);

    for (const who of ["head", "nschead"]) {
      expect((await call("POST", `/api/v1/plans/${id}/agree`, who, { expectedVersion: 1 })).statusCode).toBe(
        200,
      );
    }
    const early = await call("POST", `/api/v1/plans/${id}/submit`, "head", { expectedVersion: 1 });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe("PLAN_AGREEMENTS_MISSING");

    // Customs refines the text: a new version, agreements cleared, the diff names the change.
    const v2 = await call("POST", `/api/v1/plans/${id}/versions`, "customshead", {
      expectedVersion: 1,
      note: "customs lanes",
      content: {
        ...content,
        tasks: [
          ...content.tasks,
          { key: "T2", text: "Lanes", direction: "REGIME", owner: "CUSTOMS", dueDate: "2026-12-10" },
        ],
      },
    });
    expect(v2.statusCode, v2.body).toBe(200);
    expect(v2.json()).toMatchObject({ version: 2, agreedBy: [] });
    const stale = await call("POST", `/api/v1/plans/${id}/agree`, "head", { expectedVersion: 1 });
    expect(stale.statusCode).toBe(409);
    const diff = (await call("GET", `/api/v1/plans/${id}/diff?from=1&to=2`, "officer")).json();
    expect(diff).toEqual([expect.objectContaining({ kind: "added", path: "tasks.T2" })]);

    for (const who of ["head", "nschead", "customshead"]) {
      expect((await call("POST", `/api/v1/plans/${id}/agree`, who, { expectedVersion: 2 })).statusCode).toBe(
        200,
      );
    }
    expect(
      (await call("POST", `/api/v1/plans/${id}/submit`, "customshead", { expectedVersion: 2 })).json().status,
    ).toBe("SUBMITTED");

    // A head of the same level holds plans.approve but is no higher instance.
    const self = await call("POST", `/api/v1/plans/${id}/approve`, "head", { expectedVersion: 2 });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe("PLAN_NOT_HIGHER_INSTANCE");
    expect(
      (await call("POST", `/api/v1/plans/${id}/approve`, "nsc", { expectedVersion: 2 })).statusCode,
    ).toBe(403);
    const noReason = await call("POST", `/api/v1/plans/${id}/return`, "regionhead", { expectedVersion: 2 });
    expect(noReason.statusCode).toBe(400);

    expect(
      (await call("POST", `/api/v1/plans/${id}/approve`, "regionhead", { expectedVersion: 2 })).json(),
    ).toMatchObject({
      status: "SUBMITTED",
      approvedBy: ["IAB"],
    });
    await call("POST", `/api/v1/plans/${id}/approve`, "nscchief", { expectedVersion: 2 });
    const approved = (
      await call("POST", `/api/v1/plans/${id}/approve`, "customschief", { expectedVersion: 2 })
    ).json();
    expect(approved).toMatchObject({ status: "APPROVED", approvedVersion: 2 });
    expect(approved.events.map((e: { action: string; party: string }) => `${e.action}:${e.party}`)).toEqual([
      "CREATE:NSC",
      "AGREE:IAB",
      "AGREE:NSC",
      "EDIT:CUSTOMS",
      "AGREE:IAB",
      "AGREE:NSC",
      "AGREE:CUSTOMS",
      "SUBMIT:CUSTOMS",
      "APPROVE:IAB",
      "APPROVE:NSC",
      "APPROVE:CUSTOMS",
    ]);

    // The task's owner reports progress; another party's officer cannot.
    expect(
      (await call("POST", `/api/v1/plans/${id}/tasks/T1/progress`, "officer", { status: "DONE" })).statusCode,
    ).toBe(403);
    const done = (
      await call("POST", `/api/v1/plans/${id}/tasks/T1/progress`, "nsc", { status: "DONE", note: "ok" })
    ).json();
    expect(done.tasks.find((x: { key: string }) => x.key === "T1")).toMatchObject({
      status: "DONE",
      overdue: false,
    });

    const audit = await t.deps.database.ownerQuery(
      "SELECT action FROM audit_log WHERE object_type = 'plan' AND object_id = $1 ORDER BY id",
      [id],
    );
    expect(audit.map((r) => r.action)).toEqual([
      "plan.create",
      "plan.agree",
      "plan.agree",
      "plan.edit",
      "plan.agree",
      "plan.agree",
      "plan.agree",
      "plan.submit",
      "plan.approve",
      "plan.approve",
      "plan.approve",
      "plan.task_progress",
    ]);

    const pdf = await call("GET", `/api/v1/plans/${id}/pdf?lang=kk`, "officer");
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    // The history in words and in the reader's local time with its zone, not codes and UTC.
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain(squeeze("v1 келісілді, Қорғас шекара отряды (демо)"));
    expect(text).toMatch(/\d{4}-\d{2}-\d{2}\d{2}:\d{2}\(Asia\/Almaty\)—v2бекітілді/);
    expect(text).not.toMatch(/AGREE|APPROVE|CUSTOMS|UTC/);
    expect((await call("GET", `/api/v1/plans/${id}/pdf`, "uigur")).statusCode).toBe(404);
  });

  it("lists only the plans of the actor's triads; the demo plan is labelled demo", async () => {
    const mine = (await call("GET", "/api/v1/plans", "officer")).json() as {
      isDemo: boolean;
      title: string;
    }[];
    expect(mine.some((p) => p.isDemo && p.title.includes("демо"))).toBe(true);
    expect((await call("GET", "/api/v1/plans", "uigur")).json()).toEqual([]);
    expect((await call("GET", "/api/v1/plans", "citizen")).statusCode).toBe(403);
  });
});
