/**
 * Submissions are written in batches (group commit): concurrent applications under one access scope
 * share a transaction. Each must still be whole (row, first action, audit entry), answered only once
 * written, isolated from the others' refusals and failures, and idempotent per key.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/adapters/db/index.js";
import { applicationDataSchema, REFUSAL_REASONS } from "../src/core/passes/index.js";
import { actorFromSession } from "../src/services/auth/session.service.js";
import { submitApplication } from "../src/services/passes/submit.service.js";
import { sessionCookieFor, startTestApp, type TestApp } from "./support/app.js";
import { DB_KINDS } from "./support/db.js";
import { countTransactions } from "./support/transactions.js";

const application = (surname: string, document: string) => ({
  applicant: {
    surname,
    givenName: "Дәулет",
    birthYear: 1990,
    citizenship: "KZ",
    identityDocument: { kind: "ID_CARD", number: document },
  },
  children: [],
  purpose: "VISIT_RELATIVES",
  destinations: ["334853100"],
  departureDate: "2026-12-20",
  stayDays: 10,
});

/** Counts the transactions the database adapter opens (its own, and hot-path calls) while `fn` runs. */
async function countingTransactions<T>(database: Database, fn: () => Promise<T>): Promise<[T, number]> {
  const counter = countTransactions(database);
  try {
    return [await fn(), counter.count()];
  } finally {
    counter.restore();
  }
}

describe.each(DB_KINDS)("batched submissions on %s", (kind) => {
  let t: TestApp;
  let officer: string;
  let citizen: string;
  let panfilov: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    officer = await sessionCookieFor(t, "officer");
    citizen = await sessionCookieFor(t, "citizen");
    panfilov = String(
      (await t.deps.database.ownerQuery("SELECT id FROM units WHERE code = 'DEMO-IAB-PANFILOV'"))[0]?.id,
    );
  });
  afterAll(() => t?.stop());

  const submit = (cookie: string, data: object, key?: string, unitId?: string) =>
    t.app.inject({
      method: "POST",
      url: "/api/v1/applications",
      headers: { cookie, ...(key ? { "idempotency-key": key } : {}) },
      payload: { data, ...(unitId ? { unitId } : {}) },
    });

  it("writes concurrent submissions together, each with its row, first action and audit entry", async () => {
    // Straight to the service: 30 submissions arrive in one tick, as under load.
    const actor = await actorFromSession(t.deps, officer.slice("shekara_session=".length));
    if (!actor) throw new Error("no officer session");
    const meta = { address: "127.0.0.1", requestId: undefined };
    const [results, transactions] = await countingTransactions(t.deps.database, () =>
      Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          submitApplication(t.deps, actor, meta, {
            data: applicationDataSchema.parse(application(`Топтама${i}`, `B${100000 + i}`)),
            idempotencyKey: `batch-key-${i}`,
            lang: "kk",
          }),
        ),
      ),
    );
    expect(results.every((r) => r.created)).toBe(true);
    // A read and a write each without batching (60). Here one statement a batch, the first going
    // alone and the rest together, and the zone data's revision and the destination's entry, read
    // once for all (4 seen; two reads a batch made it 6).
    expect(transactions).toBeLessThanOrEqual(5);
    const ids = results.map((r) => r.id);
    expect(new Set(ids).size).toBe(30);
    // Time-ordered ids (UUID v7) of the clock's instant: the rows land at the indexes' right edge.
    const instant = t.deps.clock.now().getTime().toString(16).padStart(12, "0");
    for (const id of ids) expect(`${id.slice(0, 8)}${id.slice(9, 13)}|${id[14]}`).toBe(`${instant}|7`);
    const rows = await t.deps.database.ownerQuery(
      `SELECT a.id, a.number, a.status,
         (SELECT count(*)::int FROM application_actions x WHERE x.application_id = a.id AND x.seq = 1) AS actions,
         (SELECT count(*)::int FROM audit_log l
           WHERE l.object_id = a.id::text AND l.action = 'application.submit') AS audits
       FROM applications a WHERE a.id = ANY($1::uuid[])`,
      [ids],
    );
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((r) => r.number)).size).toBe(30);
    for (const row of rows) expect(row).toMatchObject({ status: "SUBMITTED", actions: 1, audits: 1 });
    // Each first action records its own application as submitted (the batch sends it once, with the row).
    const firsts = await t.deps.database.ownerQuery(
      `SELECT x.payload->'applicant'->>'surname' AS surname, x.payload = a.data AS same
       FROM application_actions x JOIN applications a ON a.id = x.application_id
       WHERE x.seq = 1 AND a.id = ANY($1::uuid[]) ORDER BY a.surname`,
      [ids],
    );
    expect(firsts).toHaveLength(30);
    expect(firsts.every((r) => r.same === true)).toBe(true);
    expect(new Set(firsts.map((r) => r.surname))).toEqual(new Set(ids.map((_, i) => `Топтама${i}`)));
    // Each answer is the case as written, as a read shows it.
    const one = results[7];
    const read = await t.app.inject({ url: `/api/v1/applications/${one?.id}`, headers: { cookie: officer } });
    expect(read.json()).toMatchObject({ id: one?.id, number: one?.view?.row.number, status: "SUBMITTED" });
  });

  it("answers every retry of one Idempotency-Key with the first application, even in one batch", async () => {
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => submit(officer, application("Қайталау", "R777777"), "same-key-0001")),
    );
    const created = responses.filter((r) => r.statusCode === 201);
    expect(created).toHaveLength(1);
    expect(responses.every((r) => r.statusCode === 201 || r.statusCode === 200)).toBe(true);
    expect(new Set(responses.map((r) => r.json().id)).size).toBe(1);
    const rows = await t.deps.database.ownerQuery(
      "SELECT count(*)::int AS n FROM applications WHERE idempotency_key = 'same-key-0001'",
    );
    expect(rows[0]?.n).toBe(1);
  });

  it("answers a retry with the first application even when the retry alone would now be refused", async () => {
    const first = await submit(officer, application("Кейінгі", "R888888"), "late-retry-0001");
    expect(first.statusCode).toBe(201);
    // The same key with a departure that has passed (refused by the lead-time rule, Z p.7), as a
    // retry sent after the day moved on would be: the first application, not a refusal.
    const late = { ...application("Кейінгі", "R888888"), departureDate: "2026-11-25" };
    const retry = await submit(officer, late, "late-retry-0001");
    expect(retry.statusCode).toBe(200);
    expect(retry.json().id).toBe(first.json().id);
    // Without a key it is refused, and nothing is written.
    const alone = await submit(officer, late);
    expect(alone.statusCode).toBe(409);
    const rows = await t.deps.database.ownerQuery(
      "SELECT count(*)::int AS n FROM applications WHERE surname = 'Кейінгі'",
    );
    expect(rows[0]?.n).toBe(1);
  });

  it("refuses one submission of a batch on its own, writing the others", async () => {
    const district = String(
      (await t.deps.database.ownerQuery("SELECT id FROM units WHERE agency <> 'IAB' LIMIT 1"))[0]?.id,
    );
    const responses = await Promise.all([
      ...Array.from({ length: 5 }, (_, i) => submit(officer, application(`Жақсы${i}`, `G${200000 + i}`))),
      submit(officer, application("Басқаорган", "G299999"), undefined, district),
      submit(officer, { ...application("Кешіккен", "G288888"), departureDate: "2026-11-25" }),
    ]);
    expect(responses.slice(0, 5).map((r) => r.statusCode)).toEqual(Array(5).fill(201));
    expect(responses[5]?.statusCode).toBe(400);
    expect(responses[5]?.json().error.field).toBe("unitId");
    expect(responses[6]?.statusCode).toBe(409);
    const refused = responses[6]?.json().error;
    expect(refused).toMatchObject({ code: "ILLEGAL_TRANSITION", clause: "Z p.7" });
    // The reason travels as its code and as a sentence, which the message carries too.
    const reason = refused.details[0];
    expect(reason.reason).toBe("LATE_WITHOUT_REASON");
    expect(Object.values(REFUSAL_REASONS.LATE_WITHOUT_REASON)).toContain(reason.text);
    expect(refused.message).toContain(reason.text);
    const written = await t.deps.database.ownerQuery(
      "SELECT surname FROM applications WHERE surname IN ('Басқаорган', 'Кешіккен')",
    );
    expect(written).toEqual([]);
  });

  it("writes each submission alone when a statement of the batch fails, so only the faulty one fails", async () => {
    // A database-level fault that only one row triggers (the application role cannot create triggers).
    await t.deps.database.ownerQuery(`
      CREATE FUNCTION refuse_faulty() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.surname = 'Ақаулы' THEN RAISE EXCEPTION 'faulty row'; END IF;
        RETURN NEW;
      END $$`);
    await t.deps.database.ownerQuery(
      "CREATE TRIGGER refuse_faulty BEFORE INSERT ON applications FOR EACH ROW EXECUTE FUNCTION refuse_faulty()",
    );
    try {
      const responses = await Promise.all([
        ...Array.from({ length: 6 }, (_, i) => submit(officer, application(`Сау${i}`, `F${300000 + i}`))),
        submit(officer, application("Ақаулы", "F399999")),
        ...Array.from({ length: 6 }, (_, i) => submit(officer, application(`Сау${i + 6}`, `F${300006 + i}`))),
      ]);
      expect(responses.map((r) => r.statusCode)).toEqual([...Array(6).fill(201), 500, ...Array(6).fill(201)]);
      const rows = await t.deps.database.ownerQuery(
        `SELECT a.surname, (SELECT count(*)::int FROM application_actions x WHERE x.application_id = a.id) AS actions
         FROM applications a WHERE a.surname LIKE 'Сау%' OR a.surname = 'Ақаулы'`,
      );
      expect(rows).toHaveLength(12);
      expect(rows.every((r) => r.actions === 1)).toBe(true);
    } finally {
      await t.deps.database.ownerQuery("DROP TRIGGER refuse_faulty ON applications");
      await t.deps.database.ownerQuery("DROP FUNCTION refuse_faulty()");
    }
  });

  it("writes a citizen's and an officer's concurrent submissions, each under its own scope", async () => {
    const [mine, theirs] = await Promise.all([
      submit(citizen, application("Азамат", "C500001"), "citizen-scope-1", panfilov),
      submit(officer, application("Қызметкер", "C500002"), "officer-scope-1"),
    ]);
    expect(mine?.statusCode).toBe(201);
    expect(theirs?.statusCode).toBe(201);
    // The citizen sees their own application and not the officer's.
    const list = (await t.app.inject({ url: "/api/v1/applications", headers: { cookie: citizen } })).json();
    const ids = list.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(mine?.json().id);
    expect(ids).not.toContain(theirs?.json().id);
  });

  it("checks each case's unit in the write: outside the writer's scope it is refused, not written", async () => {
    const [unit] = await t.deps.database.ownerQuery(
      "SELECT id, path::text AS path FROM units WHERE code = 'DEMO-IAB-PANFILOV'",
    );
    const [other] = await t.deps.database.ownerQuery(
      "SELECT path::text AS path FROM units WHERE agency = 'IAB' AND NOT path <@ $1::ltree AND NOT $1::ltree <@ path LIMIT 1",
      [unit?.path],
    );
    const [author] = await t.deps.database.ownerQuery("SELECT id FROM users WHERE login = 'officer'");
    // A case as the write takes it: its own fields, its data, and what only the request knows.
    const row = {
      n: 0,
      id: "00000000-0000-4000-8000-00000000beef",
      unit_id: unit?.id,
      applicant_user_id: null,
      entered_by: author?.id,
      idempotency_key: "scope-test-1",
      status: "SUBMITTED",
      data: application("Рұқсатсыз", "S000001"),
      eligibility: { outcome: "PASS_REQUIRED" },
      flags: [],
      lang: "kk",
      at: "2026-12-05T09:00:00.000Z",
      actor_role: "officer",
      actor_unit_id: unit?.id,
      address: "127.0.0.1",
      request_id: "scope-test",
    };
    const write = (unitPaths: string[]) =>
      t.deps.database.call("shekara_write_submissions", { unitPaths }, [
        JSON.stringify([row]),
        "[]",
        ["SUBMITTED"],
      ]);
    expect(await write([String(other?.path)])).toEqual([
      { id: row.id, outcome: "OUT_OF_SCOPE", number: null, unit_path: null, flags: null },
    ]);
    await expect(
      t.deps.database.ownerQuery("SELECT count(*)::int AS n FROM applications WHERE id = $1", [row.id]),
    ).resolves.toEqual([{ n: 0 }]);
    // The same row under a scope holding its unit is written and numbered in the unit's series, and
    // the application role ends with the statement.
    const [written] = await write([String(unit?.path)]);
    expect(written).toMatchObject({ id: row.id, outcome: "WRITTEN", unit_path: unit?.path, flags: [] });
    expect(written?.number).toMatch(/^ПАН-2026-A\d{6}$/);
    expect(await t.deps.database.ownerQuery("SELECT current_user AS u")).not.toEqual([{ u: "shekara_app" }]);
  });

  it("flags another live application of the same person and document whose trip overlaps", async () => {
    const person = (document: string, departureDate: string, stayDays = 10) => ({
      ...application("Қабаттас", document),
      departureDate,
      stayDays,
    });
    const first = await submit(officer, person("O400001", "2026-12-20"));
    expect(first.json().flags).not.toContain("OVERLAPPING_APPLICATION");
    // Departs on the first trip's last day (20 + 10 days): they overlap.
    const overlapping = await submit(officer, person("O400001", "2026-12-30"));
    // Departs the day after the second trip ends; another document is another person's paper.
    const after = await submit(officer, person("O400001", "2027-01-10", 5));
    const otherDocument = await submit(officer, person("O499999", "2026-12-22"));
    expect(overlapping.json().flags).toContain("OVERLAPPING_APPLICATION");
    expect(after.json().flags).not.toContain("OVERLAPPING_APPLICATION");
    expect(otherDocument.json().flags).not.toContain("OVERLAPPING_APPLICATION");
    // The row, the answer and the audit entry agree, with the number the write gave.
    const [entry] = await t.deps.database.ownerQuery(
      `SELECT l.details, a.number, a.flags FROM audit_log l JOIN applications a ON a.id::text = l.object_id
       WHERE l.action = 'application.submit' AND l.object_id = $1`,
      [overlapping.json().id],
    );
    expect(entry?.flags).toEqual(overlapping.json().flags);
    expect(entry?.number).toBe(overlapping.json().number);
    expect(entry?.details).toEqual({
      number: overlapping.json().number,
      unit: "DEMO-IAB-PANFILOV",
      flags: overlapping.json().flags,
      outcome: overlapping.json().eligibility.outcome,
    });
  });

  it("finds the row's repeated fields, the first action and the audit entry from the case and the request", async () => {
    const data = {
      ...application("Туынды", "D700001"),
      applicant: { ...application("Туынды", "D700001").applicant, patronymic: "Асқарұлы" },
      destinations: ["334853100", "195620100"],
      stayDays: 7,
    };
    const byOfficer = await t.app.inject({
      method: "POST",
      url: "/api/v1/applications",
      headers: { cookie: officer, "x-forwarded-for": "10.1.2.3" },
      payload: { data },
    });
    expect(byOfficer.statusCode).toBe(201);
    // A citizen has no unit of their own: the entry's unit is the author's (none), the case's the IAB.
    const byCitizen = await submit(
      citizen,
      { ...application("Туынды", "D700002"), stayDays: undefined },
      undefined,
      panfilov,
    );
    expect(byCitizen.statusCode).toBe(201);
    const officerActor = await actorFromSession(t.deps, officer.replace(/^shekara_session=/, ""));
    for (const [answer, author, authorUnit] of [
      [byOfficer.json(), officerActor, officerActor?.unitId ?? null],
      [byCitizen.json(), await actorFromSession(t.deps, citizen.replace(/^shekara_session=/, "")), null],
    ] as const) {
      const [row] = await t.deps.database.ownerQuery(
        `SELECT surname, given_name, patronymic, birth_year, destination_kato, departure_date::text AS departure,
                purpose, data, unit_id, entered_by, created_at FROM applications WHERE id = $1`,
        [answer.id],
      );
      const sent = answer.data;
      expect(row).toMatchObject({
        surname: sent.applicant.surname,
        given_name: sent.applicant.givenName,
        patronymic: sent.applicant.patronymic ?? null,
        birth_year: sent.applicant.birthYear,
        destination_kato: sent.destinations[0],
        departure: sent.departureDate,
        purpose: sent.purpose,
        entered_by: author?.userId,
      });
      expect(row?.data).toEqual(sent);
      const actions = await t.deps.database.ownerQuery(
        "SELECT seq, type, at, by_user_id, unit_id, payload FROM application_actions WHERE application_id = $1",
        [answer.id],
      );
      expect(actions).toEqual([
        {
          seq: 1,
          type: "SUBMITTED",
          at: row?.created_at,
          by_user_id: author?.userId,
          unit_id: row?.unit_id,
          payload: sent,
        },
      ]);
      const entries = await t.deps.database.ownerQuery(
        `SELECT at, actor_id, actor_role, unit_id, object_type, address, request_id, details FROM audit_log
         WHERE action = 'application.submit' AND object_id = $1`,
        [answer.id],
      );
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        at: row?.created_at,
        actor_id: author?.userId,
        actor_role: author?.roles.join(","),
        unit_id: authorUnit,
        object_type: "application",
        details: {
          outcome: answer.eligibility.outcome,
          number: answer.number,
          unit: "DEMO-IAB-PANFILOV",
          flags: answer.flags,
        },
      });
      expect(entries[0]?.request_id).toMatch(/\S/);
      expect(entries[0]?.address).toMatch(/\S/);
    }
  });

  it("stores each explanation once and gives it back with the case", async () => {
    const first = await submit(officer, application("Түсіндірме", "E600001"));
    const second = await submit(officer, application("Түсіндірмелі", "E600002"));
    const explanation = first.json().eligibility.explanation;
    expect(explanation.kk.length).toBeGreaterThan(100);
    expect(second.json().eligibility.explanation).toEqual(explanation);
    const stored = await t.deps.database.ownerQuery(
      "SELECT eligibility FROM applications WHERE id = ANY($1::uuid[])",
      [[first.json().id, second.json().id]],
    );
    const ids = stored.map((r) => (r.eligibility as { explanationId?: string }).explanationId);
    expect(ids[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(ids[1]).toBe(ids[0]);
    expect(stored.every((r) => !("explanation" in (r.eligibility as object)))).toBe(true);
    const texts = await t.deps.database.ownerQuery("SELECT kk FROM eligibility_texts WHERE id = $1", [
      ids[0],
    ]);
    expect(texts).toEqual([{ kk: explanation.kk }]);
    const read = await t.app.inject({
      url: `/api/v1/applications/${first.json().id}`,
      headers: { cookie: officer },
    });
    expect(read.json().eligibility).toEqual(first.json().eligibility);
  });
});
