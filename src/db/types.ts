import { customType } from "drizzle-orm/pg-core";

/** PostgreSQL ltree: a unit's path in its agency tree, used for subtree scoping and row-level security. */
export const ltree = customType<{ data: string }>({ dataType: () => "ltree" });
