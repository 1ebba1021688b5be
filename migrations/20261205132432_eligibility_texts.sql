CREATE TABLE "eligibility_texts" (
	"id" text PRIMARY KEY NOT NULL,
	"kk" text NOT NULL,
	"ru" text NOT NULL,
	"en" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- Texts are only added: the application role may read and insert, never change or remove one.
REVOKE UPDATE, DELETE ON eligibility_texts FROM shekara_app;
