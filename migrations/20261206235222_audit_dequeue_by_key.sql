-- The sealer's dequeue deleted the chained entries by joining the queue with the new links. The
-- planner knows nothing of a transition table's size, so it hashed the whole queue, read in a
-- sequential scan with every dead row it holds: 6-17 ms for a batch of 200 where a lookup by key
-- takes 0.4 ms, and growing with the dead rows between vacuums. The links' ids now go to the
-- queue's primary key as one array.
CREATE OR REPLACE FUNCTION shekara_audit_dequeue() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  DELETE FROM audit_unsealed WHERE audit_id = ANY (ARRAY(SELECT audit_id FROM new_links));
  RETURN NULL;
END
$$;
