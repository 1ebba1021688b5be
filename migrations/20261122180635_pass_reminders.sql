CREATE TABLE "pass_reminders" (
	"pass_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"unit_path" "ltree" NOT NULL,
	"sent_on" date NOT NULL,
	"channels" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pass_reminders_pass_id_kind_pk" PRIMARY KEY("pass_id","kind")
);
