CREATE TABLE "foreigner_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" "ltree" NOT NULL,
	"applicant_user_id" uuid,
	"entered_by" uuid NOT NULL,
	"stage" text NOT NULL,
	"surname" text NOT NULL,
	"given_name" text NOT NULL,
	"patronymic" text,
	"birth_date" date NOT NULL,
	"citizenship" text NOT NULL,
	"document_kind" text NOT NULL,
	"document_number" text NOT NULL,
	"residence" text NOT NULL,
	"destination_kato" text NOT NULL,
	"purpose" text NOT NULL,
	"stay_from" date NOT NULL,
	"stay_until" date NOT NULL,
	"nsc_unit_id" uuid,
	"nsc_unit_path" "ltree",
	"forwarded_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"escalated_to_unit_id" uuid,
	"nsc_reason" text,
	"refusal_reason" text,
	"lang" text DEFAULT 'kk' NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "foreigner_steps" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"step" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by_user_id" uuid,
	"unit_id" uuid,
	"reason" text,
	"clause" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "permits" (
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
	"issued_by" uuid NOT NULL,
	"code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "works_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"applicant_user_id" uuid NOT NULL,
	"organization" text NOT NULL,
	"contact_name" text NOT NULL,
	"kind" text NOT NULL,
	"in_strip" boolean NOT NULL,
	"places" text[] DEFAULT '{}'::text[] NOT NULL,
	"area" text NOT NULL,
	"description" text NOT NULL,
	"period_from" date NOT NULL,
	"period_until" date NOT NULL,
	"rules_version" integer NOT NULL,
	"route_id" text NOT NULL,
	"clauses" text[] NOT NULL,
	"outcome" text NOT NULL,
	"outcome_at" timestamp with time zone,
	"lang" text DEFAULT 'kk' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "works_routes" (
	"application_id" uuid NOT NULL,
	"body" text NOT NULL,
	"role" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" "ltree" NOT NULL,
	"applicant_user_id" uuid NOT NULL,
	"decision" text,
	"reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	CONSTRAINT "works_routes_application_id_body_pk" PRIMARY KEY("application_id","body")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "foreigner_applications_number_uq" ON "foreigner_applications" USING btree ("number");--> statement-breakpoint
CREATE INDEX "foreigner_applications_stage_idx" ON "foreigner_applications" USING btree ("stage","due_at");--> statement-breakpoint
CREATE INDEX "foreigner_applications_applicant_idx" ON "foreigner_applications" USING btree ("applicant_user_id");--> statement-breakpoint
CREATE INDEX "foreigner_applications_path_gist" ON "foreigner_applications" USING gist ("unit_path");--> statement-breakpoint
CREATE INDEX "foreigner_applications_nsc_path_gist" ON "foreigner_applications" USING gist ("nsc_unit_path");--> statement-breakpoint
CREATE INDEX "foreigner_steps_app_idx" ON "foreigner_steps" USING btree ("application_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "permits_number_uq" ON "permits" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "permits_unit_year_seq_uq" ON "permits" USING btree ("unit_id","year","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "permits_application_uq" ON "permits" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "permits_path_gist" ON "permits" USING gist ("unit_path");--> statement-breakpoint
CREATE UNIQUE INDEX "works_applications_number_uq" ON "works_applications" USING btree ("number");--> statement-breakpoint
CREATE INDEX "works_applications_applicant_idx" ON "works_applications" USING btree ("applicant_user_id");--> statement-breakpoint
CREATE INDEX "works_routes_path_gist" ON "works_routes" USING gist ("unit_path");