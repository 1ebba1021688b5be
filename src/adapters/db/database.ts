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

/**
 * A hand-written statement for a hot path: its text, and the name under which a server connection
 * keeps it prepared (parsed and planned once per connection instead of on every call).
 */
export interface Statement {
  name: string;
  text: string;
}

/** The database adapter: one interface, two drivers, one code path. */
export interface Database {
  readonly kind: "pglite" | "postgres";
  /** The raw Drizzle handle, for migrations and owner-level maintenance only. */
  readonly db: AppDb;
  /** Runs `fn` in a transaction under the non-superuser application role, scoped for row-level security. */
  tx<T>(scope: DbScope, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs a hand-written statement inside a transaction this adapter opened; answers its rows. */
  query<R = Record<string, unknown>>(tx: Tx, statement: Statement, params: unknown[]): Promise<R[]>;
  /** Runs a raw query as the owner (benchmarks, health checks, maintenance). */
  ownerQuery(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Applies pending forward-only migrations (safe from several instances at once). */
  migrate(): Promise<void>;
  /** Closes connections and releases the data-folder lock. */
  close(): Promise<void>;
}

/** The non-superuser role that application queries run under. */
export const APP_ROLE = "shekara_app";
