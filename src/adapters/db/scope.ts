import { sql } from "drizzle-orm";
import { APP_ROLE, type DbScope, type HotPathFunction, type Tx } from "./database.js";

/**
 * The transaction-local settings that put a transaction under the application role with the
 * actor's scope for RLS policies (set_config('role', …, true) is SET LOCAL ROLE).
 */
export function scopeSettings(scope: DbScope): [string, string][] {
  return [
    ["role", APP_ROLE],
    ["shekara.unit_paths", scope.unitPaths.join(",")],
    ["shekara.user_id", scope.userId ?? ""],
    ["shekara.all_units", scope.all ? "on" : "off"],
    // Short OLTP statements: JIT compiling (triggered by the cost estimates that row-level
    // security inflates) took longer than the queries themselves (work queues at 4M cases).
    ["jit", "off"],
  ];
}

/** A hot-path function's call: its scope arguments first, then its own (migration hot_path_functions). */
export function callOf(
  fn: HotPathFunction,
  scope: DbScope,
  args: readonly unknown[],
): { text: string; values: unknown[] } {
  const values = [scope.unitPaths.join(","), scope.userId ?? "", scope.all === true, ...args];
  return { text: `SELECT * FROM ${fn}(${values.map((_, i) => `$${i + 1}`).join(", ")})`, values };
}

/**
 * Switches a fresh transaction to the application role and publishes the actor's scope to RLS
 * policies, in one round trip.
 */
export async function enterAppRole(tx: Tx, scope: DbScope): Promise<void> {
  const settings = scopeSettings(scope).map(([name, value]) => sql`set_config(${name}, ${value}, true)`);
  await tx.execute(sql`SELECT ${sql.join(settings, sql`, `)}`);
}
