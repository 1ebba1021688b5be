-- The action log of applications is append-only, like the audit log.
CREATE TRIGGER application_actions_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON application_actions
  FOR EACH STATEMENT EXECUTE FUNCTION shekara_refuse_change();
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON application_actions FROM shekara_app;
--> statement-breakpoint
-- Applications and passes are personal data: visible in the handling unit's subtree, and to
-- the applicant or holder themselves.
ALTER TABLE applications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY applications_scope ON applications FOR ALL TO shekara_app
  USING (shekara_in_scope(unit_path) OR applicant_user_id::text = shekara_user_id())
  WITH CHECK (shekara_in_scope(unit_path) OR applicant_user_id::text = shekara_user_id());
--> statement-breakpoint
ALTER TABLE application_actions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY application_actions_scope ON application_actions FOR ALL TO shekara_app
  USING (EXISTS (SELECT 1 FROM applications a WHERE a.id = application_id))
  WITH CHECK (EXISTS (SELECT 1 FROM applications a WHERE a.id = application_id));
--> statement-breakpoint
ALTER TABLE application_files ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY application_files_scope ON application_files FOR ALL TO shekara_app
  USING (EXISTS (SELECT 1 FROM applications a WHERE a.id = application_id))
  WITH CHECK (EXISTS (SELECT 1 FROM applications a WHERE a.id = application_id));
--> statement-breakpoint
ALTER TABLE passes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY passes_scope ON passes FOR ALL TO shekara_app
  USING (shekara_in_scope(unit_path) OR holder_user_id::text = shekara_user_id())
  WITH CHECK (shekara_in_scope(unit_path) OR holder_user_id::text = shekara_user_id());
--> statement-breakpoint
ALTER TABLE register_lines ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY register_lines_scope ON register_lines FOR ALL TO shekara_app
  USING (shekara_in_scope(unit_path)) WITH CHECK (shekara_in_scope(unit_path));
