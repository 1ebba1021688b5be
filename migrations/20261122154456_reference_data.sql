CREATE TABLE "nsc_officials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"title_kk" text NOT NULL,
	"title_ru" text NOT NULL,
	"basis" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "nsc_officials_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "regime_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_kato" text NOT NULL,
	"authority" text NOT NULL,
	"number" text NOT NULL,
	"decided_on" date NOT NULL,
	"title_kk" text NOT NULL,
	"title_ru" text NOT NULL,
	"file_key" text,
	"file_name" text,
	"file_type" text,
	"file_size" integer,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rule_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"set_id" text NOT NULL,
	"version" integer NOT NULL,
	"effective_from" date NOT NULL,
	"body" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_places" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"kato" text NOT NULL,
	"kind" text NOT NULL,
	"name_kk" text NOT NULL,
	"name_ru" text NOT NULL,
	"basis" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_places_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "zone_entries" (
	"list_id" uuid NOT NULL,
	"kato" text NOT NULL,
	"kind" text NOT NULL,
	"name_kk" text NOT NULL,
	"name_ru" text NOT NULL,
	"region_kato" text NOT NULL,
	"region_kk" text NOT NULL,
	"region_ru" text NOT NULL,
	"district_kato" text,
	"district_kk" text,
	"district_ru" text,
	"in_strip" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "zone_lists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"effective_from" date NOT NULL,
	"basis_kk" text NOT NULL,
	"basis_ru" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "zone_entries" ADD CONSTRAINT "zone_entries_list_id_zone_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."zone_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rule_sets_version_uq" ON "rule_sets" USING btree ("set_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "zone_entries_pk" ON "zone_entries" USING btree ("list_id","kato");--> statement-breakpoint
CREATE INDEX "zone_entries_name_trgm" ON "zone_entries" USING gin ((lower("name_kk" || ' ' || "name_ru")) gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "zone_lists_effective_uq" ON "zone_lists" USING btree ("effective_from");