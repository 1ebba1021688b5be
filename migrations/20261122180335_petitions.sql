CREATE TABLE "organizations" (
	"unit_id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"address" text NOT NULL,
	"head_name" text NOT NULL,
	"location_iab_unit_id" uuid NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petition_copies" (
	"petition_id" uuid NOT NULL,
	"copy_no" integer NOT NULL,
	"holder" text NOT NULL,
	"holder_unit_id" uuid,
	"certified" boolean NOT NULL,
	"with_results" boolean NOT NULL,
	"certified_by" uuid,
	"certified_at" timestamp with time zone,
	"handed_by" uuid,
	"handed_at" timestamp with time zone,
	"received_by" text,
	CONSTRAINT "petition_copies_petition_id_copy_no_pk" PRIMARY KEY("petition_id","copy_no")
);
--> statement-breakpoint
CREATE TABLE "petition_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"petition_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"surname" text NOT NULL,
	"given_name" text NOT NULL,
	"patronymic" text,
	"birth_year" integer NOT NULL,
	"address" text NOT NULL,
	"document_series" text,
	"document_number" text NOT NULL,
	"document_issued_on" date NOT NULL,
	"document_issued_by" text NOT NULL,
	"is_leader" boolean DEFAULT false NOT NULL,
	"screening" jsonb,
	"check_result" text,
	"check_evidence" text,
	"checked_by" uuid,
	"checked_at" timestamp with time zone,
	"nsc_result" text,
	"nsc_reason" text,
	"nsc_by" uuid,
	"nsc_at" timestamp with time zone,
	"decision" text,
	"decision_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"application_id" uuid,
	"pass_number" text
);
--> statement-breakpoint
CREATE TABLE "petitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"org_unit_path" "ltree" NOT NULL,
	"iab_unit_id" uuid NOT NULL,
	"iab_unit_path" "ltree" NOT NULL,
	"nsc_unit_id" uuid,
	"nsc_unit_path" "ltree",
	"filed_by" uuid NOT NULL,
	"idempotency_key" text,
	"departure_date" date NOT NULL,
	"rules" jsonb NOT NULL,
	"data" jsonb NOT NULL,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"pass_mode" text,
	"group_application_id" uuid,
	"group_pass_number" text,
	"version" integer DEFAULT 0 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "petition_members_seq_uq" ON "petition_members" USING btree ("petition_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "petitions_number_uq" ON "petitions" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "petitions_idem_uq" ON "petitions" USING btree ("filed_by","idempotency_key");--> statement-breakpoint
CREATE INDEX "petitions_iab_gist" ON "petitions" USING gist ("iab_unit_path");--> statement-breakpoint
CREATE INDEX "petitions_org_gist" ON "petitions" USING gist ("org_unit_path");--> statement-breakpoint
CREATE INDEX "petitions_nsc_gist" ON "petitions" USING gist ("nsc_unit_path");