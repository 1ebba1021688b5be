import fs from "node:fs";
import { inject } from "vitest";
import type { Database } from "../../src/adapters/db/index.js";
import { openPglite } from "../../src/adapters/db/pglite.js";
import { openPostgres } from "../../src/adapters/db/postgres.js";
import type { PgliteSnapshots } from "./pglite-snapshots.js";
import { scratchDatabase } from "./scratch-db.js";

/** The databases every database test runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const DB_KINDS: ("pglite" | "postgres")[] = process.env.TEST_DATABASE_URL
  ? ["pglite", "postgres"]
  : ["pglite"];

/** A fresh, migrated database of the given kind, and how to throw it away. */
export interface TestDatabase {
  database: Database;
  url?: string;
  drop(): Promise<void>;
}

/**
 * Creates a fresh database: an in-memory PGlite (loaded from the run's snapshot of a new cluster,
 * migrated or not, when the global setup made one), or a new database on the PostgreSQL server.
 */
export async function freshDatabase(kind: "pglite" | "postgres", migrate = true): Promise<TestDatabase> {
  if (kind === "pglite") {
    const snapshots = providedSnapshots();
    const file = snapshots && (migrate ? snapshots.migrated : snapshots.empty);
    const database = await openPglite(undefined, file ? new Blob([fs.readFileSync(file)]) : undefined);
    // A no-op on the migrated snapshot; the migration table says so.
    if (migrate) await database.migrate();
    return { database, drop: () => database.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const scratch = await scratchDatabase(adminUrl, "shekara_test");
  const database = await openPostgres(scratch.url, 30);
  if (migrate) await database.migrate();
  return {
    database,
    url: scratch.url,
    async drop() {
      await database.close().catch(() => undefined);
      await scratch.drop();
    },
  };
}

/** The run's PGlite snapshots, if the global setup made them (not outside a Vitest run). */
function providedSnapshots(): PgliteSnapshots | undefined {
  try {
    return inject("pgliteSnapshots");
  } catch {
    return undefined;
  }
}
