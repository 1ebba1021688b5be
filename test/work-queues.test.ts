import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionCookieFor, startTestApp, type TestApp } from "./support/app.js";
import { DB_KINDS } from "./support/db.js";

/**
 * Work queues read each unit of the actor's subtree newest first and merge the pages (one short
 * index walk per unit). The pages must be exactly those of one ordered query over the subtree.
 */
describe.each(DB_KINDS)("work queue pages on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
    // 60 cases over every IAB unit, in three statuses, with created_at ties, entered by the officer.
    await t.deps.database.ownerQuery(
      `WITH u AS (SELECT array_agg(id ORDER BY code) AS ids, array_agg(path ORDER BY code) AS paths, count(*)::int AS n
                  FROM units WHERE agency = 'IAB'),
            by AS (SELECT id FROM users WHERE login = 'officer')
       INSERT INTO applications (number, unit_id, unit_path, entered_by, status, surname, given_name, birth_year,
                                 destination_kato, departure_date, purpose, data, eligibility, created_at, updated_at)
       SELECT 'WQ-' || g, u.ids[1 + g % u.n], u.paths[1 + g % u.n], by.id,
              (ARRAY['SUBMITTED','CHECKED','ISSUED'])[1 + g % 3], 'Кезек' || g, 'Тест', 1970, '334853100',
              date '2026-12-20', 'TEMPORARY_STAY', '{}'::jsonb, '{}'::jsonb,
              timestamptz '2026-11-01 00:00:00+00' + (g / 2) * interval '1 hour', now()
       FROM generate_series(1, 60) g, u, by`,
    );
  }, 120_000);
  afterAll(() => t?.stop());

  const expected = async (login: string, statuses: string[] | null) =>
    (
      await t.deps.database.ownerQuery(
        `SELECT a.id FROM applications a, users me JOIN units mu ON mu.id = me.unit_id
         WHERE me.login = $1 AND a.unit_path <@ mu.path AND ($2::text[] IS NULL OR a.status = ANY ($2::text[]))
         ORDER BY a.created_at DESC, a.id`,
        [login, statuses],
      )
    ).map((r) => String(r.id));

  it("pages a subtree's queues in the order of one query over it, for a unit and a region", async () => {
    const queues: [string, string[] | null][] = [
      ["all", null],
      ["to_check", ["SUBMITTED"]],
      ["issued", ["ISSUED", "REGISTERED", "REPLACED"]],
    ];
    for (const login of ["officer", "regionhead"]) {
      const cookie = await sessionCookieFor(t, login);
      for (const [queue, statuses] of queues) {
        const all = await expected(login, statuses);
        expect(all.length, `${login} ${queue}`).toBeGreaterThan(3);
        for (const [offset, limit] of [
          [0, 1],
          [0, 5],
          [3, 4],
          [7, 50],
          [all.length, 10],
        ] as const) {
          const r = await t.app.inject({
            url: `/api/v1/applications?queue=${queue}&limit=${limit}&offset=${offset}`,
            headers: { cookie },
          });
          expect(r.statusCode, r.body).toBe(200);
          const ids = (r.json().items as { id: string }[]).map((i) => i.id);
          expect(ids, `${login} ${queue} ${offset}+${limit}`).toEqual(all.slice(offset, offset + limit));
        }
      }
    }
  });
});
