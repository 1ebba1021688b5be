import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Database } from "./database.js";

/** The committed migration folder (same relative place from src/ and dist/). */
export const MIGRATIONS_DIR = fileURLToPath(new URL("../../../migrations", import.meta.url));

/** The number of migrations this build carries (from drizzle-kit's journal). */
export function expectedMigrationCount(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8")) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/** How many migrations the database has applied (0 when none ran yet). */
export async function appliedMigrationCount(database: Database): Promise<number> {
  const rows = await database.ownerQuery(
    "SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present",
  );
  if (!rows[0]?.present) return 0;
  const counted = await database.ownerQuery("SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations");
  return Number(counted[0]?.n ?? 0);
}
