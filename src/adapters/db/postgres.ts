import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as schema from "../../db/schema.js";
import type { AppDb, Database } from "./database.js";
import { MIGRATIONS_DIR } from "./migrate.js";
import { enterAppRole } from "./scope.js";

// Any fixed number: instances starting at once must not migrate concurrently.
const MIGRATION_LOCK = 7_317_001;

/** Opens a connection pool on a PostgreSQL server. */
export async function openPostgres(url: string, poolSize = 20): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on("error", () => undefined);
  const db = drizzle({ client: pool, schema }) as unknown as AppDb;
  return {
    kind: "postgres",
    db,
    tx: (scope, fn) =>
      db.transaction(async (tx) => {
        await enterAppRole(tx, scope);
        return fn(tx);
      }),
    async ownerQuery(text, params) {
      const result = await pool.query(text, params as unknown[]);
      return result.rows as Record<string, unknown>[];
    },
    async migrate() {
      // Session advisory locks belong to one connection: lock, migrate and unlock on the same client.
      const client = await pool.connect();
      try {
        await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
        await migrate(drizzle({ client, schema }), { migrationsFolder: MIGRATIONS_DIR });
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
