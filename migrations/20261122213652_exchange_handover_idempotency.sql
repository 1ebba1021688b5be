ALTER TABLE "handover_acts" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "exchange_messages" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "handover_acts_idem_uq" ON "handover_acts" USING btree ("created_by","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_messages_idem_uq" ON "exchange_messages" USING btree ("author_id","idempotency_key");