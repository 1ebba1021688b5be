import { DEMO_PASSWORD } from "../src/core/demo.js";
import { DEMO_TOTP_SECRET } from "../src/services/auth/demo-secret.js";
import { totpCode } from "../src/services/auth/totp.js";
import { passCode } from "../src/services/passes/actions.service.js";
import { type Benchmark, figure, load, percentiles, signIn } from "./harness.js";
import { withBenchServer } from "./server.js";

/**
 * `npm run bench -- scale`: fills the database with SHEKARA_SCALE_FACTOR × the national yearly
 * volume of docs/SCALING.md (default 10: 4 million applications, 3.4 million passes and register
 * lines, 40 million audit entries, 300 exchange units with 1.1 million obligations) by set-based
 * INSERTs, and measures the key queries through HTTP — the work queue, the register book of one unit
 * and year, pass verification of a signed code, the all-units compliance dashboard — before (demo
 * data only: the baseline) and after. Meant for PostgreSQL (DATABASE_URL); needs disk for the volume.
 */

const NATIONAL_YEARLY = {
  applications: 400_000,
  passesShare: 0.85,
  auditPerApplication: 10,
  /** Per unit: the daily exchange (X p.5.2), twelve monthly (X p.5.3) and two semi-annual (X p.5.5). */
  obligationsPerUnit: 365 + 12 + 2,
};
/** Exchange units of the national structure (docs/SCALING.md). */
const EXCHANGE_UNITS = 300;
/** The compliance dashboard's default period. */
const DASHBOARD_DAYS = 30;
/** One synthetic pass in fifty is lost, replaced, returned or revoked: verification checks it live. */
const REVOKED_EVERY = 50;
const CHUNK = 200_000;

export const scaleBench: Benchmark = {
  name: "scale",
  description:
    "10× the national yearly volume on one machine; work queue, register book, verification latency",
  defaults: { seconds: 10, concurrency: 10 },
  async run({ durationMs, concurrency, log }) {
    const factor = Number(process.env.SHEKARA_SCALE_FACTOR ?? 10);
    return withBenchServer(concurrency, log, durationMs, async ({ shekara, database, base }) => {
      const totp = (now: Date) => totpCode(DEMO_TOTP_SECRET, now);
      const officer = await signIn(base, "officer", DEMO_PASSWORD, totp);
      const admin = await signIn(base, "admin", DEMO_PASSWORD, totp);
      const units = (await (
        await fetch(`${base}/api/v1/units`, { headers: { cookie: officer } })
      ).json()) as {
        items: { id: string; code: string }[];
      };
      const unitId = units.items.find((u) => u.code === "DEMO-IAB-PANFILOV")?.id ?? "";
      const year = new Date().getUTCFullYear();
      // A genuinely signed code of synthetic pass 1234 (generated below): verification checks the
      // signature, then reads the live record by number, as at a checkpoint.
      const g = 1234;
      const validFrom = new Date(Date.UTC(year, 0, 1 + (g % 365))).toISOString().slice(0, 10);
      const validUntil = new Date(Date.UTC(year, 0, 31 + (g % 365))).toISOString().slice(0, 10);
      const code = passCode(
        shekara.deps,
        { surname: `Скейл${g}`, givenName: "Тест", patronymic: null, birthYear: 1940 + (g % 70) },
        `SC0-${year - 1}-${String(g).padStart(6, "0")}`,
        ["334853100"],
        validFrom,
        validUntil,
      );
      const verifyUrl = `${base}/api/v1/verify/${encodeURIComponent(code)}`;

      const queries = {
        "work queue (officer, all)": async () => {
          const r = await fetch(`${base}/api/v1/applications?queue=all&limit=50`, {
            headers: { cookie: officer },
          });
          if (r.status !== 200) throw new Error(`queue ${r.status}`);
          await r.arrayBuffer();
        },
        "register book (unit, year)": async () => {
          const r = await fetch(`${base}/api/v1/register-book?unitId=${unitId}&year=${year}`, {
            headers: { cookie: officer },
          });
          if (r.status !== 200) throw new Error(`register book ${r.status}`);
          await r.arrayBuffer();
        },
        "pass verification": async () => {
          const r = await fetch(verifyUrl);
          if (r.status !== 200) throw new Error(`verify ${r.status}`);
          const body = (await r.json()) as { status: string };
          if (body.status === "FORGED" || body.status === "MALFORMED")
            throw new Error(`verify ${body.status}`);
        },
        "compliance dashboard (all units, 30 days)": async () => {
          const r = await fetch(`${base}/api/v1/exchange/compliance`, { headers: { cookie: admin } });
          if (r.status !== 200) throw new Error(`compliance ${r.status}`);
          await r.arrayBuffer();
        },
      };
      const measure = async () => {
        const out: Record<string, ReturnType<typeof percentiles> & { perSecond: number }> = {};
        for (const [name, op] of Object.entries(queries)) {
          const result = await load(op, concurrency, durationMs / 3);
          if (result.errors > 0) throw new Error(`${name}: ${String(result.first)}`);
          out[name] = { ...percentiles(result.latencies), perSecond: result.perSecond };
        }
        return out;
      };
      // SHEKARA_SCALE_REMEASURE=1: the database already holds an earlier run's volume (same
      // DATABASE_URL); measure the queries on it again, after a change, without regenerating.
      if (process.env.SHEKARA_SCALE_REMEASURE === "1") {
        const again = await measure();
        return Object.entries(again).flatMap(([name, r]) => [
          figure("scale", `${name} p50 (re-measured)`, r.p50, "ms", r.p50),
          figure("scale", `${name} p95 (re-measured)`, r.p95, "ms", r.p95),
        ]);
      }
      // The exchange: ≈ 100 checkpoints × three services (national structure, not volume: present
      // in both runs), each owing its daily, monthly and semi-annual information (80 % on time,
      // 12 % late). The baseline holds the dashboard's own 30 days; the volume adds the years before.
      await database.ownerQuery(
        `INSERT INTO units (id, agency, path, code, name_kk, name_ru, level)
         SELECT id, (ARRAY['IAB','NSC','CUSTOMS'])[1 + g % 3], text2ltree('scale' || g || '_' || replace(id::text, '-', '')),
                'SCALE-X-' || g, 'Масштаб ' || g, 'Масштаб ' || g, 3
         FROM (SELECT g, gen_random_uuid() AS id FROM generate_series(1, $1::int) g) AS x`,
        [EXCHANGE_UNITS],
      );
      /** Obligations of the exchange units for the days from `newest` to `oldest` days ago. */
      const obligations = (newest: number, oldest: number) =>
        database.ownerQuery(
          `INSERT INTO exchange_obligations (key, unit_id, unit_path, unit_level, class_id, period, opens_at, due_at,
                                             clause, rule_version, early_counts_as_on_time, delivered_at)
           SELECT u.id || ':' || c.class_id || ':' || to_char(d, 'YYYY-MM-DD'), u.id, u.path, u.level, c.class_id,
                  to_char(d, 'YYYY-MM-DD'), d + c.opens, d + c.due, c.clause, 1, false,
                  CASE WHEN h < 80 THEN d + c.opens + interval '10 minutes'
                       WHEN h < 92 THEN d + c.due + interval '30 minutes' END
           FROM units u
           CROSS JOIN generate_series(current_date - $2::int, current_date - $1::int, interval '1 day') AS d
           CROSS JOIN LATERAL (VALUES ('DAILY', interval '2 hours', interval '4 hours', 'X p.5.2', true),
                                      ('MONTHLY', interval '0 hours', interval '8 days', 'X p.5.3', extract(day FROM d) = 28),
                                      ('SEMI_ANNUAL', interval '0 hours', interval '30 days', 'X p.5.5',
                                       to_char(d, 'MM-DD') IN ('06-01', '12-01'))) AS c(class_id, opens, due, clause, applies)
           CROSS JOIN LATERAL (SELECT abs(hashtext(u.id::text || d::text || c.class_id)) % 100 AS h) AS x
           WHERE u.code LIKE 'SCALE-X-%' AND c.applies`,
          [newest, oldest],
        );
      await obligations(1, DASHBOARD_DAYS);
      await database.ownerQuery("ANALYZE");
      log("baseline: demo data and the exchange units' last 30 days …");
      const before = await measure();

      const applications = Math.round(NATIONAL_YEARLY.applications * factor);
      log(
        `generating ${applications.toLocaleString("en")} applications with passes, register lines and audit …`,
      );
      const t0 = performance.now();
      for (let from = 1; from <= applications; from += CHUNK) {
        const to = Math.min(applications, from + CHUNK - 1);
        await database.ownerQuery(
          `WITH u AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg(path ORDER BY id) AS paths, count(*)::int AS n
                      FROM units WHERE agency = 'IAB'),
                by AS (SELECT id FROM users WHERE login = 'officer')
           INSERT INTO applications (number, unit_id, unit_path, entered_by, status, surname, given_name, birth_year,
                                     destination_kato, departure_date, purpose, data, eligibility, created_at, updated_at)
           SELECT 'SCALE-' || g, u.ids[1 + g % u.n], u.paths[1 + g % u.n], by.id,
                  (ARRAY['NEW','CHECKED','APPROVED','ISSUED','ISSUED','ISSUED','REFUSED'])[1 + g % 7],
                  'Скейл' || g, 'Тест', 1940 + g % 70, '334853100', date '${year}-01-01' + (g % 365),
                  'TEMPORARY_STAY', '{}'::jsonb, '{}'::jsonb,
                  now() - (g % 365) * interval '1 day', now()
           FROM generate_series($1::int, $2::int) g, u, by`,
          [from, to],
        );
        await database.ownerQuery(
          `INSERT INTO passes (application_id, unit_id, unit_path, number, year, seq, status, valid_from, valid_until, issued_at, code)
           SELECT a.id, a.unit_id, a.unit_path,
                  -- The pass number form (issuer-year-six digits): one synthetic issuer per million.
                  'SC' || substr(a.number, 7)::int / 1000000 || '-' || (${year} - 1) || '-'
                       || lpad((substr(a.number, 7)::int % 1000000)::text, 6, '0'),
                  ${year} - 1, substr(a.number, 7)::int,
                  CASE WHEN substr(a.number, 7)::int % ${REVOKED_EVERY} = 0
                       THEN (ARRAY['LOST','REPLACED','RETURNED','REVOKED'])[1 + substr(a.number, 7)::int / ${REVOKED_EVERY} % 4]
                       ELSE 'ISSUED' END,
                  a.departure_date, a.departure_date + 30, a.created_at, 'SHK1.synthetic'
           FROM applications a WHERE a.number LIKE 'SCALE-%' AND substr(a.number, 7)::int BETWEEN $1 AND $2
             AND substr(a.number, 7)::int % 100 < ${Math.round(NATIONAL_YEARLY.passesShare * 100)}`,
          [from, to],
        );
        await database.ownerQuery(
          `INSERT INTO register_lines (unit_id, unit_path, year, line_no, pass_id, data, signed_at)
           SELECT p.unit_id, p.unit_path, p.year, p.seq, p.id, '{}'::jsonb, p.issued_at
           FROM passes p WHERE p.number LIKE 'SC%' AND p.seq BETWEEN $1 AND $2`,
          [from, to],
        );
        await database.ownerQuery(
          `INSERT INTO audit_log (at, action, object_type, object_id, details)
           SELECT a.created_at + k * interval '1 minute', 'application.synthetic', 'application', a.id::text, '{}'::jsonb
           FROM applications a, generate_series(1, ${NATIONAL_YEARLY.auditPerApplication}) k
           WHERE a.number LIKE 'SCALE-%' AND substr(a.number, 7)::int BETWEEN $1 AND $2`,
          [from, to],
        );
        log(`  ${to.toLocaleString("en")} / ${applications.toLocaleString("en")}`);
      }
      const days = Math.round(365 * factor);
      log(
        `generating ${(EXCHANGE_UNITS * NATIONAL_YEARLY.obligationsPerUnit * factor).toLocaleString("en")} obligations …`,
      );
      await obligations(DASHBOARD_DAYS + 1, days);
      await database.ownerQuery("ANALYZE");
      const seconds = (performance.now() - t0) / 1000;
      const counts = (
        await database.ownerQuery(
          `SELECT (SELECT count(*) FROM applications)::int AS a, (SELECT count(*) FROM passes)::int AS p,
                  (SELECT count(*) FROM audit_log)::int AS l, (SELECT count(*) FROM exchange_obligations)::int AS o`,
        )
      )[0];
      log(`generated in ${seconds.toFixed(0)} s: ${JSON.stringify(counts)}`);

      log("after: the same queries …");
      const after = await measure();
      const figures = [figure("scale", "applications stored", Number(counts?.a), "rows", Number(counts?.a))];
      for (const name of Object.keys(queries)) {
        const b = before[name];
        const a = after[name];
        if (!a || !b) continue;
        figures.push(figure("scale", `${name} p50`, a.p50, "ms", b.p50));
        figures.push(figure("scale", `${name} p95`, a.p95, "ms", b.p95));
      }
      return figures;
    });
  },
};
