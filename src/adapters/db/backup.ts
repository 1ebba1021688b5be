import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { APP_ROLE } from "./database.js";
import { lockDataFolder, PGLITE_EXTENSIONS } from "./pglite.js";

/**
 * Backups of either database. The embedded one is dumped under its data-folder lock (so no server
 * writes meanwhile: the copy is consistent) as PGlite's own gzipped tarball of the data folder;
 * a PostgreSQL server is dumped with pg_dump's custom format (a consistent snapshot while the
 * servers keep running) and restored with pg_restore.
 */

const pgdataOf = (dataDir: string) => path.join(dataDir, "pgdata");

/** Writes a consistent copy of the embedded database to `outFile`; returns its size in bytes. */
export async function backupPglite(dataDir: string, outFile: string): Promise<number> {
  if (!fs.existsSync(pgdataOf(dataDir))) throw new Error(`No embedded database in ${dataDir}.`);
  const release = await lockDataFolder(dataDir);
  try {
    const client = new PGlite({ dataDir: pgdataOf(dataDir), extensions: PGLITE_EXTENSIONS });
    await client.waitReady;
    try {
      const dump = await client.dumpDataDir("gzip");
      const bytes = Buffer.from(await dump.arrayBuffer());
      fs.writeFileSync(outFile, bytes);
      return bytes.length;
    } finally {
      await client.close();
    }
  } finally {
    await release();
  }
}

/** Restores an embedded-database backup into an empty data folder (refuses to overwrite data). */
export async function restorePglite(dataDir: string, inFile: string): Promise<void> {
  const target = pgdataOf(dataDir);
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0) {
    throw new Error(`${target} already holds a database: restore into an empty data folder.`);
  }
  fs.mkdirSync(target, { recursive: true });
  const release = await lockDataFolder(dataDir);
  try {
    const blob = new Blob([fs.readFileSync(inFile)]);
    const client = new PGlite({ dataDir: target, extensions: PGLITE_EXTENSIONS, loadDataDir: blob });
    await client.waitReady;
    await client.query("SELECT 1");
    await client.close();
  } finally {
    await release();
  }
}

function requireTool(tool: string): void {
  const found = spawnSync(tool, ["--version"], { encoding: "utf8" });
  if (found.status !== 0) {
    throw new Error(
      `${tool} was not found on PATH. Install the PostgreSQL client tools of the server's major version (e.g. apt-get install postgresql-client).`,
    );
  }
}

/** Dumps a PostgreSQL database with pg_dump (custom format, a consistent snapshot); returns the size. */
export function backupPostgres(url: string, outFile: string): number {
  requireTool("pg_dump");
  const r = spawnSync("pg_dump", ["--format=custom", "--no-owner", `--file=${outFile}`, url], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`pg_dump failed: ${r.stderr.trim()}`);
  return fs.statSync(outFile).size;
}

/**
 * Restores a pg_dump backup into an empty PostgreSQL database. The application role is created
 * first (roles live outside databases) so the dump's grants and row-level security apply as before.
 */
export async function restorePostgres(url: string, inFile: string): Promise<void> {
  requireTool("pg_restore");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query(
      "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname IN ('public', 'drizzle')",
    );
    if (Number(tables.rows[0]?.n) > 0)
      throw new Error("The target database is not empty: restore into a new database.");
    await client.query(
      `DO $$ BEGIN CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS; EXCEPTION WHEN duplicate_object THEN NULL; END $$`,
    );
    await client.query(`DO $$ BEGIN EXECUTE format('GRANT ${APP_ROLE} TO %I', current_user); END $$`);
  } finally {
    await client.end();
  }
  const r = spawnSync("pg_restore", ["--no-owner", "--exit-on-error", `--dbname=${url}`, inFile], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`pg_restore failed: ${r.stderr.trim()}`);
}
