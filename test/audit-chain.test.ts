import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Database, rowsOf, type Tx } from "../src/adapters/db/index.js";
import { ephemeralSigner } from "../src/adapters/signer.js";
import {
  appendAudit,
  pendingEntries,
  sealAudit,
  sealRound,
  verifyAudit,
} from "../src/services/audit/audit.service.js";
import { headStatement, signAuditHead } from "../src/services/audit/head.service.js";
import { DB_KINDS, freshDatabase, type TestDatabase } from "./support/db.js";

async function write(database: Database, n: number) {
  for (let i = 0; i < n; i++) {
    await database.tx({ unitPaths: [], all: true }, (tx) =>
      appendAudit(
        tx,
        new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
        null,
        { address: "test", requestId: `r${i}` },
        {
          action: "test.write",
          objectType: "test",
          objectId: String(i),
          details: { i },
        },
      ),
    );
  }
}

describe.each(DB_KINDS)("audit chain on %s", (kind) => {
  let fresh: TestDatabase;
  beforeEach(async () => {
    fresh = await freshDatabase(kind);
  });
  afterEach(() => fresh.drop());

  it("seals entries in order and verifies", async () => {
    await write(fresh.database, 12);
    expect(await sealAudit(fresh.database, 5)).toBe(5);
    while ((await sealAudit(fresh.database, 5)) > 0);
    const report = await verifyAudit(fresh.database);
    expect(report).toMatchObject({ ok: true, checked: 12, unsealed: 0 });
  });

  it("queues unchained entries; the application role can read the queue but not change it", async () => {
    await write(fresh.database, 3);
    const queued = async () =>
      (await fresh.database.ownerQuery("SELECT count(*)::int AS n FROM audit_unsealed"))[0]?.n;
    expect(await queued()).toBe(3);
    for (const statement of [
      sql`DELETE FROM audit_unsealed`,
      sql`INSERT INTO audit_unsealed (audit_id) VALUES (424242)`,
    ]) {
      await expect(
        fresh.database.tx({ unitPaths: [], all: true }, (tx) => tx.execute(statement)),
      ).rejects.toThrow();
    }
    expect(await sealAudit(fresh.database)).toBe(3);
    expect(await queued()).toBe(0);
    expect(await sealAudit(fresh.database)).toBe(0);
  });

  it("chains an entry that commits after later entries were chained", async () => {
    await write(fresh.database, 4);
    while ((await sealAudit(fresh.database)) > 0);
    // An id taken by a transaction that commits late: lower than the chained ones.
    await fresh.database.ownerQuery(
      "INSERT INTO audit_log (id, at, action, object_type, details) VALUES (-1, now(), 'test.late', 'test', '{}')",
    );
    expect(await sealAudit(fresh.database)).toBe(1);
    expect(await verifyAudit(fresh.database)).toMatchObject({ ok: true, checked: 5, unsealed: 0 });
  });

  it("a sealing round takes batch after batch until the queue is shorter than a batch", async () => {
    await write(fresh.database, 12);
    expect(await sealRound(fresh.database, 5)).toBe(12);
    expect(await verifyAudit(fresh.database)).toMatchObject({ ok: true, checked: 12, unsealed: 0 });
  });

  it("refuses UPDATE and DELETE: the application role lacks the privilege, the owner meets the trigger", async () => {
    await write(fresh.database, 1);
    await expect(
      fresh.database.tx({ unitPaths: [] }, (tx) => tx.execute(sql`DELETE FROM audit_log`)),
    ).rejects.toThrow();
    await expect(
      fresh.database.tx({ unitPaths: [] }, (tx) => tx.execute(sql`UPDATE audit_log SET action = 'x'`)),
    ).rejects.toThrow();
    await expect(fresh.database.ownerQuery("UPDATE audit_log SET action = 'x'")).rejects.toThrow(
      /append-only/,
    );
    await expect(fresh.database.ownerQuery("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
  });

  it("detects and locates a changed entry", async () => {
    await write(fresh.database, 6);
    while ((await sealAudit(fresh.database)) > 0);
    // Only an owner who disables the trigger can change a row; the chain still tells.
    await fresh.database.ownerQuery("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
    await fresh.database.ownerQuery("UPDATE audit_log SET details = '{\"i\": 99}' WHERE object_id = '3'");
    const report = await verifyAudit(fresh.database);
    expect(report.ok).toBe(false);
    expect(report.checked).toBe(3);
    expect(report.firstBad?.problem).toBe("entry content changed");
  });
});

describe.each(DB_KINDS)("audit tampering on %s", (kind) => {
  let fresh: TestDatabase;
  beforeEach(async () => {
    fresh = await freshDatabase(kind);
    await write(fresh.database, 8);
    while ((await sealAudit(fresh.database)) > 0);
    for (const table of ["audit_log", "audit_chain"]) {
      await fresh.database.ownerQuery(`ALTER TABLE ${table} DISABLE TRIGGER ${table}_append_only`);
    }
  });
  afterEach(() => fresh.drop());

  it("detects and locates a removed entry", async () => {
    await fresh.database.ownerQuery("DELETE FROM audit_chain WHERE seq = 4");
    const report = await verifyAudit(fresh.database);
    expect(report).toMatchObject({ ok: false, checked: 3, firstBad: { seq: "5" } });
  });

  it("detects and locates reordered entries", async () => {
    // Swap the positions of entries 5 and 6 in the chain (through a spare number: seq is unique).
    await fresh.database.ownerQuery("UPDATE audit_chain SET seq = 999 WHERE seq = 5");
    await fresh.database.ownerQuery("UPDATE audit_chain SET seq = 5 WHERE seq = 6");
    await fresh.database.ownerQuery("UPDATE audit_chain SET seq = 6 WHERE seq = 999");
    const report = await verifyAudit(fresh.database);
    expect(report).toMatchObject({ ok: false, checked: 4, firstBad: { seq: "5" } });
  });

  it("detects entries cut from the end, against the signed head", async () => {
    const deps = {
      database: fresh.database,
      clock: { now: () => new Date("2026-11-22T00:00:00Z") },
      signer: ephemeralSigner(),
    };
    const head = await signAuditHead(deps, true);
    expect(head?.seq).toBe("8");
    expect(
      deps.signer.verify(
        headStatement(head?.seq ?? "", head?.hash ?? "", head?.signedAt ?? ""),
        head?.signature ?? "",
      ),
    ).toBe(true);
    await fresh.database.ownerQuery("DELETE FROM audit_chain WHERE seq >= 7");
    const report = await verifyAudit(fresh.database);
    expect(report.ok).toBe(false);
    expect(report.firstBad?.problem).toContain("signed head 8");
  });
});

/** Rows a plan (EXPLAIN ANALYZE, JSON) read from `relation`, over all its nodes and loops. */
function rowsReadFrom(plan: Record<string, unknown>, relation: string): number {
  const own =
    plan["Relation Name"] === relation ? Number(plan["Actual Rows"]) * Number(plan["Actual Loops"]) : 0;
  const children = (plan.Plans as Record<string, unknown>[] | undefined) ?? [];
  return children.reduce((sum, child) => sum + rowsReadFrom(child, relation), own);
}

describe.each(DB_KINDS)("audit sealing on a long log on %s", (kind) => {
  it("reads only the batch's entries, not the sealed ones before them, whatever the statistics say", async () => {
    const fresh = await freshDatabase(kind);
    try {
      const bulk = (n: number) =>
        fresh.database.ownerQuery(
          `INSERT INTO audit_log (at, action, object_type, object_id, details)
           SELECT now(), 'test.bulk', 'test', g::text, jsonb_build_object('i', g) FROM generate_series(1, ${n}) g`,
        );
      await bulk(3000);
      // Statistics taken while the whole log waits in the queue: the planner then thinks the queue
      // long, and joining it whole with the log, it walked the log from its first entry.
      await fresh.database.ownerQuery("ANALYZE audit_log");
      await fresh.database.ownerQuery("ANALYZE audit_unsealed");
      expect(await sealRound(fresh.database)).toBe(3000);
      await bulk(1);
      const query = await fresh.database.tx({ unitPaths: [], all: true }, async (tx) =>
        pendingEntries(tx, 200).toSQL(),
      );
      const [explained] = await fresh.database.ownerQuery(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${query.sql}`,
        query.params,
      );
      const plan = (Object.values(explained ?? {})[0] as { Plan: Record<string, unknown> }[])[0]?.Plan;
      expect(plan).toBeDefined();
      expect(rowsReadFrom(plan ?? {}, "audit_log")).toBe(1);
    } finally {
      await fresh.drop();
    }
  });
});

describe.each(DB_KINDS)("the queue of unchained entries on %s", (kind) => {
  it("loses a batch's entries by key as they are chained, without scanning the whole queue", async () => {
    const fresh = await freshDatabase(kind);
    try {
      await fresh.database.ownerQuery(
        `INSERT INTO audit_log (at, action, object_type, object_id, details)
         SELECT now(), 'test.bulk', 'test', g::text, '{}' FROM generate_series(1, 20000) g`,
      );
      // Statistics of a long queue: the planner, knowing nothing of the new links' number, hashed
      // the whole queue for the dequeue's join (6-17 ms a batch of 200 at 14,000 queued).
      await fresh.database.ownerQuery("ANALYZE audit_unsealed");
      // Scans counted in this transaction, before and after (the view also shows the backend's
      // counts not yet flushed from earlier transactions).
      const seqScans = async (tx: Tx) =>
        rowsOf<{ n: number }>(
          await tx.execute(
            sql`SELECT seq_scan::int AS n FROM pg_stat_xact_user_tables WHERE relname = 'audit_unsealed'`,
          ),
        )[0]?.n ?? 0;
      const scans = await fresh.database
        .tx({ unitPaths: [], all: true }, async (tx) => {
          const before = await seqScans(tx);
          await tx.execute(sql`INSERT INTO audit_chain (seq, audit_id, prev_hash, hash)
            SELECT row_number() OVER (ORDER BY audit_id), audit_id, 'prev', 'hash'
            FROM (SELECT audit_id FROM audit_unsealed ORDER BY audit_id LIMIT 200) q`);
          const seq = (await seqScans(tx)) - before;
          const [left] = rowsOf<{ queued: number }>(
            await tx.execute(sql`SELECT count(*)::int AS queued FROM audit_unsealed`),
          );
          throw Object.assign(new Error("roll back"), { row: { seq, queued: left?.queued } });
        })
        .catch((error: { row?: { seq: number; queued: number } }) => error.row);
      expect(scans).toEqual({ seq: 0, queued: 19800 });
    } finally {
      await fresh.drop();
    }
  });
});

describe.runIf(DB_KINDS.includes("postgres"))("audit chain under concurrent writers on PostgreSQL", () => {
  it("keeps one valid chain while 20 writers append and the sealer runs", async () => {
    const fresh = await freshDatabase("postgres");
    try {
      let sealing = true;
      const sealer = (async () => {
        while (sealing) {
          await sealAudit(fresh.database, 50);
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      await Promise.all(Array.from({ length: 20 }, () => write(fresh.database, 25)));
      sealing = false;
      await sealer;
      while ((await sealAudit(fresh.database)) > 0);
      const report = await verifyAudit(fresh.database);
      expect(report).toMatchObject({ ok: true, checked: 500, unsealed: 0 });
    } finally {
      await fresh.drop();
    }
  });
});
