CREATE TABLE "application_actions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by_user_id" uuid NOT NULL,
	"unit_id" uuid,
	"payload" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "application_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"file_key" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"size" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" "ltree" NOT NULL,
	"applicant_user_id" uuid,
	"entered_by" uuid NOT NULL,
	"idempotency_key" text,
	"status" text NOT NULL,
	"surname" text NOT NULL,
	"given_name" text NOT NULL,
	"patronymic" text,
	"birth_year" integer NOT NULL,
	"iin" text,
	"destination_kato" text NOT NULL,
	"departure_date" date NOT NULL,
	"purpose" text NOT NULL,
	"data" jsonb NOT NULL,
	"eligibility" jsonb NOT NULL,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"lang" text DEFAULT 'kk' NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "counters" (
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"last" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "counters_unit_id_year_kind_pk" PRIMARY KEY("unit_id","year","kind")
);
--> statement-breakpoint
CREATE TABLE "passes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" "ltree" NOT NULL,
	"holder_user_id" uuid,
	"number" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"status" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"military_notice_on" date,
	"code" text NOT NULL,
	"replaces_pass_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "register_lines" (
	"unit_id" uuid NOT NULL,
	"unit_path" "ltree" NOT NULL,
	"year" integer NOT NULL,
	"line_no" integer NOT NULL,
	"pass_id" uuid NOT NULL,
	"data" jsonb NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"returned_mark" text,
	CONSTRAINT "register_lines_unit_id_year_line_no_pk" PRIMARY KEY("unit_id","year","line_no")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "application_actions_seq_uq" ON "application_actions" USING btree ("application_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_number_uq" ON "applications" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_idem_uq" ON "applications" USING btree ("entered_by","idempotency_key");--> statement-breakpoint
CREATE INDEX "applications_queue_idx" ON "applications" USING btree ("status","unit_id","created_at");--> statement-breakpoint
CREATE INDEX "applications_applicant_idx" ON "applications" USING btree ("applicant_user_id");--> statement-breakpoint
CREATE INDEX "applications_path_gist" ON "applications" USING gist ("unit_path");--> statement-breakpoint
CREATE INDEX "applications_person_idx" ON "applications" USING btree ("surname","birth_year");--> statement-breakpoint
CREATE UNIQUE INDEX "passes_number_uq" ON "passes" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "passes_unit_year_seq_uq" ON "passes" USING btree ("unit_id","year","seq");--> statement-breakpoint
CREATE INDEX "passes_status_idx" ON "passes" USING btree ("status","valid_until");--> statement-breakpoint
CREATE INDEX "passes_path_gist" ON "passes" USING gist ("unit_path");