-- Blocking keys are ASCII and only ever compared for equality: the "C" collation makes the btree
-- compare bytes instead of running locale rules on every probe (PostgreSQL servers default to a locale).
ALTER TABLE record_keys ALTER COLUMN key TYPE text COLLATE "C";
--> statement-breakpoint
-- Review decisions are evidence of who dismissed what: the application may add them, never rewrite them.
REVOKE UPDATE, DELETE, TRUNCATE ON screening_reviews FROM shekara_app;
