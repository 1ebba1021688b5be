-- The history of a foreigner's case is append-only, like the audit log.
CREATE TRIGGER foreigner_steps_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON foreigner_steps
  FOR EACH STATEMENT EXECUTE FUNCTION shekara_refuse_change();
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON foreigner_steps FROM shekara_app;
--> statement-breakpoint
-- Foreigners' applications are personal data: visible in the handling IAB's subtree, in the
-- subtree of the NSC unit it was forwarded to (which includes that unit's superiors), and to the
-- applicant.
ALTER TABLE foreigner_applications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY foreigner_applications_scope ON foreigner_applications FOR ALL TO shekara_app
  USING (shekara_in_scope(unit_path)
         OR (nsc_unit_path IS NOT NULL AND shekara_in_scope(nsc_unit_path))
         OR applicant_user_id::text = shekara_user_id())
  WITH CHECK (shekara_in_scope(unit_path)
         OR (nsc_unit_path IS NOT NULL AND shekara_in_scope(nsc_unit_path))
         OR applicant_user_id::text = shekara_user_id());
--> statement-breakpoint
ALTER TABLE foreigner_steps ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY foreigner_steps_scope ON foreigner_steps FOR ALL TO shekara_app
  USING (EXISTS (SELECT 1 FROM foreigner_applications a WHERE a.id = application_id))
  WITH CHECK (EXISTS (SELECT 1 FROM foreigner_applications a WHERE a.id = application_id));
--> statement-breakpoint
ALTER TABLE permits ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY permits_scope ON permits FOR ALL TO shekara_app
  USING (shekara_in_scope(unit_path) OR holder_user_id::text = shekara_user_id())
  WITH CHECK (shekara_in_scope(unit_path) OR holder_user_id::text = shekara_user_id());
--> statement-breakpoint
-- Special works: an application and all its routes (so each body sees the others' decisions) are
-- visible to the applicant and to every body it is routed to. The routing check reads works_routes
-- as the owner (SECURITY DEFINER) so the two policies do not recurse into each other.
CREATE OR REPLACE FUNCTION shekara_works_routed_here(app uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM works_routes r WHERE r.application_id = app AND shekara_in_scope(r.unit_path))
$$;
--> statement-breakpoint
ALTER TABLE works_routes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY works_routes_scope ON works_routes FOR ALL TO shekara_app
  USING (shekara_works_routed_here(application_id) OR applicant_user_id::text = shekara_user_id())
  WITH CHECK (shekara_in_scope(unit_path) OR applicant_user_id::text = shekara_user_id());
--> statement-breakpoint
ALTER TABLE works_applications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY works_applications_scope ON works_applications FOR ALL TO shekara_app
  USING (applicant_user_id::text = shekara_user_id() OR shekara_works_routed_here(id))
  WITH CHECK (applicant_user_id::text = shekara_user_id() OR shekara_works_routed_here(id));
--> statement-breakpoint
-- Officers and approvers handling a foreigner's case or a works application may read the
-- applicant's contacts to send the decision (C-5, Z p.31); the subqueries are under their own
-- policies, so only cases in the reader's scope qualify.
CREATE POLICY user_contacts_of_foreign_applicants ON user_contacts FOR SELECT TO shekara_app
  USING (EXISTS (SELECT 1 FROM foreigner_applications a WHERE a.applicant_user_id = user_contacts.user_id));
--> statement-breakpoint
CREATE POLICY user_contacts_of_works_applicants ON user_contacts FOR SELECT TO shekara_app
  USING (EXISTS (SELECT 1 FROM works_applications a WHERE a.applicant_user_id = user_contacts.user_id));
