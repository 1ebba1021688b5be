CREATE TABLE "exchange_addressees" (
	"message_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" "ltree" NOT NULL,
	"kind" text NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"acknowledged_by_name" text,
	CONSTRAINT "exchange_addressees_message_id_unit_id_pk" PRIMARY KEY("message_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "exchange_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"obligation_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" "ltree" NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "exchange_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"storage_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_inbound" (
	"message_id" uuid PRIMARY KEY NOT NULL,
	"peer_id" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sender_unit_id" uuid NOT NULL,
	"sender_unit_path" "ltree" NOT NULL,
	"addressee_paths" "ltree"[] NOT NULL,
	"class_id" text NOT NULL,
	"topic" text NOT NULL,
	"rule_version" integer NOT NULL,
	"clause" text NOT NULL,
	"mode" text NOT NULL,
	"payload" jsonb NOT NULL,
	"free_text" text,
	"official_use" boolean DEFAULT true NOT NULL,
	"period" text,
	"event_at" timestamp with time zone,
	"confirms_id" uuid,
	"passed_to" text,
	"sent_at" timestamp with time zone NOT NULL,
	"author_id" uuid,
	"author_name" text,
	"origin" text DEFAULT 'LOCAL' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_obligations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" "ltree" NOT NULL,
	"unit_level" integer,
	"class_id" text NOT NULL,
	"period" text NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"clause" text NOT NULL,
	"rule_version" integer NOT NULL,
	"early_counts_as_on_time" boolean NOT NULL,
	"source_message_id" uuid,
	"delivered_at" timestamp with time zone,
	"delivered_message_id" uuid,
	"escalated_at" timestamp with time zone,
	"escalated_to_unit_id" uuid,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"message_id" uuid NOT NULL,
	"peer_id" text NOT NULL,
	"body" jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "exchange_addressees_unit_idx" ON "exchange_addressees" USING btree ("unit_id","acknowledged_at");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_alerts_uq" ON "exchange_alerts" USING btree ("obligation_id","kind");--> statement-breakpoint
CREATE INDEX "exchange_alerts_unit_idx" ON "exchange_alerts" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "exchange_attachments_message_idx" ON "exchange_attachments" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "exchange_messages_sender_idx" ON "exchange_messages" USING btree ("sender_unit_id","sent_at");--> statement-breakpoint
CREATE INDEX "exchange_messages_sender_path_gist" ON "exchange_messages" USING gist ("sender_unit_path");--> statement-breakpoint
CREATE INDEX "exchange_messages_confirms_idx" ON "exchange_messages" USING btree ("confirms_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_obligations_key_uq" ON "exchange_obligations" USING btree ("key");--> statement-breakpoint
CREATE INDEX "exchange_obligations_due_idx" ON "exchange_obligations" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "exchange_obligations_unit_idx" ON "exchange_obligations" USING btree ("unit_id","due_at");--> statement-breakpoint
CREATE INDEX "exchange_obligations_path_gist" ON "exchange_obligations" USING gist ("unit_path");--> statement-breakpoint
CREATE INDEX "exchange_obligations_open_idx" ON "exchange_obligations" USING btree ("due_at") WHERE delivered_at IS NULL AND escalated_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_outbox_uq" ON "exchange_outbox" USING btree ("message_id","peer_id");--> statement-breakpoint
CREATE INDEX "exchange_outbox_pending_idx" ON "exchange_outbox" USING btree ("next_attempt_at") WHERE delivered_at IS NULL;