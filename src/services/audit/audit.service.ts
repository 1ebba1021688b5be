import { hash } from "node:crypto";
import { asc, desc, sql } from "drizzle-orm";
import type { Database, Tx } from "../../adapters/db/index.js";
import { rowsOf } from "../../adapters/db/rows.js";
import { auditChain, auditHeads, auditLog, auditUnsealed } from "../../db/schema.js";
import type { Actor, RequestMeta } from "../context.js";
import { canonicalJson } from "./canonical.js";

/** The chain's first "previous hash". */
export const GENESIS_HASH = "0".repeat(64);

/** One audit entry to append. */
export interface AuditInput {
  action: string;
  objectType: string;
  objectId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Appends an audit entry inside the caller's transaction, so the change and its record commit
 * or fail together (C-3). The entry is chained later by the sealer.
 */
export async function appendAudit(
  tx: Tx,
  at: Date,
  actor: Pick<Actor, "userId" | "roles" | "unitId"> | null,
  meta: RequestMeta,
  input: AuditInput,
): Promise<void> {
  await appendAudits(tx, [{ at, actor, meta, input }]);
}

/** One audit entry of a batch: when, who, from where, what. */
export interface AuditEntry {
  at: Date;
  actor: Pick<Actor, "userId" | "roles" | "unitId"> | null;
  meta: RequestMeta;
  input: AuditInput;
}

/** Audit entries as the JSON rows `appendAudits` inserts (n keeps their order). */
function auditRows(entries: readonly AuditEntry[]): Record<string, unknown>[] {
  return entries.map(({ at, actor, meta, input }, n) => ({
    n,
    at: at.toISOString(),
    actor_id: actor?.userId ?? null,
    actor_role: actor ? actor.roles.join(",") : null,
    unit_id: actor?.unitId ?? null,
    action: input.action,
    object_type: input.objectType,
    object_id: input.objectId ?? null,
    address: meta.address ?? null,
    request_id: meta.requestId ?? null,
    details: input.details ?? {},
  }));
}

const AUDIT_INSERT_HEAD = `INSERT INTO audit_log (at, actor_id, actor_role, unit_id, action, object_type,
      object_id, address, request_id, details)
    SELECT e.at, e.actor_id, e.actor_role, e.unit_id, e.action, e.object_type, e.object_id, e.address,
      e.request_id, e.details
    FROM json_to_recordset(`;
const AUDIT_INSERT_TAIL = `::json) AS e(n int, at timestamptz, actor_id uuid, actor_role text, unit_id uuid,
      action text, object_type text, object_id text, address text, request_id text, details jsonb)
    ORDER BY e.n`;

/**
 * Appends several audit entries inside the caller's transaction in one statement (a batch of
 * writes committed together), in the given order; as appendAudit, chained later by the sealer.
 */
export async function appendAudits(tx: Tx, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = JSON.stringify(auditRows(entries));
  await tx.execute(sql`${sql.raw(AUDIT_INSERT_HEAD)}${rows}${sql.raw(AUDIT_INSERT_TAIL)}`);
}

type AuditRow = typeof auditLog.$inferSelect;

/** The hashed content of an entry: every column, in canonical form. */
export function entryHash(prevHash: string, row: AuditRow): string {
  const content = canonicalJson({
    id: row.id,
    at: row.at,
    actorId: row.actorId,
    actorRole: row.actorRole,
    unitId: row.unitId,
    action: row.action,
    objectType: row.objectType,
    objectId: row.objectId,
    address: row.address,
    requestId: row.requestId,
    details: row.details,
  });
  // One-shot over the concatenation: the same digest as two updates, without a Hash object per entry.
  return hash("sha256", prevHash + content, "hex");
}

/**
 * Entries one sealing transaction chains. Hashing is synchronous: at 200 a batch holds the event
 * loop a few milliseconds (1,000 held it 15–20 ms), and the round gives requests their turn between
 * batches, outside any transaction.
 */
const SEAL_BATCH = 200;

// One sealer at a time across instances; writers never wait on it.
const SEAL_LOCK = 7_317_002;

/**
 * The oldest `batchSize` unchained entries, in id order (the queue: migration audit_unsealed). The
 * batch's ids are taken first and the entries fetched by key: joined with the queue, the log was
 * merge-joined from its first entry, walking every sealed one (160 ms a batch at 100,000 entries,
 * growing with the log), or scanned whole and hashed.
 */
export function pendingEntries(tx: Tx, batchSize: number) {
  const oldest = tx
    .select({ auditId: auditUnsealed.auditId })
    .from(auditUnsealed)
    .orderBy(asc(auditUnsealed.auditId))
    .limit(batchSize);
  return tx
    .select()
    .from(auditLog)
    .where(sql`${auditLog.id} = ANY(ARRAY(${oldest}))`)
    .orderBy(asc(auditLog.id));
}

/**
 * Seals committed, unsealed entries into the hash chain, in id order, in one small batch.
 * Writers only insert into audit_log, so chaining never serializes the system's writes.
 * Returns how many entries were sealed.
 */
export async function sealAudit(database: Database, batchSize = SEAL_BATCH): Promise<number> {
  return database.tx({ unitPaths: [], all: true }, async (tx) => {
    const locked = await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${SEAL_LOCK}) AS ok`);
    if (!rowsOf<{ ok: boolean }>(locked)[0]?.ok) return 0;
    const head = await tx.select().from(auditChain).orderBy(desc(auditChain.seq)).limit(1);
    let prevHash = head[0]?.hash ?? GENESIS_HASH;
    let seq = head[0]?.seq ?? 0n;
    const pending = await pendingEntries(tx, batchSize);
    if (pending.length === 0) return 0;
    const links = pending.map((row) => {
      seq += 1n;
      const hash = entryHash(prevHash, row);
      const link = { seq, auditId: row.id, prevHash, hash };
      prevHash = hash;
      return link;
    });
    // One JSON parameter: a thousand links as four thousand bound values cost more to build than
    // the sealing itself.
    const json = links.map((l) => ({
      seq: l.seq.toString(),
      audit_id: l.auditId.toString(),
      prev_hash: l.prevHash,
      hash: l.hash,
    }));
    await tx.execute(sql`INSERT INTO ${auditChain} (seq, audit_id, prev_hash, hash)
      SELECT l.seq, l.audit_id, l.prev_hash, l.hash
      FROM json_to_recordset(${JSON.stringify(json)}::json) AS l(seq bigint, audit_id bigint, prev_hash text, hash text)`);
    return links.length;
  });
}

/** Batches one sealing round may take before it gives the next round its turn (20,000 entries). */
const SEAL_ROUND_BATCHES = 100;

/**
 * Seals batches until the queue is shorter than a batch or the round's batches are spent, yielding
 * to other work between batches: at a thousand entries a second one batch a second falls behind.
 * Returns how many entries were sealed.
 */
export async function sealRound(database: Database, batchSize = SEAL_BATCH): Promise<number> {
  let sealed = 0;
  for (let round = 0; round < SEAL_ROUND_BATCHES; round++) {
    const n = await sealAudit(database, batchSize);
    sealed += n;
    if (n < batchSize) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return sealed;
}

/** The result of walking the chain. */
export interface VerifyReport {
  ok: boolean;
  checked: number;
  unsealed: number;
  headHash: string;
  firstBad?: { seq: string; auditId: string; problem: string };
}

/** Walks the whole chain in order, recomputing every hash; reports the first bad link. */
export async function verifyAudit(database: Database, pageSize = 5000): Promise<VerifyReport> {
  return database.tx({ unitPaths: [], all: true }, async (tx) => {
    // The newest signed head pins the chain's length: removing entries from the end is caught too.
    const signed = (await tx.select().from(auditHeads).orderBy(desc(auditHeads.signedAt)).limit(1))[0];
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1n;
    let checked = 0;
    for (;;) {
      const page = await tx
        .select({ link: auditChain, entry: auditLog })
        .from(auditChain)
        .leftJoin(auditLog, sql`${auditLog.id} = ${auditChain.auditId}`)
        .where(sql`${auditChain.seq} >= ${expectedSeq}`)
        .orderBy(asc(auditChain.seq))
        .limit(pageSize);
      if (page.length === 0) break;
      for (const { link, entry } of page) {
        const bad = (problem: string): VerifyReport => ({
          ok: false,
          checked,
          unsealed: 0,
          headHash: prevHash,
          firstBad: { seq: link.seq.toString(), auditId: link.auditId.toString(), problem },
        });
        if (link.seq !== expectedSeq) return bad(`sequence gap: expected ${expectedSeq}`);
        if (link.prevHash !== prevHash) return bad("previous-hash link broken (entry removed or reordered)");
        if (!entry) return bad("audit entry missing");
        if (entryHash(prevHash, entry) !== link.hash) return bad("entry content changed");
        if (signed && signed.seq === link.seq.toString() && signed.hash !== link.hash) {
          return bad("differs from the signed chain head");
        }
        prevHash = link.hash;
        expectedSeq += 1n;
        checked += 1;
      }
    }
    if (signed && BigInt(signed.seq) > BigInt(checked)) {
      return {
        ok: false,
        checked,
        unsealed: 0,
        headHash: prevHash,
        firstBad: {
          seq: String(checked + 1),
          auditId: "",
          problem: `chain ends before the signed head ${signed.seq}`,
        },
      };
    }
    const unsealedRows = await tx.execute(
      sql`SELECT count(*)::int AS n FROM ${auditLog} a WHERE NOT EXISTS (SELECT 1 FROM ${auditChain} c WHERE c.audit_id = a.id)`,
    );
    return {
      ok: true,
      checked,
      unsealed: Number(rowsOf<{ n: number }>(unsealedRows)[0]?.n ?? 0),
      headHash: prevHash,
    };
  });
}
