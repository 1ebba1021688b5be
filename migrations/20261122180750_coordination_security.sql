-- Handover acts hold personal data (persons handed over): row-level security by the giving and the
-- receiving unit's subtrees (C-2, X-12). An item is visible to its custodian's subtree, to every
-- unit that held it (its chain of custody), and to the parties of any act that lists it.
ALTER TABLE handover_acts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY handover_acts_scope ON handover_acts FOR ALL TO shekara_app
  USING (shekara_in_scope(giver_unit_path) OR shekara_in_scope(receiver_unit_path))
  WITH CHECK (shekara_in_scope(giver_unit_path) OR shekara_in_scope(receiver_unit_path));
--> statement-breakpoint
ALTER TABLE custody_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY custody_events_scope ON custody_events FOR ALL TO shekara_app
  USING (shekara_in_scope(to_unit_path) OR (from_unit_path IS NOT NULL AND shekara_in_scope(from_unit_path)))
  WITH CHECK (shekara_in_scope(to_unit_path) OR (from_unit_path IS NOT NULL AND shekara_in_scope(from_unit_path)));
--> statement-breakpoint
ALTER TABLE handover_act_items ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY handover_act_items_scope ON handover_act_items FOR ALL TO shekara_app
  USING (EXISTS (SELECT 1 FROM handover_acts a WHERE a.id = handover_act_items.act_id))
  WITH CHECK (EXISTS (SELECT 1 FROM handover_acts a WHERE a.id = handover_act_items.act_id));
--> statement-breakpoint
ALTER TABLE handover_items ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY handover_items_scope ON handover_items FOR ALL TO shekara_app
  USING (shekara_in_scope(custodian_unit_path)
         OR EXISTS (SELECT 1 FROM custody_events e WHERE e.item_id = handover_items.id)
         OR EXISTS (SELECT 1 FROM handover_act_items ai WHERE ai.item_id = handover_items.id))
  WITH CHECK (shekara_in_scope(custodian_unit_path)
         OR EXISTS (SELECT 1 FROM custody_events e WHERE e.item_id = handover_items.id)
         OR EXISTS (SELECT 1 FROM handover_act_items ai WHERE ai.item_id = handover_items.id));
--> statement-breakpoint
-- The chain of custody and the plans' histories are evidence: appended, never rewritten.
REVOKE UPDATE, DELETE, TRUNCATE ON custody_events FROM shekara_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON plan_events FROM shekara_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON plan_versions FROM shekara_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON plan_task_progress FROM shekara_app;
--> statement-breakpoint
-- Act numbers need only be unique per year and readable; a sequence hands them out without locks.
CREATE SEQUENCE IF NOT EXISTS handover_act_numbers;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE handover_act_numbers TO shekara_app;
