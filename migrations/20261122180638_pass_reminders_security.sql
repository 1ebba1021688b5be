-- Sent reminders say which holders were told what: visible in the issuing unit's subtree, like the pass.
ALTER TABLE pass_reminders ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY pass_reminders_scope ON pass_reminders FOR ALL TO shekara_app
  USING (shekara_in_scope(unit_path)) WITH CHECK (shekara_in_scope(unit_path));
--> statement-breakpoint
-- A reminder once sent is a fact: the application may add rows (and note the channels used), never remove them.
REVOKE DELETE, TRUNCATE ON pass_reminders FROM shekara_app;
