CREATE TABLE "record_keys" (
	"key" text NOT NULL,
	"record_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "records" (
	"id" text PRIMARY KEY NOT NULL,
	"names" text[] NOT NULL,
	"birth_year" integer,
	"birth_date" date,
	"document_number" text,
	"iin" text,
	"reason" text NOT NULL,
	"source" text NOT NULL,
	"valid_until" date,
	"names_folded" text NOT NULL,
	"data_hash" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_hash" text NOT NULL,
	"subject" jsonb NOT NULL,
	"record_id" text NOT NULL,
	"record_hash" text NOT NULL,
	"decision" text NOT NULL,
	"reason" text NOT NULL,
	"reviewer_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "record_keys_key_idx" ON "record_keys" USING btree ("key","record_id");--> statement-breakpoint
CREATE INDEX "record_keys_record_idx" ON "record_keys" USING btree ("record_id");--> statement-breakpoint
CREATE INDEX "screening_reviews_pair_idx" ON "screening_reviews" USING btree ("subject_hash","record_id","created_at");