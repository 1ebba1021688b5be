import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type * as schema from "../../db/schema.js";

/** The schema type shared by both drivers. */
export type Schema = typeof schema;

/** A Drizzle database over either driver: the embedded PGlite or a PostgreSQL server. */
export type AppDb = PgDatabase<PgQueryResultHKT, Schema>;

/** A transaction handle; every application query runs inside one, under the application role. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/** Where a request's queries are scoped: used by row-level security policies. */
export interface DbScope {
  /** ltree paths of the unit subtrees the actor may see; empty for the public and citizens. */
  unitPaths: readonly string[];
  /** The acting user, when signed in. */
  userId?: string | undefined;
  /** True for system administrators, who see every unit. */
  all?: boolean;
}

/** The schema's hot-path functions: each enters the application role and the scope it is given first. */
export type HotPathFunction = "shekara_sessions_of" | "shekara_write_submissions";

/** The database adapter: one interface, two drivers, one code path. */
export interface Database {
  readonly kind: "pglite" | "postgres";
  /** The raw Drizzle handle, for migrations and owner-level maintenance only. */
  readonly db: AppDb;
  /** Runs `fn` in a transaction under the non-superuser application role, scoped for row-level security. */
  tx<T>(scope: DbScope, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Calls a hot-path function as a statement of its own: one round trip, one transaction, kept
   * prepared on a server connection. The scope goes first; the function enters the application role
   * and the scope before anything else (migration hot_path_functions). Answers its rows.
   */
  call<R = Record<string, unknown>>(fn: HotPathFunction, scope: DbScope, args: unknown[]): Promise<R[]>;
  /** Runs a raw query as the owner (benchmarks, health checks, maintenance). */
  ownerQuery(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Applies pending forward-only migrations (safe from several instances at once). */
  migrate(): Promise<void>;
  /** Closes connections and releases the data-folder lock. */
  close(): Promise<void>;
}

/** The non-superuser role that application queries run under. */
export const APP_ROLE = "shekara_app";
