-- A new case's first action (SUBMITTED) records the application as submitted, which is the case
-- row's data: the batch sent it twice (≈ 15% of its bytes, parsed twice as JSON here). An action
-- sent without a payload now takes its row's data, returned by the insert; one sent with a payload
-- keeps its own.
CREATE OR REPLACE FUNCTION shekara_write_submissions(unit_paths text, user_id text, all_units boolean,
                                                     apps json, texts json, actions json, audits json)
RETURNS TABLE (written_id uuid)
LANGUAGE plpgsql AS $$
DECLARE
  written uuid[];
  written_data jsonb[];
BEGIN
  PERFORM shekara_enter_scope(unit_paths, user_id, all_units);
  WITH w AS (
    INSERT INTO applications (id, number, unit_id, unit_path, applicant_user_id, entered_by, idempotency_key,
      status, surname, given_name, patronymic, birth_year, destination_kato, departure_date, purpose, data,
      eligibility, flags, version, lang, created_at, updated_at)
    SELECT r.id, r.number, r.unit_id, r.unit_path::ltree, r.applicant_user_id, r.entered_by, r.idempotency_key,
      r.status, r.surname, r.given_name, r.patronymic, r.birth_year, r.destination_kato, r.departure_date,
      r.purpose, r.data, r.eligibility, r.flags, 1, r.lang, r.at, r.at
    FROM json_to_recordset(apps) AS r(id uuid, number text, unit_id uuid, unit_path text, applicant_user_id uuid,
      entered_by uuid, idempotency_key text, status text, surname text, given_name text, patronymic text,
      birth_year int, destination_kato text, departure_date date, purpose text, data jsonb, eligibility jsonb,
      flags text[], lang text, at timestamptz)
    ON CONFLICT (entered_by, idempotency_key) DO NOTHING
    RETURNING applications.id, applications.data
  )
  SELECT coalesce(array_agg(w.id), '{}'), coalesce(array_agg(w.data), '{}') INTO written, written_data FROM w;
  IF cardinality(written) = 0 THEN
    RETURN;
  END IF;
  INSERT INTO eligibility_texts (id, kk, ru, en)
  SELECT t.id, t.kk, t.ru, t.en FROM json_to_recordset(texts) AS t(id text, kk text, ru text, en text)
  ON CONFLICT (id) DO NOTHING;
  INSERT INTO application_actions (application_id, seq, type, at, by_user_id, unit_id, payload)
  SELECT a.application_id, 1, a.type, a.at, a.by_user_id, a.unit_id, coalesce(a.payload, w.data)
  FROM json_to_recordset(actions)
    AS a(application_id uuid, type text, at timestamptz, by_user_id uuid, unit_id uuid, payload jsonb)
  JOIN unnest(written, written_data) AS w(id, data) ON w.id = a.application_id;
  INSERT INTO audit_log (at, actor_id, actor_role, unit_id, action, object_type, object_id, address,
    request_id, details)
  SELECT e.at, e.actor_id, e.actor_role, e.unit_id, e.action, e.object_type, e.object_id, e.address,
    e.request_id, e.details
  FROM json_to_recordset(audits) AS e(n int, at timestamptz, actor_id uuid, actor_role text, unit_id uuid,
    action text, object_type text, object_id text, address text, request_id text, details jsonb)
  WHERE e.object_id::uuid = ANY(written)
  ORDER BY e.n;
  RETURN QUERY SELECT unnest(written);
END
$$;
