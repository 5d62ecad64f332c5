-- Timers that fail safely: each fires in a transaction of its own (a
-- savepoint around its work), so one that fails never holds up the others. A
-- failure is counted (attempts, the last error: an SQLSTATE or an error type,
-- never data) and tried again later (next_attempt_at, backing off); after too
-- many attempts, or for a kind this version does not know, it is set aside
-- (failed_at) for an operator. Fired timers are removed after a while.
ALTER TABLE timers
    ADD COLUMN attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    ADD COLUMN last_error text CHECK (char_length(last_error) <= 200),
    ADD COLUMN failed_at timestamptz,
    ADD COLUMN next_attempt_at timestamptz,
    ADD CONSTRAINT timers_fired_or_failed CHECK (fired_at IS NULL OR failed_at IS NULL),
    ADD CONSTRAINT timers_failure_has_error CHECK (failed_at IS NULL OR last_error IS NOT NULL);

UPDATE timers SET next_attempt_at = due_at;
ALTER TABLE timers ALTER COLUMN next_attempt_at SET NOT NULL;

-- A new timer is first tried when it is due (the SQL functions and the service
-- insert timers without naming the column).
CREATE FUNCTION timers_first_attempt() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.next_attempt_at := coalesce(NEW.next_attempt_at, NEW.due_at);
    RETURN NEW;
END;
$$;

CREATE TRIGGER timers_first_attempt BEFORE INSERT ON timers
    FOR EACH ROW EXECUTE FUNCTION timers_first_attempt();

-- The claim reads the timers to try, in the order they become due.
DROP INDEX timers_pending_idx;
CREATE INDEX timers_pending_idx ON timers (next_attempt_at, id) WHERE fired_at IS NULL AND failed_at IS NULL;
-- The clean-up removes fired timers by age.
CREATE INDEX timers_fired_idx ON timers (fired_at) WHERE fired_at IS NOT NULL;
