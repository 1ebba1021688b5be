-- The data-bank search must use the GIN index on search_vector. Under row-level security the
-- planner may not run a non-leakproof operator such as @@ before the policy, so every search would
-- scan the whole table. Searches therefore read a view owned by the table owner that applies the
-- very same visibility predicate (one function, used by the view and by the policy) and lets the
-- text-search condition drive the index; direct reads of the table (open, download) stay under RLS.
CREATE OR REPLACE FUNCTION shekara_bank_visible(marking text, audience text, agency text, unit_path ltree)
  RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT (marking = 'OPEN' OR coalesce(current_setting('shekara.bank_clearance', true), 'off') = 'on')
    AND (
      audience = 'ALL_AGENCIES'
      OR (audience = 'AGENCY' AND agency = coalesce(current_setting('shekara.agency', true), ''))
      OR shekara_in_scope(unit_path)
    )
$$;
--> statement-breakpoint
ALTER POLICY bank_documents_read ON bank_documents
  USING (shekara_bank_visible(marking, audience, agency, unit_path));
--> statement-breakpoint
CREATE VIEW bank_documents_visible AS
  SELECT * FROM bank_documents d WHERE shekara_bank_visible(d.marking, d.audience, d.agency, d.unit_path);
--> statement-breakpoint
REVOKE ALL ON bank_documents_visible FROM shekara_app;
--> statement-breakpoint
GRANT SELECT ON bank_documents_visible TO shekara_app;
