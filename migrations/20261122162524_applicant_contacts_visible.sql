-- Officers handling a case may read its applicant's contact details, to send the notices the law
-- requires (refusal with its reason, Z p.31; C-5). The subquery is itself under the applications
-- policy, so only cases of the officer's unit subtree qualify.
DROP POLICY user_contacts_own ON user_contacts;
--> statement-breakpoint
CREATE POLICY user_contacts_own ON user_contacts FOR ALL TO shekara_app
  USING (shekara_all_units() OR user_id::text = shekara_user_id())
  WITH CHECK (shekara_all_units() OR user_id::text = shekara_user_id());
--> statement-breakpoint
CREATE POLICY user_contacts_of_applicants ON user_contacts FOR SELECT TO shekara_app
  USING (EXISTS (SELECT 1 FROM applications a WHERE a.applicant_user_id = user_contacts.user_id));
