import { and, eq, sql } from "drizzle-orm";
import type { Database, Tx } from "../../adapters/db/index.js";
import { referenceRevisions, zoneEntries } from "../../db/schema.js";

/** A place of the border-zone list, as one list version holds it. */
export type ZoneEntry = typeof zoneEntries.$inferSelect;

/** Resolves a KATO code in the list in force at a date; undefined when the place is outside the zone. */
export async function findZoneEntry(tx: Tx, date: string, katoCode: string): Promise<ZoneEntry | undefined> {
  // One statement: the list in force at the date is a subquery (the lookup sits on the submit path).
  const listInForce = sql`(SELECT l.id FROM zone_lists l WHERE l.effective_from <= ${date}
                           ORDER BY l.effective_from DESC LIMIT 1)`;
  return (
    await tx
      .select()
      .from(zoneEntries)
      .where(and(eq(zoneEntries.listId, listInForce), eq(zoneEntries.kato, katoCode)))
      .limit(1)
  )[0];
}

/**
 * Zone entries by departure date and KATO code, kept per database while the zone data's revision
 * (`reference_revisions`, raised by triggers on every change to zone lists and entries) stays the
 * same. Submissions read the entry of their destination on every request; the list changes a few
 * times a year. This process's own imports drop the cache at once; another process's are seen at
 * the next check of the revision, at most ZONE_RECHECK_MS later.
 */
interface ZoneCache {
  revision: number;
  checkedAt: number;
  entries: Map<string, ZoneEntry | null>;
}

/** How often the revision is read again; an import elsewhere shows within this time. */
export const ZONE_RECHECK_MS = 2_000;
/** Most entries kept: a date and a place per key, so distinct departure dates add up. */
const MAX_ENTRIES = 20_000;
const PUBLIC = { unitPaths: [] } as const;

const caches = new WeakMap<Database, ZoneCache>();
// The check in progress per database: requests meeting a stale cache share it.
const checking = new WeakMap<Database, Promise<ZoneCache>>();

/** The zone entry of a place in the list in force at a date, from the cache when it is current. */
export async function cachedZoneEntry(
  database: Database,
  date: string,
  kato: string,
): Promise<ZoneEntry | undefined> {
  const cache = await currentCache(database);
  const key = `${date}|${kato}`;
  const known = cache.entries.get(key);
  if (known !== undefined) return known ?? undefined;
  // Read after the revision: an entry changed meanwhile raised it, so the next check drops this one.
  const entry = await database.tx(PUBLIC, (tx) => findZoneEntry(tx, date, kato));
  if (cache.entries.size >= MAX_ENTRIES) cache.entries.clear();
  cache.entries.set(key, entry ?? null);
  return entry;
}

/** Drops the cached entries of a database (after this process changed the zone data). */
export function forgetZoneEntries(database: Database): void {
  caches.delete(database);
}

async function currentCache(database: Database): Promise<ZoneCache> {
  const cache = caches.get(database);
  if (cache && performance.now() - cache.checkedAt < ZONE_RECHECK_MS) return cache;
  let check = checking.get(database);
  if (!check) {
    check = readRevision(database).finally(() => checking.delete(database));
    checking.set(database, check);
  }
  return check;
}

async function readRevision(database: Database): Promise<ZoneCache> {
  const [row] = await database.tx(PUBLIC, (tx) =>
    tx
      .select({ revision: referenceRevisions.revision })
      .from(referenceRevisions)
      .where(eq(referenceRevisions.name, "zone")),
  );
  const revision = row?.revision ?? 0;
  const cache = caches.get(database);
  if (cache && cache.revision === revision) {
    cache.checkedAt = performance.now();
    return cache;
  }
  const fresh: ZoneCache = { revision, checkedAt: performance.now(), entries: new Map() };
  caches.set(database, fresh);
  return fresh;
}
