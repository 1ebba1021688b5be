-- Petition numbers: one gapless-enough counter across all units (the number is not a register line).
CREATE SEQUENCE IF NOT EXISTS petition_numbers;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE petition_numbers TO shekara_app;
--> statement-breakpoint
-- Petitions carry people's personal data: visible to the filing organization's subtree, the IAB it
-- is filed with and, for strip lists, the NSC body that checks it. Everyone else sees nothing.
ALTER TABLE petitions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY petitions_scope ON petitions FOR ALL TO shekara_app
  USING (shekara_in_scope(org_unit_path) OR shekara_in_scope(iab_unit_path)
         OR (nsc_unit_path IS NOT NULL AND shekara_in_scope(nsc_unit_path)))
  WITH CHECK (shekara_in_scope(org_unit_path) OR shekara_in_scope(iab_unit_path)
         OR (nsc_unit_path IS NOT NULL AND shekara_in_scope(nsc_unit_path)));
--> statement-breakpoint
ALTER TABLE petition_members ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY petition_members_scope ON petition_members FOR ALL TO shekara_app
  USING (EXISTS (SELECT 1 FROM petitions p WHERE p.id = petition_id))
  WITH CHECK (EXISTS (SELECT 1 FROM petitions p WHERE p.id = petition_id));
--> statement-breakpoint
ALTER TABLE petition_copies ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY petition_copies_scope ON petition_copies FOR ALL TO shekara_app
  USING (EXISTS (SELECT 1 FROM petitions p WHERE p.id = petition_id))
  WITH CHECK (EXISTS (SELECT 1 FROM petitions p WHERE p.id = petition_id));
--> statement-breakpoint
-- People are never deleted from a filed petition: refusals and exclusions are recorded instead.
REVOKE DELETE, TRUNCATE ON petitions, petition_members, petition_copies FROM shekara_app;
