-- Application numbers need only be unique, not gapless: a sequence hands them out without making
-- concurrent submissions of one unit wait for each other (pass numbers stay gapless, Z p.21).
CREATE SEQUENCE IF NOT EXISTS application_numbers;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE application_numbers TO shekara_app;
