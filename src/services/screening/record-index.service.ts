/**
 * Keeps the screening index in the current key format. The keys are derived from the records by
 * the core (index-keys.ts); when their format changes, a database filed under the older one would
 * miss candidates, so the records are re-keyed before the server serves a check.
 */
import { asc, gt, sql } from "drizzle-orm";
import { type Database, rowsOf } from "../../adapters/db/index.js";
import type { Clock } from "../../core/clock.js";
import { INDEX_KEY_VERSION } from "../../core/names/index-keys.js";
import { records } from "../../db/schema.js";
import { appendAudit } from "../audit/audit.service.js";
import { inputOf, prepareRecord, writeKeys } from "./records.service.js";

const scope = { unitPaths: [], all: true } as const;
const BATCH = 5_000;
/** Advisory lock id: one re-keying at a time across server instances. */
const LOCK = 0x5eed_1dc5;

/**
 * Re-keys every record when the index was built with an older key format (or always, with
 * `force`), in one transaction with its audit entry. Returns how many records were re-keyed.
 */
export async function ensureRecordIndex(
  deps: { database: Database; clock: Clock },
  options: { force?: boolean; progress?: (done: number) => void } = {},
): Promise<number> {
  const done = await rekey(deps, options);
  if (done > 0) {
    // Every key was deleted and written again: the index holds twice its size until rebuilt, and
    // the planner's statistics describe the old keys. Both are put right before checks are served.
    await deps.database.ownerQuery("REINDEX TABLE record_keys");
    await deps.database.ownerQuery("ANALYZE record_keys");
  }
  return done;
}

/** Re-keys in one transaction (see ensureRecordIndex); how many records. */
async function rekey(
  deps: { database: Database; clock: Clock },
  options: { force?: boolean; progress?: (done: number) => void },
): Promise<number> {
  return deps.database.tx(scope, async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOCK})`);
    const state = rowsOf<{ version: number }>(
      await tx.execute(sql`SELECT version FROM record_index_state WHERE id`),
    )[0];
    if (state?.version === INDEX_KEY_VERSION && !options.force) return 0;
    let done = 0;
    let after: string | undefined;
    for (;;) {
      const rows = await tx
        .select()
        .from(records)
        .where(after === undefined ? undefined : gt(records.id, after))
        .orderBy(asc(records.id))
        .limit(BATCH);
      if (rows.length === 0) break;
      await writeKeys(
        tx,
        rows.map((r) => prepareRecord(inputOf(r))),
        true,
      );
      done += rows.length;
      after = rows[rows.length - 1]?.id;
      options.progress?.(done);
    }
    await tx.execute(sql`
      INSERT INTO record_index_state (id, version) VALUES (true, ${INDEX_KEY_VERSION})
      ON CONFLICT (id) DO UPDATE SET version = excluded.version`);
    if (done === 0) return 0;
    await appendAudit(
      tx,
      deps.clock.now(),
      null,
      { address: "system", requestId: undefined },
      {
        action: "records.reindex",
        objectType: "record_index",
        details: { from: state?.version ?? null, to: INDEX_KEY_VERSION, records: done },
      },
    );
    return done;
  });
}
