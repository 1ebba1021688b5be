-- A submission batch sends each case once: the application row's own fields, its data and its
-- eligibility, and what only the request knows (the author's roles and unit, address and request
-- id). What the row repeats from the data (names, birth year, destination, departure, purpose,
-- document, trip end), its first action (author, unit, time, the data) and its audit entry were sent
-- beside it and parsed again here; they are now read from the case itself. About a third less JSON
-- a case to build, send and parse (session 11).
DROP FUNCTION shekara_write_submissions(text, text, boolean, jsonb, json, json, jsonb, text[]);
--> statement-breakpoint
CREATE FUNCTION shekara_write_submissions(unit_paths text, user_id text, all_units boolean,
                                          apps jsonb, texts json, live text[])
RETURNS TABLE (id uuid, outcome text, number text, unit_path text, flags text[])
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  written_rows jsonb;
  refused jsonb;
BEGIN
  PERFORM shekara_enter_scope(unit_paths, user_id, all_units);
  WITH i AS (
    SELECT i.*,
      i.data -> 'applicant' AS applicant,
      (i.data ->> 'departureDate')::date AS departure_date
    FROM jsonb_to_recordset(apps) AS i(n int, id uuid, unit_id uuid, applicant_user_id uuid, entered_by uuid,
      idempotency_key text, status text, data jsonb, eligibility jsonb, flags text[], lang text,
      at timestamptz, actor_role text, actor_unit_id uuid, address text, request_id text)
  ),
  r AS (
    SELECT i.*, u.path AS unit_path, coalesce(u.pass_series, u.code) AS prefix,
      i.applicant ->> 'surname' AS surname, i.applicant ->> 'givenName' AS given_name,
      (i.applicant ->> 'birthYear')::int AS birth_year, i.applicant #>> '{identityDocument,number}' AS document,
      -- A trip ends `stayDays` (or one day) after departure.
      i.departure_date + coalesce((i.data ->> 'stayDays')::int, 1) AS trip_end,
      CASE WHEN u.id IS NULL OR u.agency <> 'IAB' THEN 'NOT_IAB'
           -- The applications policy's own check, answered per case instead of failing the batch
           -- (a policy takes NULL, as for a case with no applicant, for false).
           WHEN NOT coalesce(shekara_in_scope(u.path) OR i.applicant_user_id::text = shekara_user_id(), false)
             THEN 'OUT_OF_SCOPE'
      END AS refusal
    FROM i LEFT JOIN units u ON u.id = i.unit_id
  ),
  -- Numbers are drawn before the Idempotency-Key is met, so a retry spends one (gaps are fine).
  v AS (SELECT r.*, nextval('application_numbers')::text AS seq FROM r WHERE r.refusal IS NULL),
  w AS (
    INSERT INTO applications (id, number, unit_id, unit_path, applicant_user_id, entered_by, idempotency_key,
      status, surname, given_name, patronymic, birth_year, destination_kato, departure_date, purpose, data,
      eligibility, flags, version, lang, created_at, updated_at)
    SELECT v.id,
      v.prefix || '-' || extract(year FROM v.at AT TIME ZONE 'UTC')::int || '-A' || lpad(v.seq, greatest(6, length(v.seq)), '0'),
      v.unit_id, v.unit_path, v.applicant_user_id, v.entered_by, v.idempotency_key,
      v.status, v.surname, v.given_name, v.applicant ->> 'patronymic', v.birth_year,
      coalesce(v.data -> 'destinations' ->> 0, ''), v.departure_date, v.data ->> 'purpose', v.data, v.eligibility,
      -- Another live application of the same person (same document) whose trip overlaps this one
      -- is flagged, not refused.
      CASE WHEN EXISTS (
        SELECT 1 FROM applications x
        WHERE x.surname = v.surname AND x.birth_year = v.birth_year AND x.status = ANY(live)
          AND x.data #>> '{applicant,identityDocument,number}' = v.document
          AND (x.data ->> 'departureDate')::date <= v.trip_end
          AND v.departure_date <= (x.data ->> 'departureDate')::date + coalesce((x.data ->> 'stayDays')::int, 1)
      ) THEN array_append(v.flags, 'OVERLAPPING_APPLICATION') ELSE v.flags END,
      1, v.lang, v.at, v.at
    FROM v
    ON CONFLICT (entered_by, idempotency_key) DO NOTHING
    RETURNING applications.id, applications.number, applications.flags, applications.unit_id,
      applications.unit_path
  )
  SELECT (SELECT coalesce(jsonb_agg(jsonb_build_object('id', w.id, 'number', w.number, 'flags', w.flags,
                                                       'unit', u.code, 'unit_path', w.unit_path::text)), '[]')
          FROM w JOIN units u ON u.id = w.unit_id),
         (SELECT coalesce(jsonb_agg(jsonb_build_object('id', r.id, 'refusal', r.refusal)), '[]') FROM r
          WHERE r.refusal IS NOT NULL)
  INTO written_rows, refused;
  -- The rows written are seen by the statements after this one (row-level security checks an
  -- action's case): the first actions and audit entries are written by statements of their own.
  IF jsonb_array_length(written_rows) > 0 THEN
    INSERT INTO eligibility_texts (id, kk, ru, en)
    SELECT t.id, t.kk, t.ru, t.en FROM json_to_recordset(texts) AS t(id text, kk text, ru text, en text)
    ON CONFLICT (id) DO NOTHING;
    -- The first action records the submitted application (sequence 1: the row is at version 1).
    INSERT INTO application_actions (application_id, seq, type, at, by_user_id, unit_id, payload)
    SELECT i.id, 1, 'SUBMITTED', i.at, i.entered_by, i.unit_id, i.data
    FROM jsonb_to_recordset(written_rows) AS w(id uuid)
    JOIN jsonb_to_recordset(apps) AS i(id uuid, at timestamptz, entered_by uuid, unit_id uuid, data jsonb)
      ON i.id = w.id;
    -- The entry's number, unit code and flags are the row's, known only now; in the batch's order.
    INSERT INTO audit_log (at, actor_id, actor_role, unit_id, action, object_type, object_id, address,
      request_id, details)
    SELECT i.at, i.entered_by, i.actor_role, i.actor_unit_id, 'application.submit', 'application', i.id::text,
      i.address, i.request_id,
      jsonb_build_object('outcome', i.eligibility ->> 'outcome', 'number', w.number, 'unit', w.unit,
                         'flags', w.flags)
    FROM jsonb_to_recordset(written_rows) AS w(id uuid, number text, unit text, flags jsonb)
    JOIN jsonb_to_recordset(apps) AS i(n int, id uuid, at timestamptz, entered_by uuid, eligibility jsonb,
      actor_role text, actor_unit_id uuid, address text, request_id text)
      ON i.id = w.id
    ORDER BY i.n;
  END IF;
  RETURN QUERY
  SELECT w.id, 'WRITTEN'::text, w.number, w.unit_path, w.flags
  FROM jsonb_to_recordset(written_rows) AS w(id uuid, number text, unit_path text, flags text[])
  UNION ALL
  SELECT f.id, f.refusal, NULL::text, NULL::text, NULL::text[]
  FROM jsonb_to_recordset(refused) AS f(id uuid, refusal text);
END
$$;
