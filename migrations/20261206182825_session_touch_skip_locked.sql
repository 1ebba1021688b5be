-- The session lookup touches last_seen_at at most once a minute. The touch is best effort: a
-- session row locked by another transaction (the session being ended, another instance's touch)
-- is skipped instead of waited for, so one lookup batch never holds the batches behind it. A
-- skipped touch can only make a session look idle sooner, never later; the next lookup touches it.
CREATE OR REPLACE FUNCTION shekara_sessions_of(unit_paths text, user_id text, all_units boolean, hashes text[],
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
  WHERE s.token_hash IN (
    SELECT t.token_hash FROM sessions t
    WHERE t.token_hash = ANY(hashes) AND t.ended_at IS NULL
      AND t.last_seen_at < seen_before AND t.last_seen_at > live_after AND t.expires_at > at_time
    FOR UPDATE SKIP LOCKED);
END
$$;
