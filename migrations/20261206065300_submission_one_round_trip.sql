-- The zone data's revision, raised by any change to zone lists or their entries, in the changing
-- transaction: a process caching zone entries sees another process's import once it commits.
-- Only the triggers (as the owner) write it; the application role reads it.
INSERT INTO reference_revisions (name, revision) VALUES ('zone', 1);
--> statement-breakpoint
REVOKE ALL ON reference_revisions FROM shekara_app;
--> statement-breakpoint
GRANT SELECT ON reference_revisions TO shekara_app;
--> statement-breakpoint
CREATE FUNCTION shekara_zone_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE reference_revisions SET revision = revision + 1 WHERE name = 'zone';
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER zone_lists_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON zone_lists
  FOR EACH STATEMENT EXECUTE FUNCTION shekara_zone_changed();
--> statement-breakpoint
CREATE TRIGGER zone_entries_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON zone_entries
  FOR EACH STATEMENT EXECUTE FUNCTION shekara_zone_changed();
--> statement-breakpoint
-- A batch of submissions in one round trip instead of two. What the read before the write gave is
-- now found here: the unit (an IAB, and in the writer's scope, or the row is refused and reported),
-- the number (from the unit's series and the sequence), the overlapping-trip flag, and the
-- Idempotency-Key's first application (the row meets it in the unique index and is not written).
-- The zone entry that eligibility needs comes from the server's cache (reference_revisions).
-- Cases and audit entries arrive as jsonb: their data, eligibility and details columns are jsonb,
-- and from json each nested value was cut out as text and parsed again.
-- Answers each written case's number, unit path and flags, and each refused one's reason; a case absent from
-- the answer met its Idempotency-Key.
DROP FUNCTION shekara_write_submissions(text, text, boolean, json, json, json, json);
--> statement-breakpoint
DROP FUNCTION shekara_submission_reads(text, text, boolean, json, text[]);
--> statement-breakpoint
CREATE FUNCTION shekara_write_submissions(unit_paths text, user_id text, all_units boolean,
                                          apps jsonb, texts json, actions json, audits jsonb, live text[])
RETURNS TABLE (id uuid, outcome text, number text, unit_path text, flags text[])
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  written uuid[];
  written_data jsonb[];
  written_rows jsonb;
  refused jsonb;
BEGIN
  PERFORM shekara_enter_scope(unit_paths, user_id, all_units);
  WITH r AS (
    SELECT i.*, u.path AS unit_path, coalesce(u.pass_series, u.code) AS prefix,
      CASE WHEN u.id IS NULL OR u.agency <> 'IAB' THEN 'NOT_IAB'
           -- The applications policy's own check, answered per case instead of failing the batch
           -- (a policy takes NULL, as for a case with no applicant, for false).
           WHEN NOT coalesce(shekara_in_scope(u.path) OR i.applicant_user_id::text = shekara_user_id(), false)
             THEN 'OUT_OF_SCOPE'
      END AS refusal
    FROM jsonb_to_recordset(apps) AS i(id uuid, unit_id uuid, applicant_user_id uuid, entered_by uuid,
      idempotency_key text, status text, surname text, given_name text, patronymic text, birth_year int,
      destination_kato text, departure_date date, trip_end date, document text, purpose text, data jsonb,
      eligibility jsonb, flags text[], lang text, at timestamptz)
    LEFT JOIN units u ON u.id = i.unit_id
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
      v.status, v.surname, v.given_name, v.patronymic, v.birth_year, v.destination_kato, v.departure_date,
      v.purpose, v.data, v.eligibility,
      -- Another live application of the same person (same document) whose trip overlaps this one
      -- is flagged, not refused; trips end `stayDays` (or one day) after departure.
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
    RETURNING applications.id, applications.number, applications.flags, applications.data, applications.unit_id,
      applications.unit_path
  )
  SELECT (SELECT coalesce(array_agg(w.id), '{}') FROM w),
         (SELECT coalesce(array_agg(w.data), '{}') FROM w),
         (SELECT coalesce(jsonb_agg(jsonb_build_object('id', w.id, 'number', w.number, 'flags', w.flags,
                                                       'unit', u.code, 'unit_path', w.unit_path::text)), '[]')
          FROM w JOIN units u ON u.id = w.unit_id),
         (SELECT coalesce(jsonb_agg(jsonb_build_object('id', r.id, 'refusal', r.refusal)), '[]') FROM r
          WHERE r.refusal IS NOT NULL)
  INTO written, written_data, written_rows, refused;
  IF cardinality(written) > 0 THEN
    INSERT INTO eligibility_texts (id, kk, ru, en)
    SELECT t.id, t.kk, t.ru, t.en FROM json_to_recordset(texts) AS t(id text, kk text, ru text, en text)
    ON CONFLICT (id) DO NOTHING;
    INSERT INTO application_actions (application_id, seq, type, at, by_user_id, unit_id, payload)
    SELECT a.application_id, 1, a.type, a.at, a.by_user_id, a.unit_id, coalesce(a.payload, w.data)
    FROM json_to_recordset(actions)
      AS a(application_id uuid, type text, at timestamptz, by_user_id uuid, unit_id uuid, payload jsonb)
    JOIN unnest(written, written_data) AS w(id, data) ON w.id = a.application_id;
    -- The entry's number, unit code and flags are the row's, known only now.
    INSERT INTO audit_log (at, actor_id, actor_role, unit_id, action, object_type, object_id, address,
      request_id, details)
    SELECT e.at, e.actor_id, e.actor_role, e.unit_id, e.action, e.object_type, e.object_id, e.address,
      e.request_id, e.details || jsonb_build_object('number', w.number, 'unit', w.unit, 'flags', w.flags)
    FROM jsonb_to_recordset(audits) AS e(n int, at timestamptz, actor_id uuid, actor_role text, unit_id uuid,
      action text, object_type text, object_id text, address text, request_id text, details jsonb)
    JOIN jsonb_to_recordset(written_rows) AS w(id uuid, number text, unit text, flags jsonb)
      ON w.id = e.object_id::uuid
    ORDER BY e.n;
  END IF;
  RETURN QUERY
  SELECT w.id, 'WRITTEN'::text, w.number, w.unit_path, w.flags
  FROM jsonb_to_recordset(written_rows) AS w(id uuid, number text, unit_path text, flags text[])
  UNION ALL
  SELECT f.id, f.refusal, NULL::text, NULL::text, NULL::text[]
  FROM jsonb_to_recordset(refused) AS f(id uuid, refusal text);
END
$$;
