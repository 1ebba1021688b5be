-- Hot batched paths as functions entered in one round trip (a single statement is its own
-- transaction): the function first puts itself under the application role and the caller's scope,
-- with the same settings a transaction's first statement makes (src/adapters/db/scope.ts), so
-- row-level security holds for everything inside it; the role and settings end with the statement.
CREATE FUNCTION shekara_enter_scope(unit_paths text, user_id text, all_units boolean) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('role', 'shekara_app', true),
          set_config('shekara.unit_paths', unit_paths, true),
          set_config('shekara.user_id', user_id, true),
          set_config('shekara.all_units', CASE WHEN all_units THEN 'on' ELSE 'off' END, true),
          set_config('jit', 'off', true);
END
$$;
--> statement-breakpoint
-- What each submission of a batch needs before it is written (src/services/passes/submit.service.ts):
-- its Idempotency-Key's first application, the receiving unit, the same person's live applications,
-- the destination's zone entry in the list in force at departure, and the next number.
CREATE FUNCTION shekara_submission_reads(unit_paths text, user_id text, all_units boolean, inputs json, live text[])
RETURNS TABLE (n int, existing uuid, unit_id uuid, agency text, path text, code text, pass_series text,
               others json, zone json, seq bigint)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
  PERFORM shekara_enter_scope(unit_paths, user_id, all_units);
  RETURN QUERY
  SELECT i.n,
    CASE WHEN i.idem IS NOT NULL THEN
      (SELECT x.id FROM applications x WHERE x.entered_by = i.entered_by AND x.idempotency_key = i.idem LIMIT 1)
    END,
    u.id, u.agency, u.path::text, u.code, u.pass_series,
    (SELECT json_agg(o.data) FROM (
       SELECT x.data FROM applications x
       WHERE x.surname = i.surname AND x.birth_year = i.birth_year AND x.status = ANY(live)
       LIMIT 50) o),
    (SELECT to_json(e) FROM zone_entries e
     WHERE e.kato = i.kato
       AND e.list_id = (SELECT l.id FROM zone_lists l WHERE l.effective_from <= i.departure
                        ORDER BY l.effective_from DESC LIMIT 1)
     LIMIT 1),
    CASE WHEN u.agency = 'IAB' THEN nextval('application_numbers') END
  FROM json_to_recordset(inputs)
    AS i(n int, entered_by uuid, idem text, unit_id uuid, surname text, birth_year int, kato text, departure date)
  LEFT JOIN units u ON u.id = i.unit_id
  ORDER BY i.n;
END
$$;
--> statement-breakpoint
-- Writes a batch of new cases: the rows (one whose Idempotency-Key is taken is skipped), then for
-- the rows written their explanation texts, first actions and audit entries (later statements: the
-- actions' row-level security must see the rows). Answers the ids written.
CREATE FUNCTION shekara_write_submissions(unit_paths text, user_id text, all_units boolean,
                                          apps json, texts json, actions json, audits json)
RETURNS TABLE (written_id uuid)
LANGUAGE plpgsql AS $$
DECLARE
  written uuid[];
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
    RETURNING applications.id
  )
  SELECT coalesce(array_agg(w.id), '{}') INTO written FROM w;
  IF cardinality(written) = 0 THEN
    RETURN;
  END IF;
  INSERT INTO eligibility_texts (id, kk, ru, en)
  SELECT t.id, t.kk, t.ru, t.en FROM json_to_recordset(texts) AS t(id text, kk text, ru text, en text)
  ON CONFLICT (id) DO NOTHING;
  INSERT INTO application_actions (application_id, seq, type, at, by_user_id, unit_id, payload)
  SELECT a.application_id, 1, a.type, a.at, a.by_user_id, a.unit_id, a.payload
  FROM json_to_recordset(actions)
    AS a(application_id uuid, type text, at timestamptz, by_user_id uuid, unit_id uuid, payload jsonb)
  WHERE a.application_id = ANY(written);
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
--> statement-breakpoint
-- Live sessions of token hashes with their enabled users (every signed-in request waits for this),
-- and a touch of those last seen before `seen_before` that are still live at `at_time`. Timeouts
-- are judged by the caller per request, on the activity read before the touch.
CREATE FUNCTION shekara_sessions_of(unit_paths text, user_id text, all_units boolean, hashes text[],
                                    at_time timestamptz, seen_before timestamptz, live_after timestamptz)
RETURNS TABLE (token_hash text, last_seen_at timestamptz, expires_at timestamptz, id uuid, login text,
               full_name text, roles text[], unit_id uuid, locale text, unit_path text, time_zone text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
  PERFORM shekara_enter_scope(unit_paths, user_id, all_units);
  RETURN QUERY
  SELECT s.token_hash, s.last_seen_at, s.expires_at, u.id, u.login, u.full_name, u.roles, u.unit_id,
         u.locale, n.path::text, n.time_zone
  FROM sessions s
  JOIN users u ON u.id = s.user_id
  LEFT JOIN units n ON n.id = u.unit_id
  LEFT JOIN user_contacts c ON c.user_id = u.id
  WHERE s.token_hash = ANY(hashes)
    AND s.ended_at IS NULL AND u.disabled_at IS NULL
    AND (c.user_id IS NULL OR c.confirmed_at IS NOT NULL);
  UPDATE sessions s SET last_seen_at = at_time
  WHERE s.token_hash = ANY(hashes) AND s.ended_at IS NULL
    AND s.last_seen_at < seen_before AND s.last_seen_at > live_after AND s.expires_at > at_time;
END
$$;
