import { sql } from "drizzle-orm";
import type { Tx } from "./database.js";

/** A scan method the planner may be told not to use. */
export type ScanMethod = "seqscan" | "indexscan" | "bitmapscan";

/**
 * Runs `fn` with the given scan methods switched off, then back on: for a statement whose best plan
 * the service knows and the planner cannot see (row-level security and subtree filters defeat its
 * estimates). The settings are transaction-local (set_config … true), so a failure inside `fn`
 * rolls them back with the transaction.
 */
export async function withScansOff<T>(tx: Tx, off: readonly ScanMethod[], fn: () => Promise<T>): Promise<T> {
  const set = (value: "on" | "off") =>
    tx.execute(
      sql`SELECT ${sql.join(
        off.map((m) => sql`set_config(${`enable_${m}`}, ${value}, true)`),
        sql`, `,
      )}`,
    );
  await set("off");
  const result = await fn();
  await set("on");
  return result;
}
