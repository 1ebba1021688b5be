import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "../src/services/auth/session.service.js";
import { caseScreening } from "../src/services/passes/screening.service.js";
import { sessionCookieFor, startTestApp, type TestApp } from "./support/app.js";
import { DB_KINDS } from "./support/db.js";

/** The demo applicant: the demo records hold «Абишев Нурсултан Ганиевич», 1984, for him (demo.ts). */
const application = (birthYear: number, surname = "Әбішұлы") => ({
  applicant: {
    surname,
    givenName: "Нұрсұлтан",
    patronymic: "Ғаниұлы",
    birthYear,
    citizenship: "KZ",
    identityDocument: { kind: "ID_CARD", number: "045612378", issuedOn: "2019-03-14", issuedBy: "ҚР ІІМ" },
    residence: "Алматы қ., Абай к-сі 10",
  },
  children: [],
  purpose: "VISIT_RELATIVES",
  destinations: ["334853100"],
  departureDate: "2026-12-20",
  stayDays: 20,
});

describe.each(DB_KINDS)("records check step of a pass case on %s", (kind) => {
  let t: TestApp;
  const c = new Map<string, string>();
  let adult: string;
  let child: string;
  const as = (login: string) => ({ cookie: c.get(login) ?? "" });
  const submit = async (data: object) => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/v1/applications",
      headers: as("officer"),
      payload: { data },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };
  const screening = (id: string, login = "officer") =>
    t.app.inject({ url: `/api/v1/applications/${id}/screening`, headers: as(login) });
  const count = async (sql: string) => Number((await t.deps.database.ownerQuery(sql))[0]?.n ?? 0);

  beforeAll(async () => {
    t = await startTestApp(kind);
    for (const login of ["officer", "head", "uigur", "citizen", "registrar"])
      c.set(login, await sessionCookieFor(t, login));
    adult = await submit(application(1984));
    child = await submit(application(2015));
  });
  afterAll(() => t?.stop());

  it("shows the applicant's candidates best first, explained in three languages", async () => {
    const response = await screening(adult);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ exempt: false, clause: "Z p.30", dismissed: 0, reviews: [] });
    expect(body.subject).toMatchObject({ name: "Әбішұлы Нұрсұлтан Ғаниұлы", birthDate: "1984" });
    expect(body.candidates.map((x: { recordId: string }) => x.recordId)).toEqual(["DEMO-IAB-0001"]);
    const line = body.candidates[0].explanation[0];
    expect(line).toEqual({
      code: expect.any(String),
      kk: expect.any(String),
      ru: expect.any(String),
      en: expect.any(String),
    });
    // The check is audited by the screening service, naming the candidates raised.
    expect(
      await count(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'screening.check' AND details->'candidates' ? 'DEMO-IAB-0001'",
      ),
    ).toBeGreaterThanOrEqual(1);
  });

  it("does not screen a child under 16 (Z p.30)", async () => {
    const body = (await screening(child)).json();
    expect(body).toMatchObject({ exempt: true, candidates: [], clause: "Z p.30" });
  });

  it("answers other units 404, the applicant and registrars 403, and anonymous 401", async () => {
    expect((await screening(adult, "uigur")).statusCode).toBe(404);
    expect((await screening(adult, "citizen")).statusCode).toBe(403);
    expect((await screening(adult, "registrar")).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/v1/applications/${adult}/screening` })).statusCode).toBe(401);
    expect((await screening("00000000-0000-4000-8000-000000000000")).statusCode).toBe(404);
    expect((await screening("not-a-uuid")).statusCode).toBe(400);
    const review = await t.app.inject({
      method: "POST",
      url: `/api/v1/applications/${adult}/screening/reviews`,
      headers: as("uigur"),
      payload: { recordId: "DEMO-IAB-0001", decision: "DISMISSED", reason: "другой человек" },
    });
    expect(review.statusCode).toBe(404);
    expect(await count("SELECT count(*)::int AS n FROM screening_reviews")).toBe(0);
  });

  it("records reviews from the case and keeps candidates and reviews as the check's evidence", async () => {
    const bad = await t.app.inject({
      method: "POST",
      url: `/api/v1/applications/${adult}/screening/reviews`,
      headers: { ...as("officer"), "accept-language": "ru" },
      payload: { recordId: "DEMO-IAB-0001", decision: "MAYBE", reason: "x" },
    });
    expect(bad.statusCode).toBe(400);
    const confirmed = await t.app.inject({
      method: "POST",
      url: `/api/v1/applications/${adult}/screening/reviews`,
      headers: as("officer"),
      payload: { recordId: "DEMO-IAB-0001", decision: "CONFIRMED", reason: "Туған күні мен құжаты сәйкес" },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    const after = (await screening(adult)).json();
    expect(after.reviews).toEqual([
      expect.objectContaining({ recordId: "DEMO-IAB-0001", decision: "CONFIRMED", id: confirmed.json().id }),
    ]);
    // A confirmed candidate stays on the list; only dismissals hide it.
    expect(after.candidates.map((x: { recordId: string }) => x.recordId)).toEqual(["DEMO-IAB-0001"]);

    const recorded = await t.app.inject({
      method: "POST",
      url: `/api/v1/applications/${adult}/actions`,
      headers: as("officer"),
      payload: {
        type: "CHECK_RECORDED",
        // A client's own "evidence" of screening is replaced by what the server screened.
        payload: {
          result: "CONFIRMED_MATCH",
          evidence: "DEMO-IAB-0001",
          screening: { subjectHash: "x", candidates: [], dismissed: 0, reviews: [] },
        },
      },
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    const action = recorded.json().actions.find((a: { type: string }) => a.type === "CHECK_RECORDED");
    expect(action.payload.screening).toMatchObject({
      subjectHash: after.subjectHash,
      candidates: [{ recordId: "DEMO-IAB-0001", score: after.candidates[0].score }],
      dismissed: 0,
      reviews: [{ id: confirmed.json().id, recordId: "DEMO-IAB-0001", decision: "CONFIRMED" }],
    });
    expect(recorded.json().flags).toContain("CHECK_CONFIRMED_MATCH");
  });

  it("a dismissal from the case hides the candidate and is kept as evidence of a clear check", async () => {
    const other = await submit(application(1984, "Абишев"));
    const before = (await screening(other)).json();
    expect(before.candidates.map((x: { recordId: string }) => x.recordId)).toContain("DEMO-IAB-0001");
    const dismissed = await t.app.inject({
      method: "POST",
      url: `/api/v1/applications/${other}/screening/reviews`,
      headers: as("head"),
      payload: { recordId: "DEMO-IAB-0001", decision: "DISMISSED", reason: "Басқа адам: ЖСН сәйкес емес" },
    });
    expect(dismissed.statusCode, dismissed.body).toBe(201);
    const now = await caseScreening(
      t.deps,
      await officerActor(),
      { address: "test", requestId: undefined },
      other,
    );
    expect(now.candidates.map((x) => x.recordId)).not.toContain("DEMO-IAB-0001");
    expect(now.dismissed).toBe(1);
    const recorded = await t.app.inject({
      method: "POST",
      url: `/api/v1/applications/${other}/actions`,
      headers: as("officer"),
      payload: { type: "CHECK_RECORDED", payload: { result: "CLEAR", evidence: "" } },
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    const action = recorded.json().actions.find((a: { type: string }) => a.type === "CHECK_RECORDED");
    expect(action.payload.screening.dismissed).toBe(1);
    expect(action.payload.screening.reviews).toEqual([
      { id: dismissed.json().id, recordId: "DEMO-IAB-0001", decision: "DISMISSED" },
    ]);
  });

  /** The demo officer as the services see them. */
  async function officerActor() {
    const [row] = await t.deps.database.ownerQuery("SELECT id FROM users WHERE login = 'officer'");
    return t.deps.database.tx({ unitPaths: [], all: true }, (tx) => loadActor(tx, String(row?.id)));
  }
});
