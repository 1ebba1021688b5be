import { date, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns.js";
import { ltree } from "./types.js";

/**
 * Deadline reminders sent to pass holders (C-5, Z-24, Z-27): one row per pass and kind, written in
 * the same transaction as the notification, so each reminder goes out exactly once.
 */
export const passReminders = pgTable(
  "pass_reminders",
  {
    passId: uuid("pass_id").notNull(),
    kind: text("kind").notNull(),
    /** The issuing unit's path, for row-level security like the pass itself. */
    unitPath: ltree("unit_path").notNull(),
    /** The legal date the reminder was due and sent on. */
    sentOn: date("sent_on").notNull(),
    /** Channels the reminder went by (empty when the holder left no e-mail or phone). */
    channels: text("channels").array().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.passId, t.kind] })],
);
