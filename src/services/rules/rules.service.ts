import { asc, eq, sql } from "drizzle-orm";
import type { Database, Tx } from "../../adapters/db/index.js";
import { AppError, invalid, notFound } from "../../core/errors.js";
import {
  DEFAULT_RULE_SETS,
  diffRuleSets,
  parseRuleSet,
  type RuleSet,
  type RuleSetDiff,
} from "../../core/rules/index.js";
import { localDate } from "../../core/time.js";
import { ruleSets } from "../../db/schema.js";
import { requirePermission } from "../access.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";

const RULE_SET_ID = "border-zone-passes";
const PUBLIC = { unitPaths: [] } as const;

/** Stores the rule sets shipped with the code (version 1) when the database lacks them. */
export async function ensureDefaultRuleSets(tx: Tx, now: Date): Promise<void> {
  for (const set of DEFAULT_RULE_SETS) {
    await tx
      .insert(ruleSets)
      .values({
        setId: set.id,
        version: set.version,
        effectiveFrom: set.effectiveFrom,
        body: set,
        createdAt: now,
      })
      .onConflictDoNothing();
  }
}

// Rule sets change a few times a decade; reading them once per change, not per request,
// keeps eligibility answers fast. The cache key is the stored row count and newest version,
// so another instance's new version is seen on the next request.
const caches = new WeakMap<Database, { key: string; sets: RuleSet[]; checkedAt: number }>();

// A new version always takes effect tomorrow at the earliest, so seeing it a few seconds late
// changes no answer; checking the key at most this often keeps it off every request.
const RECHECK_MS = 5_000;

// The check in progress per database: requests arriving meanwhile wait for it instead of each
// opening a transaction of their own (under load a stale cache met dozens of requests at once).
const checking = new WeakMap<Database, Promise<RuleSet[]>>();

/** Every stored version, oldest first (cached until a new version is stored). */
export async function loadRuleSets(database: Database): Promise<RuleSet[]> {
  const fresh = caches.get(database);
  if (fresh && performance.now() - fresh.checkedAt < RECHECK_MS) return fresh.sets;
  let check = checking.get(database);
  if (!check) {
    check = readRuleSets(database).finally(() => checking.delete(database));
    checking.set(database, check);
  }
  return check;
}

/** Reads the stored versions' key, and the versions themselves when the key changed. */
function readRuleSets(database: Database): Promise<RuleSet[]> {
  return database.tx(PUBLIC, async (tx) => {
    const head = await tx
      .select({ n: sql<number>`count(*)::int`, v: sql<number>`coalesce(max(${ruleSets.version}), 0)::int` })
      .from(ruleSets)
      .where(eq(ruleSets.setId, RULE_SET_ID));
    const key = `${head[0]?.n}:${head[0]?.v}`;
    const cached = caches.get(database);
    if (cached?.key === key) {
      cached.checkedAt = performance.now();
      return cached.sets;
    }
    const rows = await tx
      .select()
      .from(ruleSets)
      .where(eq(ruleSets.setId, RULE_SET_ID))
      .orderBy(asc(ruleSets.version));
    const sets = rows.length > 0 ? rows.map((r) => parseRuleSet(r.body)) : DEFAULT_RULE_SETS;
    caches.set(database, { key, sets, checkedAt: performance.now() });
    return sets;
  });
}

/** A version summary for lists. */
export interface RuleSetSummary {
  version: number;
  effectiveFrom: string;
  rules: number;
  inForce: boolean;
  scheduled: boolean;
}

/** Lists every version, marking the one in force today and those scheduled for later. */
export async function listRuleSets(deps: Pick<Deps, "database" | "clock">): Promise<RuleSetSummary[]> {
  const sets = await loadRuleSets(deps.database);
  const today = localDate(deps.clock.now());
  const inForce = [...sets].reverse().find((s) => s.effectiveFrom <= today)?.version;
  return sets.map((s) => ({
    version: s.version,
    effectiveFrom: s.effectiveFrom,
    rules: s.rules.length,
    inForce: s.version === inForce,
    scheduled: s.effectiveFrom > today,
  }));
}

/** One version, whole. */
export async function getRuleSet(deps: Pick<Deps, "database">, version: number): Promise<RuleSet> {
  const found = (await loadRuleSets(deps.database)).find((s) => s.version === version);
  if (!found) throw notFound();
  return found;
}

/** The differences between two versions. */
export async function compareRuleSets(
  deps: Pick<Deps, "database">,
  a: number,
  b: number,
): Promise<RuleSetDiff> {
  return diffRuleSets(await getRuleSet(deps, a), await getRuleSet(deps, b));
}

/**
 * Schedules a new version from a future date (C-1). Versions are numbered without gaps and a
 * version never takes effect before today, so past answers stay explainable by the rules then in force.
 */
export async function scheduleRuleSet(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  body: unknown,
): Promise<RuleSetSummary> {
  const me = requirePermission(actor, "rules.manage");
  const set = parseRuleSet(body);
  const now = deps.clock.now();
  const today = localDate(now);
  if (set.effectiveFrom <= today) {
    throw invalid("effectiveFrom", {
      kk: `жаңа нұсқа ертеңнен бастап қана күшіне енеді (бүгін ${today})`,
      ru: `новая версия может вступить в силу не раньше завтрашнего дня (сегодня ${today})`,
      en: `a new version can take effect from tomorrow at the earliest (today is ${today})`,
    });
  }
  return deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
    const latest = await tx
      .select({ v: sql<number>`coalesce(max(${ruleSets.version}), 0)::int` })
      .from(ruleSets)
      .where(eq(ruleSets.setId, RULE_SET_ID));
    const expected = Number(latest[0]?.v ?? 0) + 1;
    if (set.version !== expected)
      throw new AppError("RULE_VERSION_NOT_NEXT", { field: "version", params: { expected } });
    const previous = (
      await tx
        .select()
        .from(ruleSets)
        .where(eq(ruleSets.version, expected - 1))
        .limit(1)
    )[0];
    if (previous && set.effectiveFrom <= previous.effectiveFrom) {
      throw invalid("effectiveFrom", {
        kk: `алдыңғы нұсқадан (${previous.effectiveFrom}) кейін болуы керек`,
        ru: `должна быть позже предыдущей версии (${previous.effectiveFrom})`,
        en: `must be after the previous version's date (${previous.effectiveFrom})`,
      });
    }
    await tx.insert(ruleSets).values({
      setId: RULE_SET_ID,
      version: set.version,
      effectiveFrom: set.effectiveFrom,
      body: set,
      createdBy: me.userId,
      createdAt: now,
    });
    await appendAudit(tx, now, me, meta, {
      action: "rules.schedule",
      objectType: "rule_set",
      objectId: String(set.version),
      details: { effectiveFrom: set.effectiveFrom },
    });
    caches.delete(deps.database);
    return {
      version: set.version,
      effectiveFrom: set.effectiveFrom,
      rules: set.rules.length,
      inForce: false,
      scheduled: true,
    };
  });
}
