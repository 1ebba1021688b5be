import { and, eq, isNull, lt, sql } from "drizzle-orm";
import type { Tx } from "../../adapters/db/index.js";
import {
  DEFAULT_EXCHANGE_RULES,
  type ExchangeClassRule,
  escalationLevel,
  expectedObligations,
  isInteractionLevel,
  type Obligation,
  pickDelivery,
} from "../../core/exchange/index.js";
import { exchangeAlerts, exchangeObligations } from "../../db/schema.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Deps } from "../context.js";
import { type ExchangeUnitRow, triadUnits, unitById } from "./units.js";

/** The exchange rules in force (version 1 of the instruction; later versions are added as data). */
export const exchangeRules: readonly ExchangeClassRule[] = DEFAULT_EXCHANGE_RULES;

const SYSTEM_META = { address: undefined, requestId: "exchange-jobs" };

/** Stores an obligation unless its key is already there; returns its row id. */
export async function upsertObligation(
  tx: Tx,
  unit: ExchangeUnitRow,
  obligation: Obligation,
  extra: { sourceMessageId?: string; isDemo?: boolean; key?: string } = {},
): Promise<string> {
  const key = extra.key ?? obligation.key;
  await tx
    .insert(exchangeObligations)
    .values({
      key,
      unitId: unit.id,
      unitPath: unit.path,
      unitLevel: unit.level,
      classId: obligation.classId,
      period: obligation.period,
      opensAt: obligation.opensAt,
      dueAt: obligation.dueAt,
      clause: obligation.clause,
      ruleVersion: obligation.ruleVersion,
      earlyCountsAsOnTime: obligation.earlyCountsAsOnTime,
      sourceMessageId: extra.sourceMessageId ?? null,
      isDemo: extra.isDemo ?? false,
    })
    .onConflictDoNothing({ target: exchangeObligations.key });
  const [row] = await tx
    .select({ id: exchangeObligations.id })
    .from(exchangeObligations)
    .where(eq(exchangeObligations.key, key))
    .limit(1);
  if (!row) throw new Error(`obligation ${key} not stored`);
  return row.id;
}

/**
 * Records a delivery against an obligation, in the delivering message's transaction: the counting
 * delivery is chosen by the core's `pickDelivery` among the one already recorded and the new one.
 */
export async function recordDelivery(
  tx: Tx,
  obligationId: string,
  deliveredAt: Date,
  messageId: string,
): Promise<void> {
  const [row] = await tx
    .select()
    .from(exchangeObligations)
    .where(eq(exchangeObligations.id, obligationId))
    .for("update")
    .limit(1);
  if (!row) return;
  const candidates = row.deliveredAt ? [row.deliveredAt, deliveredAt] : [deliveredAt];
  const chosen = pickDelivery(row, candidates);
  if (!chosen || (row.deliveredAt && chosen.getTime() === row.deliveredAt.getTime())) return;
  await tx
    .update(exchangeObligations)
    .set({ deliveredAt: chosen, deliveredMessageId: messageId })
    .where(eq(exchangeObligations.id, obligationId));
}

/**
 * Materializes the periodic obligations (DAILY, MONTHLY, SEMI_ANNUAL) of every triad unit whose
 * windows intersect [from, to), from the rules (core `expectedObligations`). A unit owes nothing
 * for periods before it existed unless `since` says otherwise (demo history). Idempotent.
 */
export async function materializeObligations(
  deps: Pick<Deps, "database">,
  from: Date,
  to: Date,
  opts: { since?: Date; isDemo?: boolean } = {},
): Promise<number> {
  return deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
    const owing = await triadUnits(tx);
    let stored = 0;
    for (const unit of owing) {
      const start = opts.since ?? unit.createdAt;
      const begin = from.getTime() > start.getTime() ? from : start;
      if (begin.getTime() >= to.getTime()) continue;
      const expected = expectedObligations(unit, exchangeRules, begin, to);
      if (expected.length === 0) continue;
      const inserted = await tx
        .insert(exchangeObligations)
        .values(
          expected.map((o) => ({
            key: o.key,
            unitId: unit.id,
            unitPath: unit.path,
            unitLevel: unit.level,
            classId: o.classId,
            period: o.period,
            opensAt: o.opensAt,
            dueAt: o.dueAt,
            clause: o.clause,
            ruleVersion: o.ruleVersion,
            earlyCountsAsOnTime: o.earlyCountsAsOnTime,
            isDemo: opts.isDemo ?? false,
          })),
        )
        .onConflictDoNothing({ target: exchangeObligations.key })
        .returning({ id: exchangeObligations.id });
      stored += inserted.length;
    }
    return stored;
  });
}

/**
 * Alerts and escalates overdue obligations: each obligation past its deadline with no
 * counting delivery gets an alert to the owing unit and one to its superior (the parent unit, the
 * level the core's `escalationLevel` names), once, audited. Several instances may run this at
 * once: rows are claimed with FOR UPDATE SKIP LOCKED.
 */
export async function escalateOverdue(deps: Pick<Deps, "database" | "clock">, limit = 200): Promise<number> {
  const now = deps.clock.now();
  return deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
    const overdue = await tx
      .select()
      .from(exchangeObligations)
      .where(
        and(
          isNull(exchangeObligations.deliveredAt),
          isNull(exchangeObligations.escalatedAt),
          lt(exchangeObligations.dueAt, now),
        ),
      )
      .orderBy(exchangeObligations.dueAt)
      .limit(limit)
      .for("update", { skipLocked: true });
    for (const o of overdue) {
      const unit = await unitById(tx, o.unitId);
      const level = isInteractionLevel(unit.level) ? unit.level : 5;
      const target = escalationLevel(o, now, level);
      if (target === null) continue;
      const superior = unit.parentId ? await unitById(tx, unit.parentId) : null;
      await tx
        .insert(exchangeAlerts)
        .values({ obligationId: o.id, unitId: unit.id, unitPath: unit.path, kind: "SENDER", createdAt: now })
        .onConflictDoNothing();
      if (superior) {
        await tx
          .insert(exchangeAlerts)
          .values({
            obligationId: o.id,
            unitId: superior.id,
            unitPath: superior.path,
            kind: "SUPERIOR",
            createdAt: now,
          })
          .onConflictDoNothing();
      }
      await tx
        .update(exchangeObligations)
        .set({ escalatedAt: now, escalatedToUnitId: superior?.id ?? null })
        .where(eq(exchangeObligations.id, o.id));
      await appendAudit(tx, now, null, SYSTEM_META, {
        action: "exchange.obligation.escalate",
        objectType: "exchange_obligation",
        objectId: o.id,
        details: {
          key: o.key,
          clause: o.clause,
          dueAt: o.dueAt.toISOString(),
          unit: unit.code,
          superior: superior?.code ?? null,
          level: target,
        },
      });
    }
    return overdue.length;
  });
}

/** The SQL status of an obligation as of `now`: the same rules as the core's `classify`. */
export function statusSql(now: Date) {
  const at = now.toISOString();
  return sql<string>`CASE
    WHEN ${exchangeObligations.deliveredAt} IS NOT NULL AND ${exchangeObligations.deliveredAt} <= ${at}::timestamptz THEN
      CASE
        WHEN ${exchangeObligations.deliveredAt} < ${exchangeObligations.opensAt} AND NOT ${exchangeObligations.earlyCountsAsOnTime} THEN 'EARLY'
        WHEN ${exchangeObligations.deliveredAt} <= ${exchangeObligations.dueAt} THEN 'ON_TIME'
        ELSE 'LATE'
      END
    WHEN ${at}::timestamptz <= ${exchangeObligations.dueAt} THEN 'PENDING'
    ELSE 'MISSING'
  END`;
}
