import { and, desc, eq, sql } from "drizzle-orm";
import type { Database, Tx } from "../../adapters/db/index.js";
import { referenceRevisions, zoneEntries, zoneLists } from "../../db/schema.js";

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
 * The zone lists and, once asked for, all the entries of a list, kept per database while the zone
 * data's revision (`reference_revisions`, raised by triggers on every change to zone lists and
 * entries) stays the same. Every submission looks up its destination; the list changes a few times
 * a year and holds a few thousand places, so a list is read whole once instead of a place per
 * request. This process's own imports drop the cache at once; another process's are seen at the
 * next check of the revision, at most ZONE_RECHECK_MS later.
 */
interface ZoneCache {
  revision: number;
  checkedAt: number;
  /** Every list's id and first day, latest first. */
  lists: { id: string; effectiveFrom: string }[];
  /** The entries of the lists read so far, by KATO code (a read in progress is shared). */
  entries: Map<string, Promise<Map<string, ZoneEntry>>>;
}

/** How often the revision is read again; an import elsewhere shows within this time. */
export const ZONE_RECHECK_MS = 2_000;
const PUBLIC = { unitPaths: [] } as const;

const caches = new WeakMap<Database, ZoneCache>();
// The check in progress per database: requests meeting a stale cache share it.
const checking = new WeakMap<Database, Promise<ZoneCache>>();

/** The zone entry of a place in the list in force at a date (as `findZoneEntry`), from the cache. */
export async function cachedZoneEntry(
  database: Database,
  date: string,
  kato: string,
): Promise<ZoneEntry | undefined> {
  const cache = await currentCache(database);
  const list = cache.lists.find((l) => l.effectiveFrom <= date);
  if (!list) return undefined;
  let entries = cache.entries.get(list.id);
  if (!entries) {
    // Read after the revision: a change meanwhile raised it, so the next check drops these.
    entries = readEntries(database, list.id);
    cache.entries.set(list.id, entries);
    // A failed read is not kept: the next request tries again.
    entries.catch(() => cache.entries.delete(list.id));
  }
  return (await entries).get(kato);
}

/** Drops the cached lists and entries of a database (after this process changed the zone data). */
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

/** Reads the revision, and the lists when it changed. */
async function readRevision(database: Database): Promise<ZoneCache> {
  return database.tx(PUBLIC, async (tx) => {
    const [row] = await tx
      .select({ revision: referenceRevisions.revision })
      .from(referenceRevisions)
      .where(eq(referenceRevisions.name, "zone"));
    const revision = row?.revision ?? 0;
    const cache = caches.get(database);
    if (cache && cache.revision === revision) {
      cache.checkedAt = performance.now();
      return cache;
    }
    const lists = await tx
      .select({ id: zoneLists.id, effectiveFrom: zoneLists.effectiveFrom })
      .from(zoneLists)
      .orderBy(desc(zoneLists.effectiveFrom));
    const fresh: ZoneCache = { revision, checkedAt: performance.now(), lists, entries: new Map() };
    caches.set(database, fresh);
    return fresh;
  });
}

async function readEntries(database: Database, listId: string): Promise<Map<string, ZoneEntry>> {
  const rows = await database.tx(PUBLIC, (tx) =>
    tx.select().from(zoneEntries).where(eq(zoneEntries.listId, listId)),
  );
  return new Map(rows.map((e) => [e.kato, e]));
}
