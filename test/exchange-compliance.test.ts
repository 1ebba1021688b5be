import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { permissionsOf, type Role } from "../src/core/access/roles.js";
import { classify, localDateOf, summarize } from "../src/core/exchange/index.js";
import type { Actor } from "../src/services/context.js";
import { complianceDashboard } from "../src/services/exchange/compliance.service.js";
import { pathLabel } from "../src/services/units/units.service.js";
import { DB_KINDS, freshDatabase, type TestDatabase } from "./support/db.js";

/** The database-side aggregation of the dashboard agrees with the core's classify + summarize. */
describe.each(DB_KINDS)("compliance dashboard aggregation (%s)", (kind) => {
  let db: TestDatabase;
  const units: { id: string; agency: string; path: string; level: number }[] = [];

  beforeAll(async () => {
    db = await freshDatabase(kind);
    for (const agency of ["IAB", "NSC", "CUSTOMS"]) {
      const root = randomUUID();
      units.push({ id: root, agency, path: pathLabel(root), level: 1 });
      for (let p = 0; p < 3; p++) {
        const post = randomUUID();
        units.push({ id: post, agency, path: `${pathLabel(root)}.${pathLabel(post)}`, level: 3 });
      }
    }
    for (const u of units) {
      await db.database.ownerQuery(
        "INSERT INTO units (id, agency, path, code, name_kk, name_ru, level) VALUES ($1, $2, $3::ltree, $4, $4, $4, $5)",
        [u.id, u.agency, u.path, `T-${u.id.slice(0, 8)}`, u.level],
      );
    }
  }, 120_000);
  afterAll(async () => db?.drop());

  const actor = (unit: (typeof units)[number], roles: Role[]): Actor => ({
    userId: randomUUID(),
    login: "t",
    fullName: "Test",
    roles,
    permissions: permissionsOf(roles),
    unitId: unit.id,
    unitPath: unit.path,
    locale: "en",
  });

  const obligation = fc.record({
    unit: fc.nat(11),
    classId: fc.constantFrom("DAILY", "URGENT", "MONTHLY"),
    day: fc.nat(9),
    dueHour: fc.integer({ min: 1, max: 23 }),
    /** Delivery relative to the deadline in minutes; null: never delivered. */
    delivery: fc.option(fc.integer({ min: -600, max: 3000 }), { nil: null }),
    early: fc.boolean(),
  });

  it("counts per unit, agency, level, class and day as classify and summarize do", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(obligation, { maxLength: 40 }), fc.nat(14), async (items, nowDay) => {
        await db.database.ownerQuery("DELETE FROM exchange_obligations");
        const base = Date.parse("2026-03-01T00:00:00Z");
        const now = new Date(base + nowDay * 86_400_000 + 12 * 3_600_000);
        const rows = items.map((o, i) => {
          const unit = units[o.unit] ?? units[0];
          if (!unit) throw new Error("no units");
          const dueAt = new Date(base + o.day * 86_400_000 + o.dueHour * 3_600_000);
          const opensAt = new Date(dueAt.getTime() - 2 * 3_600_000);
          const deliveredAt = o.delivery === null ? null : new Date(dueAt.getTime() + o.delivery * 60_000);
          return { i, unit, classId: o.classId, dueAt, opensAt, deliveredAt, early: o.early };
        });
        for (const r of rows) {
          await db.database.ownerQuery(
            `INSERT INTO exchange_obligations (key, unit_id, unit_path, unit_level, class_id, period, opens_at, due_at,
               clause, rule_version, early_counts_as_on_time, delivered_at)
             VALUES ($1, $2, $3::ltree, $4, $5, 'p', $6, $7, 'X p.5', 1, $8, $9)`,
            [
              `k${r.i}`,
              r.unit.id,
              r.unit.path,
              r.unit.level,
              r.classId,
              r.opensAt,
              r.dueAt,
              r.early,
              r.deliveredAt,
            ],
          );
        }
        const root = units[0];
        if (!root) throw new Error("no units");
        const view = await complianceDashboard(
          { database: db.database, clock: { now: () => now } },
          actor(root, ["system_admin"]),
          { from: "2026-03-01", to: "2026-03-12" },
        );
        // Expected: the rows in the period that have opened, classified one by one by the core.
        const shown = rows
          .filter((r) => r.opensAt <= now)
          .map((r) => ({
            ...r,
            status: classify(
              { opensAt: r.opensAt, dueAt: r.dueAt, clause: "X p.5", earlyCountsAsOnTime: r.early },
              r.deliveredAt ?? undefined,
              now,
            ).status,
          }));
        const expectSummary = (
          got: { total: number; counts: unknown; onTimeRate: number | null },
          of: typeof shown,
        ) => {
          const s = summarize(of);
          expect(got.total).toBe(s.total);
          expect(got.counts).toEqual(s.counts);
          expect(got.onTimeRate).toBe(s.onTimeRate);
        };
        expectSummary(view.summary, shown);
        expect(view.byUnit.map((u) => u.unitId).sort()).toEqual(
          [...new Set(shown.map((r) => r.unit.id))].sort(),
        );
        for (const u of view.byUnit)
          expectSummary(
            u,
            shown.filter((r) => r.unit.id === u.unitId),
          );
        for (const a of view.byAgency)
          expectSummary(
            a,
            shown.filter((r) => r.unit.agency === a.agency),
          );
        for (const l of view.byLevel)
          expectSummary(
            l,
            shown.filter((r) => r.unit.level === l.level),
          );
        expect(view.byClass.map((c) => c.classId).sort()).toEqual(
          [...new Set(shown.map((r) => r.classId))].sort(),
        );
        for (const c of view.byClass)
          expectSummary(
            c,
            shown.filter((r) => r.classId === c.classId),
          );
        const days = new Map<string, typeof shown>();
        for (const r of shown) {
          const d = localDateOf(r.dueAt, view.timeZone);
          days.set(d, [...(days.get(d) ?? []), r]);
        }
        expect(view.series.map((s) => s.date)).toEqual([...days.keys()].sort());
        for (const point of view.series) {
          const s = summarize(days.get(point.date) ?? []);
          expect([point.onTime, point.late, point.missing]).toEqual([
            s.counts.ON_TIME,
            s.counts.LATE,
            s.counts.MISSING + s.counts.EARLY,
          ]);
        }
        expect(view.late.length).toBe(shown.filter((r) => r.status === "LATE").length);
        expect(view.missing.length).toBe(shown.filter((r) => r.status === "MISSING").length);
      }),
      { numRuns: 25 },
    );
  }, 240_000);
});
