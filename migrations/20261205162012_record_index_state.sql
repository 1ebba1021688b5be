CREATE TABLE "record_index_state" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
DROP INDEX "records_birth_date_idx";--> statement-breakpoint
-- One row. Keys already in record_keys are of format 1 (single words by birth year); the server
-- re-keys every record to the current format on start (screening/record-index.service.ts). An
-- empty index is already of format 2, the one this migration comes with.
ALTER TABLE record_index_state ADD CONSTRAINT record_index_state_one_row CHECK (id);--> statement-breakpoint
INSERT INTO record_index_state (id, version)
SELECT true, CASE WHEN EXISTS (SELECT 1 FROM record_keys) THEN 1 ELSE 2 END;
