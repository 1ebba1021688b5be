import { and, asc, desc, eq, getTableColumns, gte, inArray, isNull, lt, lte, sql } from "drizzle-orm";
import { rowsOf } from "../../adapters/db/rows.js";
import { invalid, notFound } from "../../core/errors.js";
import {
  COMPLIANCE_STATUSES,
  type ComplianceStatus,
  EXCHANGE_CLASS_IDS,
  fromLocal,
  isIsoDate,
  localDateOf,
} from "../../core/exchange/index.js";
import { nameIn } from "../../core/i18n.js";
import { exchangeAlerts, exchangeObligations } from "../../db/schema.js";
import { requirePermission, scopeOf } from "../access.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import { requireExchangeReader } from "./messages.service.js";
import { statusSql } from "./obligations.service.js";
import { allUnits, type ExchangeUnitRow, unitById } from "./units.js";

/** Counts per status and the on-time rate (ON_TIME / decided), as the core's `summarize`. */
export interface Counts {
  total: number;
  counts: Record<ComplianceStatus, number>;
  onTimeRate: number | null;
}

/** One obligation on a dashboard list. */
export interface ObligationItem {
  id: string;
  unitId: string;
  unitCode: string;
  unitName: { kk: string; ru: string; en: string };
  agency: string;
  level: number | null;
  classId: string;
  period: string;
  clause: string;
  opensAt: string;
  dueAt: string;
  deliveredAt: string | null;
  deliveredMessageId: string | null;
  sourceMessageId: string | null;
  status: ComplianceStatus;
  minutesOverdue: number | null;
  escalatedAt: string | null;
}

/** The compliance dashboard of the actor's scope over a period. */
export interface ComplianceView {
  from: string;
  to: string;
  timeZone: string;
  asOf: string;
  summary: Counts;
  byUnit: (Counts & {
    unitId: string;
    code: string;
    agency: string;
    level: number | null;
    name: ObligationItem["unitName"];
  })[];
  byAgency: (Counts & { agency: string })[];
  byLevel: (Counts & { level: number | null })[];
  byClass: (Counts & { classId: string })[];
  series: { date: string; onTime: number; late: number; missing: number; onTimeRate: number | null }[];
  late: ObligationItem[];
  missing: ObligationItem[];
}

const MAX_DAYS = 366;
const DATE_DETAIL = {
  kk: "ЖЖЖЖ-АА-КК түріндегі күн болуы керек",
  ru: "нужна дата в виде ГГГГ-ММ-ДД",
  en: "must be a date YYYY-MM-DD",
};
const LIST_LIMIT = 200;

/** Counts grouped rows per status; the rate is the core's (`summarize`): ON_TIME over all but PENDING. */
function countsOf(rows: { status: string; n: number }[]): Counts {
  const counts = Object.fromEntries(COMPLIANCE_STATUSES.map((s) => [s, 0])) as Record<
    ComplianceStatus,
    number
  >;
  for (const r of rows) counts[r.status as ComplianceStatus] += Number(r.n);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const assessed = total - counts.PENDING;
  return { total, counts, onTimeRate: assessed === 0 ? null : counts.ON_TIME / assessed };
}

/** A unit's name in each language ("?" for a unit no longer found). */
function unitName(u: ExchangeUnitRow | undefined) {
  if (!u) return { kk: "?", ru: "?", en: "?" };
  return { kk: nameIn(u, "kk"), ru: nameIn(u, "ru"), en: nameIn(u, "en") };
}

/**
 * The compliance dashboard: obligations due in [from, to] (local dates of the actor's unit
 * zone) of every unit in the actor's subtree (RLS), as of now — counts and on-time rates per unit,
 * agency, level and class, a daily series, and the late and missing lists citing their clauses.
 * Obligations that have not opened yet are left out.
 */
export async function complianceDashboard(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  query: {
    from?: string | undefined;
    to?: string | undefined;
    classId?: string | undefined;
    unitId?: string | undefined;
  },
): Promise<ComplianceView> {
  const me = requireExchangeReader(actor);
  if (!me.permissions.has("dashboards.read") && !me.permissions.has("exchange.duty")) {
    requirePermission(me, "dashboards.read");
  }
  const now = deps.clock.now();
  const scope = scopeOf(me);
  return deps.database.tx(scope, async (tx) => {
    const home = me.unitId ? await unitById(tx, me.unitId) : undefined;
    const zone = home?.timeZone ?? "Asia/Almaty";
    const today = localDateOf(now, zone);
    const to = query.to ?? today;
    const from = query.from ?? isoMinusDays(today, 29);
    if (!isIsoDate(from)) throw invalid("from", DATE_DETAIL);
    if (!isIsoDate(to)) throw invalid("to", DATE_DETAIL);
    if (to < from)
      throw invalid("to", {
        kk: "кезеңнің басынан ерте болмауы керек",
        ru: "не может быть раньше начала периода",
        en: "must not be before from",
      });
    const fromAt = fromLocal(from, "00:00", zone);
    const toAt = fromLocal(isoMinusDays(to, -1), "00:00", zone);
    if (toAt.getTime() - fromAt.getTime() > MAX_DAYS * 86_400_000)
      throw invalid("to", {
        kk: `ең көбі ${MAX_DAYS} күн`,
        ru: `не более ${MAX_DAYS} дней`,
        en: `at most ${MAX_DAYS} days`,
      });
    if (query.classId && !(EXCHANGE_CLASS_IDS as readonly string[]).includes(query.classId)) {
      throw invalid("classId", {
        kk: "бұл ақпарат алмасу класы емес",
        ru: "это не класс обмена информацией",
        en: "not an exchange class",
      });
    }
    const conditions = [
      gte(exchangeObligations.dueAt, fromAt),
      lt(exchangeObligations.dueAt, toAt),
      lte(exchangeObligations.opensAt, now),
    ];
    if (query.classId) conditions.push(eq(exchangeObligations.classId, query.classId));
    if (query.unitId) {
      const unit = await unitById(tx, query.unitId);
      conditions.push(sql`${exchangeObligations.unitPath} <@ ${unit.path}::ltree`);
    }
    const where = and(...conditions);
    const status = statusSql(now);
    const day = sql<string>`to_char(${exchangeObligations.dueAt} AT TIME ZONE ${zone}, 'YYYY-MM-DD')`;
    // One statement aggregates by unit, by class and by day (grouping sets over a subquery: the
    // status and day expressions carry bound parameters, which PostgreSQL would not recognize as
    // the same expression in GROUP BY). A period of the whole country is tens of thousands of
    // obligations; only a few thousand counts come back.
    const grouped = rowsOf<{
      unit_id: string | null;
      class_id: string | null;
      day: string | null;
      status: string;
      n: number;
    }>(
      await tx.execute(sql`SELECT o.unit_id, o.class_id, o.day, o.status, count(*)::int AS n
        FROM (SELECT ${exchangeObligations.unitId} AS unit_id, ${exchangeObligations.classId} AS class_id,
                     ${day} AS day, ${status} AS status
              FROM ${exchangeObligations} WHERE ${where}) AS o
        GROUP BY GROUPING SETS ((o.unit_id, o.status), (o.class_id, o.status), (o.day, o.status))`),
    );
    const units = new Map((await allUnits(tx)).map((u) => [u.id, u]));
    /** The counts of one grouping set, keyed by `key` (rows of the other sets are skipped). */
    const groupBy = <K extends string | number | null>(
      set: "unit_id" | "class_id" | "day",
      key: (r: (typeof grouped)[number]) => K,
    ) => {
      const map = new Map<K, { status: string; n: number }[]>();
      for (const r of grouped) {
        if (r[set] === null) continue;
        const k = key(r);
        const list = map.get(k) ?? [];
        list.push({ status: r.status, n: Number(r.n) });
        map.set(k, list);
      }
      return map;
    };
    const byUnit = [...groupBy("unit_id", (r) => r.unit_id as string).entries()].map(([unitId, rows]) => {
      const u = units.get(unitId);
      return {
        unitId,
        code: u?.code ?? "?",
        agency: u?.agency ?? "?",
        level: u?.level ?? null,
        name: unitName(u),
        ...countsOf(rows),
      };
    });
    byUnit.sort((a, b) => (a.level ?? 9) - (b.level ?? 9) || a.code.localeCompare(b.code));
    const byAgency = [...groupBy("unit_id", (r) => units.get(r.unit_id as string)?.agency ?? "?").entries()]
      .map(([agency, rows]) => ({ agency, ...countsOf(rows) }))
      .sort((a, b) => a.agency.localeCompare(b.agency));
    const byLevel = [...groupBy("unit_id", (r) => units.get(r.unit_id as string)?.level ?? null).entries()]
      .map(([level, rows]) => ({ level, ...countsOf(rows) }))
      .sort((a, b) => (a.level ?? 9) - (b.level ?? 9));
    const byClass = [...groupBy("class_id", (r) => r.class_id as string).entries()]
      .map(([classId, rows]) => ({ classId, ...countsOf(rows) }))
      .sort(
        (a, b) =>
          EXCHANGE_CLASS_IDS.indexOf(a.classId as never) - EXCHANGE_CLASS_IDS.indexOf(b.classId as never),
      );
    const series = [...groupBy("day", (r) => r.day as string).entries()]
      .map(([date, rows]) => {
        const c = countsOf(rows);
        return {
          date,
          onTime: c.counts.ON_TIME,
          late: c.counts.LATE,
          missing: c.counts.MISSING + c.counts.EARLY,
          onTimeRate: c.onTimeRate,
        };
      })
      .sort((a, b) => a.date.localeCompare(b.date));

    const list = async (wanted: "LATE" | "MISSING") => {
      // Ids first (the covering index answers it), then only the listed rows from the table.
      const ids = await tx
        .select({ id: exchangeObligations.id, dueAt: exchangeObligations.dueAt })
        .from(exchangeObligations)
        .where(and(where, sql`${status} = ${wanted}`))
        .orderBy(wanted === "LATE" ? desc(exchangeObligations.dueAt) : asc(exchangeObligations.dueAt))
        .limit(LIST_LIMIT);
      const rows =
        ids.length === 0
          ? []
          : await tx
              .select()
              .from(exchangeObligations)
              .where(
                inArray(
                  exchangeObligations.id,
                  ids.map((r) => r.id),
                ),
              )
              .orderBy(wanted === "LATE" ? desc(exchangeObligations.dueAt) : asc(exchangeObligations.dueAt));
      return rows.map((o): ObligationItem => {
        const u = units.get(o.unitId);
        const end = wanted === "LATE" && o.deliveredAt ? o.deliveredAt : now;
        return {
          id: o.id,
          unitId: o.unitId,
          unitCode: u?.code ?? "?",
          unitName: unitName(u),
          agency: u?.agency ?? "?",
          level: u?.level ?? null,
          classId: o.classId,
          period: o.period,
          clause: o.clause,
          opensAt: o.opensAt.toISOString(),
          dueAt: o.dueAt.toISOString(),
          deliveredAt: o.deliveredAt?.toISOString() ?? null,
          deliveredMessageId: o.deliveredMessageId,
          sourceMessageId: o.sourceMessageId,
          status: wanted,
          minutesOverdue: Math.floor((end.getTime() - o.dueAt.getTime()) / 60_000),
          escalatedAt: o.escalatedAt?.toISOString() ?? null,
        };
      });
    };
    const all = grouped.filter((r) => r.class_id !== null).map((r) => ({ status: r.status, n: Number(r.n) }));
    return {
      from,
      to,
      timeZone: zone,
      asOf: now.toISOString(),
      summary: countsOf(all),
      byUnit,
      byAgency,
      byLevel,
      byClass,
      series,
      late: await list("LATE"),
      missing: await list("MISSING"),
    };
  });
}

function isoMinusDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** The duty officer's day: today's daily window, open urgent confirmations, alerts and today's entries. */
export async function dutyDay(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
): Promise<{
  unit: { id: string; code: string; name: ObligationItem["unitName"]; timeZone: string };
  localDate: string;
  obligations: ObligationItem[];
  openConfirmations: ObligationItem[];
  alerts: { id: string; kind: string; createdAt: string; obligation: ObligationItem }[];
}> {
  // Checked here rather than on the route: demo logins holding several roles would blur the matrix.
  const me = requirePermission(actor, "exchange.duty");
  if (!me.unitId)
    throw invalid("unitId", {
      kk: "кезекшілік тәулігі бөлімшеге тиесілі",
      ru: "дежурные сутки относятся к подразделению",
      en: "the duty day belongs to a unit",
    });
  const now = deps.clock.now();
  return deps.database.tx(scopeOf(me), async (tx) => {
    const unit = await unitById(tx, me.unitId as string);
    const localDate = localDateOf(now, unit.timeZone);
    const dayStart = fromLocal(localDate, "00:00", unit.timeZone);
    const dayEnd = fromLocal(isoMinusDays(localDate, -1), "00:00", unit.timeZone);
    const status = statusSql(now);
    const item = (o: typeof exchangeObligations.$inferSelect & { status: string }): ObligationItem => ({
      id: o.id,
      unitId: o.unitId,
      unitCode: unit.code,
      unitName: unitName(unit),
      agency: unit.agency,
      level: unit.level,
      classId: o.classId,
      period: o.period,
      clause: o.clause,
      opensAt: o.opensAt.toISOString(),
      dueAt: o.dueAt.toISOString(),
      deliveredAt: o.deliveredAt?.toISOString() ?? null,
      deliveredMessageId: o.deliveredMessageId,
      sourceMessageId: o.sourceMessageId,
      status: o.status as ComplianceStatus,
      minutesOverdue:
        o.status === "MISSING" || o.status === "LATE"
          ? Math.floor(((o.deliveredAt ?? now).getTime() - o.dueAt.getTime()) / 60_000)
          : null,
      escalatedAt: o.escalatedAt?.toISOString() ?? null,
    });
    const select = { ...getColumns(), status };
    const today = await tx
      .select(select)
      .from(exchangeObligations)
      .where(
        and(
          eq(exchangeObligations.unitId, unit.id),
          lte(exchangeObligations.opensAt, dayEnd),
          gte(exchangeObligations.dueAt, dayStart),
        ),
      )
      .orderBy(asc(exchangeObligations.dueAt));
    const open = await tx
      .select(select)
      .from(exchangeObligations)
      .where(
        and(
          eq(exchangeObligations.unitId, unit.id),
          eq(exchangeObligations.classId, "URGENT"),
          isNull(exchangeObligations.deliveredAt),
        ),
      )
      .orderBy(asc(exchangeObligations.dueAt))
      .limit(100);
    const alertRows = rowsOf<{ id: string; kind: string; created_at: string | Date; obligation_id: string }>(
      await tx.execute(
        sql`SELECT a.id, a.kind, a.created_at, a.obligation_id FROM ${exchangeAlerts} a
            WHERE a.unit_id = ${unit.id} AND a.read_at IS NULL ORDER BY a.created_at DESC LIMIT 50`,
      ),
    );
    const alertObligations = new Map<string, ObligationItem>();
    for (const a of alertRows) {
      const [o] = await tx
        .select(select)
        .from(exchangeObligations)
        .where(eq(exchangeObligations.id, a.obligation_id));
      if (o) {
        const owner = await unitById(tx, o.unitId);
        alertObligations.set(a.id, {
          ...item(o),
          unitCode: owner.code,
          unitName: unitName(owner),
          agency: owner.agency,
          level: owner.level,
        });
      }
    }
    return {
      unit: { id: unit.id, code: unit.code, name: unitName(unit), timeZone: unit.timeZone },
      localDate,
      obligations: today.filter((o) => o.classId !== "URGENT").map(item),
      openConfirmations: open.map(item),
      alerts: alertRows.flatMap((a) => {
        const o = alertObligations.get(a.id);
        return o
          ? [{ id: a.id, kind: a.kind, createdAt: new Date(a.created_at).toISOString(), obligation: o }]
          : [];
      }),
    };
  });
}

function getColumns() {
  return getTableColumns(exchangeObligations);
}

/**
 * Marks an overdue alert of the actor's own unit as read: it leaves the duty officer's day,
 * stays on the dashboards, and the audit log records who read it. Marking twice changes nothing;
 * another unit's alert answers "not found", as anything outside the actor's unit.
 */
export async function markAlertRead(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
): Promise<{ id: string; readAt: string }> {
  const me = requirePermission(actor, "exchange.duty");
  if (!me.unitId) throw notFound();
  const now = deps.clock.now();
  return deps.database.tx(scopeOf(me), async (tx) => {
    const [alert] = await tx
      .select({
        id: exchangeAlerts.id,
        readAt: exchangeAlerts.readAt,
        obligationId: exchangeAlerts.obligationId,
      })
      .from(exchangeAlerts)
      .where(and(eq(exchangeAlerts.id, id), eq(exchangeAlerts.unitId, me.unitId as string)));
    if (!alert) throw notFound();
    if (alert.readAt) return { id, readAt: alert.readAt.toISOString() };
    await tx.update(exchangeAlerts).set({ readAt: now }).where(eq(exchangeAlerts.id, id));
    await appendAudit(tx, now, me, meta, {
      action: "exchange.alert.read",
      objectType: "exchange_alert",
      objectId: id,
      details: { obligationId: alert.obligationId },
    });
    return { id, readAt: now.toISOString() };
  });
}
