import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/**
 * `column` lies in one of the given ltree subtrees. Paths travel as one comma-joined text
 * parameter (labels are [a-z0-9] only), which both drivers bind the same way.
 */
export function inSubtrees(column: AnyPgColumn, paths: readonly string[]): SQL {
  return sql`${column} <@ ANY (string_to_array(${paths.join(",")}, ',')::ltree[])`;
}
