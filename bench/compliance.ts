import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "../src/adapters/db/index.js";
import { loadConfig } from "../src/config.js";
import { permissionsOf, type Role } from "../src/core/access/roles.js";
import type { Actor } from "../src/services/context.js";
import { complianceDashboard } from "../src/services/exchange/compliance.service.js";
import { pathLabel } from "../src/services/units/units.service.js";
import { type Benchmark, figure, percentiles } from "./harness.js";

/** Units per agency below the root: 9 regions (level 2) of 33 checkpoints (level 3) each. */
const REGIONS = 9;
const POSTS_PER_REGION = 33;
/** Days of daily exchange: with 3 × (1 + 9 + 297) units, 3 years give about a million messages. */
const DAYS = 1_090;
const DASHBOARD_RUNS = 60;

/**
 * The compliance dashboard over a million exchange messages and their obligations: p95 of
 * the dashboard for a 30-day period at a random point of three years, for a region head, an agency
 * analyst and the system administrator — against one sequential scan of the same obligation rows.
 */
export const compliance: Benchmark = {
  name: "compliance",
  description: "exchange compliance dashboard over 1M messages and obligations vs one sequential scan",
  async run({ log }) {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "shekara-bench-compliance-"));
    const config = loadConfig({ ...process.env, SHEKARA_DATA_DIR: work, LOG_LEVEL: "silent" });
    const database = await openDatabase(config);
    try {
      await database.migrate();
      log(`database: ${database.kind}`);
      // Units: per agency a root (level 1), regions (level 2) and checkpoints (level 3), one triad per position.
      const units: { id: string; agency: string; path: string; level: number; triad: string }[] = [];
      const triadIds = new Map<string, string>();
      const triad = (key: string, level: number) => {
        let id = triadIds.get(key);
        if (!id) {
          id = randomUUID();
          triadIds.set(key, id);
          pendingTriads.push({ id, level });
        }
        return id;
      };
      const pendingTriads: { id: string; level: number }[] = [];
      for (const agency of ["IAB", "NSC", "CUSTOMS"]) {
        const root = randomUUID();
        units.push({ id: root, agency, path: pathLabel(root), level: 1, triad: triad("root", 1) });
        for (let r = 0; r < REGIONS; r++) {
          const region = randomUUID();
          const regionPath = `${pathLabel(root)}.${pathLabel(region)}`;
          units.push({ id: region, agency, path: regionPath, level: 2, triad: triad(`r${r}`, 2) });
          for (let p = 0; p < POSTS_PER_REGION; p++) {
            const post = randomUUID();
            units.push({
              id: post,
              agency,
              path: `${regionPath}.${pathLabel(post)}`,
              level: 3,
              triad: triad(`r${r}p${p}`, 3),
            });
          }
        }
      }
      for (const t of pendingTriads) {
        await database.ownerQuery(
          "INSERT INTO triads (id, level, name_kk, name_ru) VALUES ($1, $2, 'bench', 'bench')",
          [t.id, t.level],
        );
      }
      for (let i = 0; i < units.length; i += 200) {
        const chunk = units.slice(i, i + 200);
        const values = chunk.map(
          (_, k) =>
            `($${k * 6 + 1}::uuid, $${k * 6 + 2}, $${k * 6 + 3}::ltree, $${k * 6 + 4}, $${k * 6 + 5}::int, $${k * 6 + 6}::uuid)`,
        );
        await database.ownerQuery(
          `INSERT INTO units (id, agency, path, code, name_kk, name_ru, level, triad_id)
           SELECT v.id, v.agency, v.path, v.code, v.code, v.code, v.level, v.triad FROM (VALUES ${values.join(",")}) AS v(id, agency, path, code, level, triad)`,
          chunk.flatMap((u) => [u.id, u.agency, u.path, `BENCH-${u.id.slice(0, 8)}`, u.level, u.triad]),
        );
      }
      log(`${units.length} units in ${pendingTriads.length} triads`);

      // Daily obligations (07:00–09:00 Almaty = 02:00–04:00 UTC) for every unit and day; about 80 %
      // on time, 12 % late, 8 % missing, decided by a hash so every run builds the same data.
      let t0 = performance.now();
      const start = "2023-12-01";
      await database.ownerQuery(
        `INSERT INTO exchange_obligations (key, unit_id, unit_path, unit_level, class_id, period, opens_at, due_at,
                                           clause, rule_version, early_counts_as_on_time, delivered_at,
                                           delivered_message_id)
         SELECT u.id || ':DAILY:' || to_char(d, 'YYYY-MM-DD'), u.id, u.path, u.level, 'DAILY', to_char(d, 'YYYY-MM-DD'),
                d + interval '2 hours', d + interval '4 hours', 'X p.5.2', 1, false,
                CASE WHEN h < 80 THEN d + interval '2 hours' + (h * interval '1 minute')
                     WHEN h < 92 THEN d + interval '4 hours' + (h * interval '2 minutes')
                     ELSE NULL END,
                CASE WHEN h < 92 THEN gen_random_uuid() END
         FROM units u
         CROSS JOIN generate_series($1::timestamptz, $1::timestamptz + ($2 - 1) * interval '1 day', interval '1 day') AS d
         CROSS JOIN LATERAL (SELECT abs(hashtext(u.id::text || d::text)) % 100 AS h) AS x
         WHERE u.triad_id IS NOT NULL
         -- Day by day, as the obligations job materializes them in production: a period's rows sit together.
         ORDER BY d, u.id`,
        [`${start}T00:00:00Z`, DAYS],
      );
      const obligations = Number(
        (await database.ownerQuery("SELECT count(*)::int AS n FROM exchange_obligations"))[0]?.n,
      );
      log(`obligations: ${obligations} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      t0 = performance.now();
      await database.ownerQuery(
        `INSERT INTO exchange_messages (id, sender_unit_id, sender_unit_path, addressee_paths, class_id, topic, rule_version,
                                        clause, mode, payload, period, passed_to, sent_at, author_name)
         SELECT o.delivered_message_id, o.unit_id, o.unit_path, ARRAY[o.unit_path]::ltree[], 'DAILY', 'SITUATION_CHANGES', 1,
                'X p.5.2', 'ORAL', '{"checkpoint":"bench","noChanges":true}'::jsonb, o.period, 'bench', o.delivered_at, 'bench'
         FROM exchange_obligations o WHERE o.delivered_at IS NOT NULL ORDER BY o.due_at`,
      );
      const messages = Number(
        (await database.ownerQuery("SELECT count(*)::int AS n FROM exchange_messages"))[0]?.n,
      );
      log(`messages: ${messages} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      await database.ownerQuery("VACUUM ANALYZE exchange_obligations");
      await database.ownerQuery("VACUUM ANALYZE exchange_messages");

      const actorAt = (unit: (typeof units)[number] | null, roles: Role[]): Actor => ({
        userId: randomUUID(),
        login: "bench",
        fullName: "Benchmark",
        roles,
        permissions: permissionsOf(roles),
        unitId: unit?.id ?? null,
        unitPath: unit?.path ?? null,
        locale: "en",
      });
      const region = units.find((u) => u.level === 2) ?? null;
      const root = units.find((u) => u.level === 1) ?? null;
      const actors: [string, Actor][] = [
        ["region head (34 units)", actorAt(region, ["analyst"])],
        ["agency analyst (307 units)", actorAt(root, ["analyst"])],
        ["system admin (all units)", actorAt(root, ["system_admin"])],
      ];
      const clock = { now: () => new Date(`${start}T00:00:00Z`) };
      const deps = { database, clock };
      const periodAt = (k: number) => {
        const day = 30 + ((k * 37) % (DAYS - 31));
        const from = new Date(Date.parse(`${start}T00:00:00Z`) + day * 86_400_000);
        const to = new Date(from.getTime() + 29 * 86_400_000);
        return {
          from: from.toISOString().slice(0, 10),
          to: to.toISOString().slice(0, 10),
          now: new Date(to.getTime() + 86_400_000),
        };
      };

      // Baseline: one sequential scan of the same obligation rows, classifying each (no index).
      const seqScan = async () => {
        const s = performance.now();
        await database.ownerQuery(
          `SELECT count(*) FILTER (WHERE delivered_at <= due_at), count(*) FILTER (WHERE delivered_at > due_at),
                  count(*) FILTER (WHERE delivered_at IS NULL) FROM exchange_obligations`,
        );
        return performance.now() - s;
      };
      await seqScan();
      const scans: number[] = [];
      for (let i = 0; i < 5; i++) scans.push(await seqScan());
      const baseline = percentiles(scans).p50;
      log(`sequential scan of ${obligations} obligations: ${baseline.toFixed(1)} ms (median of 5)`);

      const figures = [];
      for (const [label, actor] of actors) {
        for (let k = 0; k < 3; k++) {
          const p = periodAt(k + 1000);
          clock.now = () => p.now;
          await complianceDashboard(deps, actor, { from: p.from, to: p.to });
        }
        const latencies: number[] = [];
        let rows = 0;
        for (let k = 0; k < DASHBOARD_RUNS; k++) {
          const p = periodAt(k);
          clock.now = () => p.now;
          const s = performance.now();
          const view = await complianceDashboard(deps, actor, { from: p.from, to: p.to });
          latencies.push(performance.now() - s);
          rows += view.summary.total;
        }
        const pc = percentiles(latencies);
        log(
          `${label}: p50 ${pc.p50.toFixed(1)} ms, p95 ${pc.p95.toFixed(1)} ms, ${Math.round(rows / DASHBOARD_RUNS)} obligations per dashboard`,
        );
        figures.push(figure("compliance", `dashboard p95, ${label}`, pc.p95, "ms", baseline));
      }
      return figures;
    } finally {
      await database.close();
      fs.rmSync(work, { recursive: true, force: true });
    }
  },
};
