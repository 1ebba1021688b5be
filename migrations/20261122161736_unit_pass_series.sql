ALTER TABLE "units" ADD COLUMN "pass_series" text;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_pass_series_unique" UNIQUE("pass_series");