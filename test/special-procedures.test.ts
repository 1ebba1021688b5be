import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escalateOverdue } from "../src/services/special/foreigners.service.js";
import { sessionCookieFor, startTestApp, type TestApp } from "./support/app.js";
import { DB_KINDS } from "./support/db.js";
import { pdfText } from "./support/pdf.js";

const foreigner = {
  surname: "Wang",
  givenName: "Lei",
  birthDate: "1988-04-02",
  citizenship: "CHN",
  documentKind: "FOREIGN_PASSPORT",
  documentNumber: "E12345678",
  residence: "TEMPORARY_VISITOR",
  destinationKato: "334853100",
  purpose: "Business talks at the Khorgos free economic zone",
  stayFrom: "2026-12-01",
  stayUntil: "2026-12-20",
};

describe.each(DB_KINDS)("special procedures on %s", (kind) => {
  let t: TestApp;
  const c = new Map<string, string>();
  const unit = new Map<string, string>();
  const signInAll = async () => {
    for (const login of ["citizen", "officer", "head", "nsc", "uigur", "hotel", "mod", "border"])
      c.set(login, await sessionCookieFor(t, login));
  };
  beforeAll(async () => {
    t = await startTestApp(kind);
    await signInAll();
    for (const r of await t.deps.database.ownerQuery("SELECT id, code FROM units"))
      unit.set(String(r.code), String(r.id));
  });
  afterAll(() => t?.stop());
  const as = (login: string) => ({ cookie: c.get(login) ?? "" });
  const get = (login: string, url: string) => t.app.inject({ method: "GET", url, headers: as(login) });
  const post = (login: string, url: string, payload: object) =>
    t.app.inject({ method: "POST", url, headers: as(login), payload });
  const versionOf = async (id: string) =>
    Number(
      (await t.deps.database.ownerQuery("SELECT version FROM foreigner_applications WHERE id = $1", [id]))[0]
        ?.version,
    );
  const take = async (login: string, id: string, body: object) =>
    post(login, `/api/v1/foreigners/${id}/steps`, { version: await versionOf(id), ...body });

  let caseId = "";
  it("takes a foreigner's application at the IAB counter, and answers bad input with a translated 400", async () => {
    const bad = await t.app.inject({
      method: "POST",
      url: "/api/v1/foreigners",
      headers: { ...as("officer"), "accept-language": "ru" },
      payload: { ...foreigner, destinationKato: "750000000" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("destinationKato");
    expect(bad.json().error.message).toMatch(/Неверные данные/);
    const citizenOfKz = await post("officer", "/api/v1/foreigners", { ...foreigner, citizenship: "KAZ" });
    expect(citizenOfKz.statusCode).toBe(400);
    const created = await post("officer", "/api/v1/foreigners", foreigner);
    expect(created.statusCode).toBe(201);
    caseId = created.json().id;
    expect(created.json().number).toMatch(/^ПАН-2026-F\d{6}$/);
  });

  it("lets only the handling IAB see it before forwarding; others get 404", async () => {
    expect((await get("officer", `/api/v1/foreigners/${caseId}`)).statusCode).toBe(200);
    expect((await get("uigur", `/api/v1/foreigners/${caseId}`)).statusCode).toBe(404);
    expect((await get("nsc", `/api/v1/foreigners/${caseId}`)).statusCode).toBe(404);
    expect((await get("hotel", `/api/v1/foreigners/${caseId}`)).statusCode).toBe(403);
  });

  it("refuses to issue before the NSC agrees (Z p.17)", async () => {
    const early = await take("head", caseId, { step: "ISSUE" });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.clause).toMatch(/Z p\.17/);
  });

  it("forwards to the NSC with a due date from the rule set, and only that NSC unit agrees", async () => {
    const noUnit = await take("officer", caseId, { step: "FORWARD" });
    expect(noUnit.statusCode).toBe(400);
    const toIab = await take("officer", caseId, { step: "FORWARD", nscUnitId: unit.get("DEMO-IAB-UIGUR") });
    expect(toIab.statusCode).toBe(400);
    const fwd = await take("officer", caseId, { step: "FORWARD", nscUnitId: unit.get("DEMO-NSC-KHORGOS") });
    expect(fwd.statusCode).toBe(200);
    expect(fwd.json().stage).toBe("AT_NSC");
    const seen = await get("nsc", `/api/v1/foreigners/${caseId}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().dueAt).toBe("2026-12-02T06:00:00.000Z");
    expect(seen.json().deadline).toMatchObject({ days: 10, clauses: ["Z p.17"] });
    expect(seen.json().allowedSteps).toEqual(["AGREE", "NSC_REFUSE"]);
    // The IAB officer lacks the permission to agree; the IAB head cannot agree either.
    expect((await take("officer", caseId, { step: "AGREE" })).statusCode).toBe(403);
    expect((await take("head", caseId, { step: "AGREE" })).statusCode).toBe(403);
    const nscList = await get("nsc", "/api/v1/foreigners?stage=AT_NSC");
    expect(nscList.json().items.map((i: { id: string }) => i.id)).toContain(caseId);
  });

  it("issues a permit in its own gapless series after agreement, with PDF and a verifiable code", async () => {
    // Passes already issued this year by the unit do not move the permit series.
    await t.deps.database.ownerQuery(
      "INSERT INTO counters (unit_id, year, kind, last) VALUES ($1, 2026, 'pass', 41) ON CONFLICT (unit_id, year, kind) DO UPDATE SET last = 41",
      [unit.get("DEMO-IAB-PANFILOV")],
    );
    expect((await take("nsc", caseId, { step: "AGREE" })).statusCode).toBe(200);
    const stale = await post("head", `/api/v1/foreigners/${caseId}/steps`, { step: "ISSUE", version: 0 });
    expect(stale.statusCode).toBe(409);
    const issued = await take("head", caseId, { step: "ISSUE" });
    expect(issued.statusCode).toBe(200);
    expect(issued.json().stage).toBe("ISSUED");
    const view = (await get("officer", `/api/v1/foreigners/${caseId}`)).json();
    expect(view.permit.number).toBe("ПАН-Р-2026-000001");
    expect(view.steps.map((s: { step: string }) => s.step)).toEqual(["SUBMIT", "FORWARD", "AGREE", "ISSUE"]);
    const counters = await t.deps.database.ownerQuery(
      "SELECT kind, last FROM counters WHERE unit_id = $1 AND year = 2026 AND kind IN ('pass', 'permit') ORDER BY kind",
      [unit.get("DEMO-IAB-PANFILOV")],
    );
    expect(counters.map((r) => [r.kind, Number(r.last)])).toEqual([
      ["pass", 41],
      ["permit", 1],
    ]);

    const pdf = await get("officer", `/api/v1/permits/${view.permit.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain("ПАН-Р-2026-000001");
    expect(text).toContain("РАЗРЕШЕНИЕНАВЪЕЗД");
    expect(text).toContain("рұқсат");
    expect((await get("uigur", `/api/v1/permits/${view.permit.id}/pdf`)).statusCode).toBe(404);

    const verified = await t.app.inject({
      method: "GET",
      url: `/api/v1/verify/${encodeURIComponent(view.permit.code)}`,
    });
    expect(verified.statusCode).toBe(200);
    // The stay begins on 1 December: genuine, not yet valid on 22 November.
    expect(verified.json()).toMatchObject({
      status: "NOT_YET_VALID",
      document: "permit",
      pass: { n: "ПАН-Р-2026-000001", h: "Wang Lei" },
      current: { status: "ISSUED", validUntil: "2026-12-20" },
    });
    const audit = await t.deps.database.ownerQuery(
      "SELECT action FROM audit_log WHERE object_id = $1 ORDER BY id",
      [caseId],
    );
    const actions = audit.map((r) => r.action);
    for (const a of ["foreigner.submit", "foreigner.forward", "foreigner.agree", "foreigner.issue"])
      expect(actions).toContain(a);
  });

  it("takes an online application from the applicant, and the NSC's refusal leads to a refusal with the reason", async () => {
    const created = await post("citizen", "/api/v1/foreigners", {
      ...foreigner,
      surname: "Stateless",
      givenName: "Person",
      citizenship: "STATELESS",
      documentKind: "STATELESS_CERTIFICATE",
      unitId: unit.get("DEMO-IAB-PANFILOV"),
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const mine = await get("citizen", "/api/v1/foreigners");
    expect(mine.json().items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(
      (await take("officer", id, { step: "FORWARD", nscUnitId: unit.get("DEMO-NSC-KHORGOS") })).statusCode,
    ).toBe(200);
    expect((await take("nsc", id, { step: "NSC_REFUSE" })).statusCode).toBe(400);
    expect(
      (await take("nsc", id, { step: "NSC_REFUSE", reason: "Records check objection" })).statusCode,
    ).toBe(200);
    expect((await take("head", id, { step: "ISSUE" })).statusCode).toBe(409);
    expect(
      (await take("head", id, { step: "REFUSE", reason: "The NSC did not agree (Z p.17)" })).statusCode,
    ).toBe(200);
    const view = (await get("citizen", `/api/v1/foreigners/${id}`)).json();
    expect(view.stage).toBe("REFUSED");
    expect(view.refusalReason).toBe("The NSC did not agree (Z p.17)");
    expect(view.allowedSteps).toEqual([]);
    const notes = await t.deps.database.ownerQuery(
      "SELECT n.body FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.login = 'citizen'",
    );
    expect(notes.some((n) => String(n.body).includes("The NSC did not agree"))).toBe(true);
  });

  it("escalates an unanswered forwarding to the NSC unit's superior once, and flags it to the IAB", async () => {
    const created = await post("officer", "/api/v1/foreigners", { ...foreigner, surname: "Overdue" });
    const id = created.json().id;
    await take("officer", id, { step: "FORWARD", nscUnitId: unit.get("DEMO-NSC-KHORGOS") });
    expect(await escalateOverdue(t.deps)).toBe(0);
    t.clock.advance(10 * 86_400_000);
    expect(await escalateOverdue(t.deps)).toBe(0); // exactly at the due time it is not yet late
    t.clock.advance(1000);
    // Two instances scanning at once escalate it once.
    const counts = await Promise.all([escalateOverdue(t.deps), escalateOverdue(t.deps)]);
    // At most one of them escalates (the server's own minute scan may have been first); the
    // history below shows it happened exactly once.
    expect(counts.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1);
    expect(await escalateOverdue(t.deps)).toBe(0);
    await signInAll();
    const view = (await get("officer", `/api/v1/foreigners/${id}`)).json();
    expect(view).toMatchObject({ overdue: true, escalated: true, stage: "AT_NSC" });
    expect(view.escalatedTo.id).toBe(unit.get("DEMO-NSC-BS"));
    expect(view.steps.map((s: { step: string; clause: string }) => `${s.step} ${s.clause}`)).toContain(
      "ESCALATE Z p.17",
    );
    const steps = await t.deps.database.ownerQuery(
      "SELECT count(*)::int AS n FROM foreigner_steps WHERE application_id = $1 AND step = 'ESCALATE'",
      [id],
    );
    expect(Number(steps[0]?.n)).toBe(1);
    // The NSC can still answer after escalation.
    expect((await take("nsc", id, { step: "AGREE" })).statusCode).toBe(200);
  });

  describe("special works", () => {
    const works = {
      organization: "«Жетісу геодезия» ЖШС",
      contactName: "Серікбаев Ержан",
      kind: "AERIAL_PHOTOGRAPHY",
      inStrip: false,
      places: ["334853100"],
      area: "Қорғас ауылының маңы, 12 км²",
      description: "Аэрофотосъёмка для кадастра",
      periodFrom: "2027-01-10",
      periodUntil: "2027-01-20",
    };

    it("previews the route with its clause for anyone", async () => {
      const r = await t.app.inject({
        method: "GET",
        url: "/api/v1/special-works/route?kind=FILMING&inStrip=false",
      });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ routeId: "WORKS_B", clauses: ["Z p.28 b)"] });
      expect(r.json().bodies[0].units.map((u: { id: string }) => u.id)).toEqual([
        unit.get("DEMO-NSC-BORDER-TROOPS"),
      ]);
    });

    let both = "";
    it("routes works touching the strip to the MoD and the Border troops; one refusal refuses", async () => {
      const created = await post("hotel", "/api/v1/special-works", works);
      expect(created.statusCode).toBe(201);
      both = created.json().id;
      const view = (await get("hotel", `/api/v1/special-works/${both}`)).json();
      // Қорғас lies in the strip, so the strip rule applies although the box was not ticked.
      expect(view).toMatchObject({ inStrip: true, routeId: "WORKS_A_IN_STRIP", outcome: "PENDING" });
      expect(view.routes.map((r: { body: string; role: string }) => `${r.body}:${r.role}`)).toEqual([
        "BORDER_TROOPS:AGREEMENT",
        "MOD:PERMISSION",
      ]);
      expect((await get("mod", `/api/v1/special-works/${both}`)).json().awaiting).toEqual(["MOD"]);
      expect(
        (await post("nsc", `/api/v1/special-works/${both}/decisions`, { decision: "APPROVED" })).statusCode,
      ).toBe(403);
      expect(
        (await post("hotel", `/api/v1/special-works/${both}/decisions`, { decision: "APPROVED" })).statusCode,
      ).toBe(403);
      const pdfEarly = await t.app.inject({
        method: "GET",
        url: `/api/v1/special-works/${both}/pdf`,
        headers: { ...as("hotel"), "accept-language": "en" },
      });
      expect(pdfEarly.statusCode).toBe(409);
      expect(pdfEarly.json().error.message).toBe(
        "The action “Print the permission document” is not allowed in the state “Awaiting decision” (Z p.28).",
      );
      expect(
        (await post("mod", `/api/v1/special-works/${both}/decisions`, { decision: "APPROVED" })).json(),
      ).toEqual({
        outcome: "PENDING",
        body: "MOD",
      });
      const twice = await t.app.inject({
        method: "POST",
        url: `/api/v1/special-works/${both}/decisions`,
        headers: { ...as("mod"), "accept-language": "ru" },
        payload: { decision: "REFUSED", reason: "again" },
      });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().error).toMatchObject({
        message:
          "Действие «Решение: Министерство обороны» недопустимо в состоянии «Согласовано» (Z p.28). Этот орган уже принял решение.",
        details: [{ action: "DECIDE", body: "MOD", state: "APPROVED" }],
      });
      expect(
        (await post("border", `/api/v1/special-works/${both}/decisions`, { decision: "REFUSED" })).statusCode,
      ).toBe(400);
      const refused = await post("border", `/api/v1/special-works/${both}/decisions`, {
        decision: "REFUSED",
        reason: "Engineering barriers under repair",
      });
      expect(refused.json()).toEqual({ outcome: "REFUSED", body: "BORDER_TROOPS" });
      const pdf = await get("hotel", `/api/v1/special-works/${both}/pdf`);
      expect(pdf.statusCode).toBe(200);
      const text = await pdfText(pdf.rawPayload);
      expect(text).toContain("Engineeringbarriersunderrepair");
      expect(text).toContain("ОТКАЗВРАЗРЕШЕНИИ");
    });

    it("routes works outside the strip only to the body of the clause; other bodies get 404", async () => {
      const filming = await post("hotel", "/api/v1/special-works", {
        ...works,
        kind: "FILMING",
        places: ["334820100"],
      });
      const id = filming.json().id;
      expect((await get("mod", `/api/v1/special-works/${id}`)).statusCode).toBe(404);
      expect(
        (await post("mod", `/api/v1/special-works/${id}/decisions`, { decision: "APPROVED" })).statusCode,
      ).toBe(404);
      expect(
        (await get("mod", "/api/v1/special-works")).json().items.map((i: { id: string }) => i.id),
      ).not.toContain(id);
      const ok = await post("border", `/api/v1/special-works/${id}/decisions`, { decision: "APPROVED" });
      expect(ok.json()).toEqual({ outcome: "APPROVED", body: "BORDER_TROOPS" });
      const pdf = await get("border", `/api/v1/special-works/${id}/pdf`);
      expect(await pdfText(pdf.rawPayload)).toContain("РАЗРЕШЕНИЕНАПРОВЕДЕНИЕСПЕЦИАЛЬНЫХРАБОТ");
      const audit = await t.deps.database.ownerQuery(
        "SELECT action FROM audit_log WHERE object_id = $1 ORDER BY id",
        [id],
      );
      expect(audit.map((r) => r.action)).toEqual(
        expect.arrayContaining(["special_works.submit", "special_works.decide", "special_works.pdf"]),
      );
    });

    it("keeps works applications apart by row-level security for other applicants", async () => {
      const list = await get("citizen", "/api/v1/special-works");
      expect(list.statusCode).toBe(200);
      expect(list.json().items).toEqual([]);
      expect((await get("citizen", `/api/v1/special-works/${both}`)).statusCode).toBe(404);
    });
  });
});
