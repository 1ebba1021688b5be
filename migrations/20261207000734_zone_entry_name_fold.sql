-- Settlements found in any script (issue 5's screens in English): the zone lists name them in
-- Kazakh and Russian only. The server folds every word of both names to the screening's
-- spelling-blind key when a list is imported, and on start for the entries of earlier lists (left
-- empty here); the name search matches the folded query against it, so "Zharkent", "Jarkent" and
-- "Жаркент" find the same settlement.
ALTER TABLE "zone_entries" ADD COLUMN "name_fold" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "zone_entries_fold_trgm" ON "zone_entries" USING gin ("name_fold" gin_trgm_ops);