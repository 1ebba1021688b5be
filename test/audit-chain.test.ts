import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../src/adapters/db/index.js";
import { appendAudit, sealAudit, verifyAudit } from "../src/services/audit/audit.service.js";
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
