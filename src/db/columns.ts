import { timestamp } from "drizzle-orm/pg-core";

/** The creation instant every table records (UTC, set by the database unless the caller's clock gives it). */
export const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
