import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns.js";

/**
 * Statistics of service results (X-14, X p.9.3): one agency's figure for one agreed indicator at a
 * checkpoint (its triad of counterpart units) for one month. Each agency keeps its own row; the
 * reconciliation compares them. Corrections overwrite the value and are audited with the old one.
 */
export const statFigures = pgTable(
  "stat_figures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    triadId: uuid("triad_id").notNull(),
    period: text("period").notNull(),
    indicator: text("indicator").notNull(),
    indicatorSetVersion: integer("indicator_set_version").notNull(),
    agency: text("agency").notNull(),
    unitId: uuid("unit_id").notNull(),
    value: integer("value").notNull(),
    note: text("note"),
    enteredBy: uuid("entered_by"),
    isDemo: integer("is_demo").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("stat_figures_uq").on(t.triadId, t.period, t.indicator, t.agency),
    index("stat_figures_period_idx").on(t.period),
    check("stat_figures_value_ck", sql`${t.value} >= 0`),
  ],
);
