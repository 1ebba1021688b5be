import { timestamp, uuid } from "drizzle-orm/pg-core";
import { ltree } from "./types.js";

/** The creation instant every table records (UTC, set by the database unless the caller's clock gives it). */
export const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/**
 * The owning unit of a row and its ltree path: row-level security and the services scope reads by
 * the path (a unit's subtree), so tables that belong to a unit carry both.
 */
export const unitScope = () => ({
  unitId: uuid("unit_id").notNull(),
  unitPath: ltree("unit_path").notNull(),
});
