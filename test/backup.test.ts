import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Database } from "../src/adapters/db/index.js";
import { openPglite } from "../src/adapters/db/pglite.js";
import { openPostgres } from "../src/adapters/db/postgres.js";
import { DB_KINDS } from "./support/db.js";
import { scratchDatabase } from "./support/scratch-db.js";

/** `shekara backup` and `shekara restore` round trips on both databases, through the real CLI. */
const TSX = path.resolve("node_modules/.bin/tsx");

const cli = (env: NodeJS.ProcessEnv, ...args: string[]) => {
  const r = spawnSync(TSX, ["src/cli/main.ts", ...args], { env, encoding: "utf8" });
  return { status: r.status, out: r.stdout, err: r.stderr };
};

/** Row counts of every application table and the audit chain's head: the fingerprint compared. */
async function fingerprint(db: Database): Promise<Record<string, unknown>> {
  const tables = await db.ownerQuery(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
  );
  const counts = await db.ownerQuery(
    `SELECT ${tables.map((t) => `(SELECT count(*)::int FROM "${String(t.tablename)}") AS "${String(t.tablename)}"`).join(", ")}`,
  );
  const head = await db.ownerQuery("SELECT seq::text, hash FROM audit_chain ORDER BY seq DESC LIMIT 1");
  return { ...counts[0], head: head[0] ?? null };
}

describe.each(DB_KINDS)("backup and restore on %s", (kind) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shekara-backup-"));
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function freshUrl(): Promise<string> {
    const scratch = await scratchDatabase(process.env.TEST_DATABASE_URL ?? "", "shekara_bk");
    cleanups.push(scratch.drop);
    return scratch.url;
  }

  it("restores a backup into an empty database with the same records and a valid audit chain", async () => {
    const base = { ...process.env, SHEKARA_DEMO: "1", LOG_LEVEL: "silent" };
    const source: NodeJS.ProcessEnv =
      kind === "postgres"
        ? { ...base, DATABASE_URL: await freshUrl(), SHEKARA_DATA_DIR: path.join(dir, "unused") }
        : { ...base, DATABASE_URL: "", SHEKARA_DATA_DIR: path.join(dir, "source") };
    const target: NodeJS.ProcessEnv =
      kind === "postgres"
        ? { ...source, DATABASE_URL: await freshUrl() }
        : { ...source, SHEKARA_DATA_DIR: path.join(dir, "target") };
    if (kind === "pglite") {
      delete source.DATABASE_URL;
      delete target.DATABASE_URL;
    }
    expect(cli(source, "demo-data").status).toBe(0);
    const verify = cli(source, "audit", "verify");
    expect(verify.out).toMatch(/Audit chain valid/);

    const file = path.join(dir, `backup-${kind}.bin`);
    const backup = cli(source, "backup", "--out", file);
    expect(backup.err).toBe("");
    expect(backup.out).toMatch(/Backup written/);
    expect(fs.statSync(file).size).toBeGreaterThan(1000);

    const restored = cli(target, "restore", file);
    expect(restored.err).toBe("");
    expect(restored.out).toContain("Restored");
    const again = cli(target, "restore", file);
    expect(again.status).toBe(1); // never over an existing database

    const open = (env: NodeJS.ProcessEnv) =>
      env.DATABASE_URL ? openPostgres(env.DATABASE_URL, 2) : openPglite(env.SHEKARA_DATA_DIR);
    const a = await open(source);
    const before = await fingerprint(a);
    await a.close();
    const b = await open(target);
    const after = await fingerprint(b);
    await b.close();
    expect(after).toEqual(before);
    expect(Number((before as { users: number }).users)).toBeGreaterThan(5);

    const verified = cli(target, "audit", "verify");
    expect(verified.err).toBe("");
    expect(verified.out).toMatch(/Audit chain valid: \d+ entries/);
  }, 240_000);
});
