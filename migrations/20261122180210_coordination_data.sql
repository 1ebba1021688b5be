CREATE TABLE "stat_figures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"triad_id" uuid NOT NULL,
	"period" text NOT NULL,
	"indicator" text NOT NULL,
	"indicator_set_version" integer NOT NULL,
	"agency" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"value" integer NOT NULL,
	"note" text,
	"entered_by" uuid,
	"is_demo" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stat_figures_value_ck" CHECK ("stat_figures"."value" >= 0)
);
--> statement-breakpoint
CREATE TABLE "bank_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"language" text NOT NULL,
	"reference" text,
	"doc_date" date NOT NULL,
	"agency" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" "ltree" NOT NULL,
	"audience" text NOT NULL,
	"marking" text NOT NULL,
	"file_key" text,
	"file_name" text,
	"file_type" text,
	"file_size" bigint,
	"created_by" uuid,
	"is_demo" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "stat_figures_uq" ON "stat_figures" USING btree ("triad_id","period","indicator","agency");--> statement-breakpoint
CREATE INDEX "stat_figures_period_idx" ON "stat_figures" USING btree ("period");--> statement-breakpoint
CREATE INDEX "bank_documents_date_idx" ON "bank_documents" USING btree ("doc_date");--> statement-breakpoint
CREATE INDEX "bank_documents_unit_path_gist" ON "bank_documents" USING gist ("unit_path");