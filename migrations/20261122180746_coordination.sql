CREATE TABLE "border_sectors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"triad_id" uuid NOT NULL,
	"name" text NOT NULL,
	"controlled_by" text NOT NULL,
	"basis" text NOT NULL,
	"points" jsonb NOT NULL,
	"valid_from" date NOT NULL,
	"created_by" uuid NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "custody_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"from_unit_id" uuid,
	"from_unit_path" "ltree",
	"to_unit_id" uuid NOT NULL,
	"to_unit_path" "ltree" NOT NULL,
	"act_id" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "handover_act_items" (
	"act_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"discrepancy" text,
	CONSTRAINT "handover_act_items_act_id_item_id_pk" PRIMARY KEY("act_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "handover_acts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"giver_unit_id" uuid NOT NULL,
	"giver_unit_path" "ltree" NOT NULL,
	"receiver_unit_id" uuid NOT NULL,
	"receiver_unit_path" "ltree" NOT NULL,
	"status" text NOT NULL,
	"place" text NOT NULL,
	"basis" text NOT NULL,
	"created_by" uuid NOT NULL,
	"giver_signed_by" uuid,
	"giver_signer_name" text,
	"giver_signed_at" timestamp with time zone,
	"content_hash" text,
	"receiver_signed_by" uuid,
	"receiver_signer_name" text,
	"receiver_signed_at" timestamp with time zone,
	"closing_note" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "handover_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"quantity" text NOT NULL,
	"person" jsonb,
	"custodian_unit_id" uuid NOT NULL,
	"custodian_unit_path" "ltree" NOT NULL,
	"pending_act_id" uuid,
	"custody_seq" integer DEFAULT 1 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "joint_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"triad_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"status" text NOT NULL,
	"members" jsonb NOT NULL,
	"details" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "joint_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"text" text NOT NULL,
	"owner" text NOT NULL,
	"due_date" date NOT NULL,
	"status" text NOT NULL,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"action" text NOT NULL,
	"party" text,
	"actor_id" uuid NOT NULL,
	"actor_name" text NOT NULL,
	"reason" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_task_progress" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"task_key" text NOT NULL,
	"status" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"actor_id" uuid NOT NULL,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_versions" (
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_versions_plan_id_version_pk" PRIMARY KEY("plan_id","version")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"triad_id" uuid NOT NULL,
	"order_ref" text NOT NULL,
	"order_date" date NOT NULL,
	"due_date" date NOT NULL,
	"due_clause" text NOT NULL,
	"status" text NOT NULL,
	"version" integer NOT NULL,
	"agreed_by" text[] NOT NULL,
	"approved_by" text[] NOT NULL,
	"approved_version" integer,
	"first_submitted_on" date,
	"created_by" uuid NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "border_sectors_triad_idx" ON "border_sectors" USING btree ("triad_id");--> statement-breakpoint
CREATE UNIQUE INDEX "custody_events_item_seq_uq" ON "custody_events" USING btree ("item_id","seq");--> statement-breakpoint
CREATE INDEX "handover_act_items_item_idx" ON "handover_act_items" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "handover_acts_number_uq" ON "handover_acts" USING btree ("number");--> statement-breakpoint
CREATE INDEX "handover_acts_giver_idx" ON "handover_acts" USING gist ("giver_unit_path");--> statement-breakpoint
CREATE INDEX "handover_acts_receiver_idx" ON "handover_acts" USING gist ("receiver_unit_path");--> statement-breakpoint
CREATE INDEX "handover_items_custodian_idx" ON "handover_items" USING gist ("custodian_unit_path");--> statement-breakpoint
CREATE INDEX "joint_activities_triad_idx" ON "joint_activities" USING btree ("triad_id","kind","starts_on");--> statement-breakpoint
CREATE INDEX "joint_tasks_activity_idx" ON "joint_tasks" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "plan_events_plan_idx" ON "plan_events" USING btree ("plan_id","at");--> statement-breakpoint
CREATE INDEX "plan_task_progress_idx" ON "plan_task_progress" USING btree ("plan_id","task_key","at");--> statement-breakpoint
CREATE INDEX "plans_triad_idx" ON "plans" USING btree ("triad_id");