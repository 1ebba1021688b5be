import type { Config } from "../../config.js";
import type { Database } from "./database.js";
import { openPglite } from "./pglite.js";
import { openPostgres } from "./postgres.js";

export type { AppDb, Database, DbScope, HotPathFunction, Tx } from "./database.js";
export { DataFolderLockedError } from "./pglite.js";
export { rowsOf } from "./rows.js";

/** Opens the configured database: a PostgreSQL server when DATABASE_URL is set, else embedded PGlite. */
export function openDatabase(
  config: Pick<Config, "databaseUrl" | "dataDir" | "dbPoolSize">,
): Promise<Database> {
  return config.databaseUrl
    ? openPostgres(config.databaseUrl, config.dbPoolSize)
    : openPglite(config.dataDir);
}
