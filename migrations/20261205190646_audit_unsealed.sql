CREATE TABLE "audit_unsealed" (
	"audit_id" bigint PRIMARY KEY NOT NULL
);
--> statement-breakpoint
-- Audit entries not yet chained (C-3). The sealer used to find them by anti-joining the whole log
-- with the chain, a walk that grew with the log (10 ms at 12,000 entries, every second). The
-- queue is kept by triggers that run as the owner, so an entry leaves it only by being chained;
-- `shekara audit verify` still counts unchained entries over the whole log.
INSERT INTO audit_unsealed (audit_id)
SELECT a.id FROM audit_log a WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.audit_id = a.id);
--> statement-breakpoint
CREATE FUNCTION shekara_audit_enqueue() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO audit_unsealed (audit_id) SELECT id FROM new_entries;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_enqueue AFTER INSERT ON audit_log
  REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION shekara_audit_enqueue();
--> statement-breakpoint
CREATE FUNCTION shekara_audit_dequeue() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  DELETE FROM audit_unsealed u USING new_links l WHERE u.audit_id = l.audit_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_chain_dequeue AFTER INSERT ON audit_chain
  REFERENCING NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION shekara_audit_dequeue();
--> statement-breakpoint
REVOKE ALL ON audit_unsealed FROM shekara_app;
--> statement-breakpoint
GRANT SELECT ON audit_unsealed TO shekara_app;
