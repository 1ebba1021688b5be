-- Row-level security for personal data (C-2): the application role sees a row only when it lies in
-- the actor's unit subtrees (published per transaction by SET LOCAL / set_config), when it is the
-- actor's own, or when the actor is a system administrator. The owner (migrations) is unaffected.
CREATE OR REPLACE FUNCTION shekara_all_units() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('shekara.all_units', true), 'off') = 'on'
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION shekara_user_id() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('shekara.user_id', true), '')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION shekara_in_scope(p ltree) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT shekara_all_units()
      OR (coalesce(current_setting('shekara.unit_paths', true), '') <> ''
          AND p <@ ANY (string_to_array(current_setting('shekara.unit_paths', true), ',')::ltree[]))
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION shekara_unit_in_scope(u uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT shekara_all_units() OR EXISTS (SELECT 1 FROM units WHERE units.id = u AND shekara_in_scope(units.path))
$$;
--> statement-breakpoint
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY users_scope ON users FOR ALL TO shekara_app
  USING (shekara_all_units() OR id::text = shekara_user_id() OR shekara_unit_in_scope(unit_id))
  WITH CHECK (shekara_all_units() OR id::text = shekara_user_id() OR shekara_unit_in_scope(unit_id));
--> statement-breakpoint
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY sessions_own ON sessions FOR ALL TO shekara_app
  USING (shekara_all_units() OR user_id::text = shekara_user_id())
  WITH CHECK (shekara_all_units() OR user_id::text = shekara_user_id());
--> statement-breakpoint
ALTER TABLE user_totp ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY user_totp_own ON user_totp FOR ALL TO shekara_app
  USING (shekara_all_units() OR user_id::text = shekara_user_id())
  WITH CHECK (shekara_all_units() OR user_id::text = shekara_user_id());
--> statement-breakpoint
ALTER TABLE user_contacts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY user_contacts_own ON user_contacts FOR ALL TO shekara_app
  USING (shekara_all_units() OR user_id::text = shekara_user_id())
  WITH CHECK (shekara_all_units() OR user_id::text = shekara_user_id());
--> statement-breakpoint
ALTER TABLE api_tokens ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY api_tokens_own ON api_tokens FOR ALL TO shekara_app
  USING (shekara_all_units() OR user_id::text = shekara_user_id())
  WITH CHECK (shekara_all_units() OR user_id::text = shekara_user_id());
--> statement-breakpoint
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY notifications_own ON notifications FOR ALL TO shekara_app
  USING (shekara_all_units() OR user_id::text = shekara_user_id())
  WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Anyone acting may append an audit entry; reading is limited to the actor's subtree and own entries.
CREATE POLICY audit_log_append ON audit_log FOR INSERT TO shekara_app WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY audit_log_read ON audit_log FOR SELECT TO shekara_app
  USING (shekara_all_units() OR actor_id::text = shekara_user_id() OR shekara_unit_in_scope(unit_id));
