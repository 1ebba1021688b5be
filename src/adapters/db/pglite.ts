import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { fuzzystrmatch } from "@electric-sql/pglite/contrib/fuzzystrmatch";
import { ltree } from "@electric-sql/pglite/contrib/ltree";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import lockfile from "proper-lockfile";
import * as schema from "../../db/schema.js";
import type { AppDb, Database, DbScope, HotPathFunction } from "./database.js";
import { MIGRATIONS_DIR } from "./migrate.js";
import { callOf, enterAppRole } from "./scope.js";

/** Raised when another process holds the embedded database's data folder. */
export class DataFolderLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `The data folder ${dataDir} is in use by another Shekara process (is the server running?). ` +
        "PGlite allows one process per data folder: stop that process first, or run Shekara on a " +
        "PostgreSQL server (DATABASE_URL) to use several processes at once.",
    );
    this.name = "DataFolderLockedError";
  }
}

/** The PostgreSQL extensions the schema uses, loaded into every embedded instance. */
export const PGLITE_EXTENSIONS = { ltree, pg_trgm, unaccent, fuzzystrmatch };
const extensions = PGLITE_EXTENSIONS;

/**
 * Takes the data folder's lock (one process per folder); resolves to its release. A crashed
 * holder's lock goes stale after 10 s; a live holder refreshes it every 3 s.
 */
export async function lockDataFolder(dataDir: string): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: path.join(dataDir, "shekara.lock"),
      stale: 10_000,
      update: 3_000,
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ELOCKED") throw new DataFolderLockedError(dataDir);
    throw err;
  }
}

/** The embedded database, which can also dump its whole cluster (test fixtures start from one). */
export interface PgliteDatabase extends Database {
  /** The cluster as an uncompressed tarball, for `openPglite(undefined, snapshot)`. */
  snapshot(): Promise<Blob>;
}

/**
 * Opens the embedded database. With a data folder it is persisted there and guarded by a lock
 * file (one process per folder); without one it lives in memory (tests), started from `snapshot`
 * (another in-memory instance's `snapshot()`) when given instead of a new, empty cluster.
 */
export async function openPglite(dataDir?: string, snapshot?: Blob): Promise<PgliteDatabase> {
  let release: (() => Promise<void>) | undefined;
  let dbDir: string | undefined;
  if (dataDir) {
    dbDir = path.join(dataDir, "pgdata");
    fs.mkdirSync(dbDir, { recursive: true });
    release = await lockDataFolder(dataDir);
  }
  const client = new PGlite({
    dataDir: dbDir,
    extensions,
    ...(snapshot && !dbDir ? { loadDataDir: snapshot } : {}),
  });
  await client.waitReady;
  const pgliteDb = drizzle({ client, schema });
  const db = pgliteDb as unknown as AppDb;
  return {
    kind: "pglite",
    db,
    tx: (scope, fn) =>
      db.transaction(async (tx) => {
        await enterAppRole(tx, scope);
        return fn(tx);
      }),
    async call<R>(fn: HotPathFunction, scope: DbScope, args: unknown[]) {
      const { text, values } = callOf(fn, scope, args);
      return (await client.query<R>(text, values)).rows;
    },
    async ownerQuery(text, params) {
      const result = await client.query<Record<string, unknown>>(text, params);
      return result.rows;
    },
    migrate: () => migrate(pgliteDb, { migrationsFolder: MIGRATIONS_DIR }),
    snapshot: () => client.dumpDataDir("none"),
    async close() {
      await client.close();
      await release?.();
    },
  };
}
