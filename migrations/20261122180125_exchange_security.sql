-- Exchange messages are records of what was passed to whom: the application adds them, never rewrites them.
REVOKE UPDATE, DELETE, TRUNCATE ON exchange_messages FROM shekara_app;
--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON exchange_addressees, exchange_obligations, exchange_inbound FROM shekara_app;
--> statement-breakpoint
CREATE INDEX exchange_messages_addressees_gist ON exchange_messages USING gist (addressee_paths);
--> statement-breakpoint
-- A message is visible in the subtrees of its sender unit and of each addressee unit (X-8, C-2):
-- the sender's superiors see it through their subtree; counterparts see what was addressed to them.
ALTER TABLE exchange_messages ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY exchange_messages_scope ON exchange_messages FOR ALL TO shekara_app
  USING (shekara_in_scope(sender_unit_path)
         OR EXISTS (SELECT 1 FROM unnest(addressee_paths) AS p WHERE shekara_in_scope(p)))
  WITH CHECK (shekara_in_scope(sender_unit_path));
--> statement-breakpoint
-- Addressee rows (receipts) follow their message; only the addressee's own subtree acknowledges.
ALTER TABLE exchange_addressees ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY exchange_addressees_read ON exchange_addressees FOR SELECT TO shekara_app
  USING (shekara_in_scope(unit_path) OR EXISTS (SELECT 1 FROM exchange_messages m WHERE m.id = message_id));
--> statement-breakpoint
CREATE POLICY exchange_addressees_insert ON exchange_addressees FOR INSERT TO shekara_app
  WITH CHECK (EXISTS (SELECT 1 FROM exchange_messages m WHERE m.id = message_id));
--> statement-breakpoint
CREATE POLICY exchange_addressees_ack ON exchange_addressees FOR UPDATE TO shekara_app
  USING (shekara_in_scope(unit_path)) WITH CHECK (shekara_in_scope(unit_path));
--> statement-breakpoint
ALTER TABLE exchange_attachments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY exchange_attachments_scope ON exchange_attachments FOR ALL TO shekara_app
  USING (EXISTS (SELECT 1 FROM exchange_messages m WHERE m.id = message_id))
  WITH CHECK (EXISTS (SELECT 1 FROM exchange_messages m WHERE m.id = message_id));
--> statement-breakpoint
-- Obligations and alerts belong to the owing (or alerted) unit's subtree: a superior sees its units'.
ALTER TABLE exchange_obligations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- The scope is read once per query (scalar subqueries become InitPlans) rather than parsed from the
-- setting again for every row: the dashboard aggregates tens of thousands of obligations.
CREATE POLICY exchange_obligations_scope ON exchange_obligations FOR ALL TO shekara_app
  USING ((SELECT shekara_all_units())
         OR unit_path <@ ANY ((SELECT string_to_array(nullif(current_setting('shekara.unit_paths', true), ''), ',')::ltree[])))
  WITH CHECK (shekara_in_scope(unit_path));
--> statement-breakpoint
ALTER TABLE exchange_alerts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY exchange_alerts_scope ON exchange_alerts FOR ALL TO shekara_app
  USING (shekara_in_scope(unit_path)) WITH CHECK (shekara_in_scope(unit_path));
--> statement-breakpoint
-- The outbox and the inbound ledger are system machinery (relay, signed inbound endpoint).
ALTER TABLE exchange_outbox ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY exchange_outbox_system ON exchange_outbox FOR ALL TO shekara_app
  USING (shekara_all_units()) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE exchange_inbound ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY exchange_inbound_system ON exchange_inbound FOR ALL TO shekara_app
  USING (shekara_all_units()) WITH CHECK (shekara_all_units());
--> statement-breakpoint
-- The compliance dashboard reads only these columns of a period's obligations: a covering index
-- lets it aggregate (and pick its late and missing lists) with an index-only scan.
CREATE INDEX exchange_obligations_dashboard_idx ON exchange_obligations (due_at)
  INCLUDE (id, unit_id, unit_path, class_id, opens_at, delivered_at, early_counts_as_on_time);
