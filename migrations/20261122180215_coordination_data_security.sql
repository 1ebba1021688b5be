-- Unified data bank search (X-15). One code path on PostgreSQL and PGlite 0.5 (both ship the
-- 'russian' snowball configuration): the text is folded (lower case, ё→е, Kazakh-specific letters
-- to their usual Russian spelling: Қорғас → коргас) by an IMMUTABLE function, then stemmed with
-- 'russian'; the result is a STORED generated column with a GIN index, and queries go through the
-- same fold. src/core/databank/fold.ts holds the same mapping for the application. Calls between
-- these functions name their schema: pg_dump restores with an empty search_path.
CREATE OR REPLACE FUNCTION shekara_search_fold(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT translate(lower(t), 'әіңғүұқөһёӘІҢҒҮҰҚӨҺЁ', 'аингуукохеаингуукохе')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION shekara_search_vector(title text, body text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('russian'::regconfig, public.shekara_search_fold(coalesce(title, ''))), 'A')
      || setweight(to_tsvector('russian'::regconfig, public.shekara_search_fold(coalesce(body, ''))), 'B')
$$;
--> statement-breakpoint
-- websearch syntax never raises on user input ("quoted phrases", OR, -word, stray symbols).
CREATE OR REPLACE FUNCTION shekara_search_query(q text) RETURNS tsquery
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT websearch_to_tsquery('russian'::regconfig, public.shekara_search_fold(q))
$$;
--> statement-breakpoint
ALTER TABLE bank_documents ADD COLUMN search_vector tsvector
  GENERATED ALWAYS AS (shekara_search_vector(title, body)) STORED;
--> statement-breakpoint
CREATE INDEX bank_documents_search_gin ON bank_documents USING gin (search_vector);
--> statement-breakpoint
-- Access by agency, unit and marking (X-15), enforced here as well as in the service. The service
-- publishes the actor's agency and their clearance for "for official use" material per transaction
-- (shekara.agency, shekara.bank_clearance), beside the unit paths every transaction carries.
-- A document is visible to its own unit and the units above it; beyond that by its audience:
-- ALL_AGENCIES to every officer, AGENCY to the owner's agency. OFFICIAL_USE needs the clearance,
-- whatever the audience, system administrators included.
ALTER TABLE bank_documents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY bank_documents_read ON bank_documents FOR SELECT TO shekara_app
  USING (
    (marking = 'OPEN' OR (SELECT coalesce(current_setting('shekara.bank_clearance', true), 'off') = 'on'))
    AND (
      audience = 'ALL_AGENCIES'
      OR (audience = 'AGENCY' AND agency = (SELECT coalesce(current_setting('shekara.agency', true), '')))
      OR shekara_in_scope(unit_path)
    )
  );
--> statement-breakpoint
CREATE POLICY bank_documents_file ON bank_documents FOR INSERT TO shekara_app
  WITH CHECK (shekara_in_scope(unit_path));
--> statement-breakpoint
-- Filed material is evidence of what was shared: the application adds documents, never rewrites them.
REVOKE UPDATE, DELETE, TRUNCATE ON bank_documents FROM shekara_app;
