import { drizzle, NodePgSession, NodePgTransaction } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as schema from "../../db/schema.js";
import type { AppDb, Database, DbScope, HotPathFunction, Tx } from "./database.js";
import { MIGRATIONS_DIR } from "./migrate.js";
import { callOf, scopeSettings } from "./scope.js";

// Any fixed number: instances starting at once must not migrate concurrently.
const MIGRATION_LOCK = 7_317_001;

/** Drizzle's internals a hand-opened transaction needs (the same ones its own `transaction` uses). */
interface DrizzleInternals {
  dialect: ConstructorParameters<typeof NodePgTransaction>[0];
  _: { schema: ConstructorParameters<typeof NodePgTransaction>[2] };
}

/** Opens a connection pool on a PostgreSQL server. */
export async function openPostgres(url: string, poolSize = 20): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on("error", () => undefined);
  const db = drizzle({ client: pool, schema }) as unknown as AppDb;
  const { dialect, _ } = db as unknown as DrizzleInternals;
  return {
    kind: "postgres",
    db,
    // BEGIN and the role switch with the scope settings travel as one simple-protocol message (one
    // round trip instead of two); the settings are escaped by the driver. COMMIT is the only other
    // round trip the transaction itself costs.
    async tx(scope, fn) {
      const client = await pool.connect();
      let broken = false;
      try {
        const settings = scopeSettings(scope)
          .map(
            ([name, value]) =>
              `set_config(${client.escapeLiteral(name)}, ${client.escapeLiteral(value)}, true)`,
          )
          .join(", ");
        await client.query(`BEGIN; SELECT ${settings}`);
        const session = new NodePgSession(client, dialect, _.schema);
        const tx = new NodePgTransaction(dialect, session, _.schema) as unknown as Tx;
        try {
          const result = await fn(tx);
          await client.query("COMMIT");
          return result;
        } catch (err) {
          await client.query("ROLLBACK").catch(() => {
            broken = true;
          });
          throw err;
        }
      } finally {
        // A connection that could not roll back is not given to the next request.
        client.release(broken);
      }
    },
    async call<R>(fn: HotPathFunction, scope: DbScope, args: unknown[]) {
      const { text, values } = callOf(fn, scope, args);
      return (await pool.query({ name: fn, text, values })).rows as R[];
    },
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
