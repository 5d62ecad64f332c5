-- Fewer updates of the case row.
--
-- A triage updated its case row about a dozen times: once per history event
-- (the event counter lived on the row) and once per deadline change (the
-- queue's next_due_by), besides the status changes. Every update of a case
-- row runs its guard trigger and eighteen CHECK constraints and writes a new
-- row version; in the routing benchmark that was the largest share of
-- PostgreSQL's CPU per triage.

-- Event numbers come from a small counter row per case; it is still taken
-- under a row lock, so numbers stay 1, 2, 3 … without gaps.
CREATE TABLE case_event_counters (
    case_id     uuid PRIMARY KEY REFERENCES cases (id),
    event_count integer NOT NULL CHECK (event_count > 0)
);

INSERT INTO case_event_counters (case_id, event_count)
SELECT id, event_count FROM cases WHERE event_count > 0;

ALTER TABLE cases DROP COLUMN event_count;

CREATE OR REPLACE FUNCTION number_case_event() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- The foreign key on case_id rejects an event (and a counter) of an unknown case.
    INSERT INTO case_event_counters AS t (case_id, event_count) VALUES (NEW.case_id, 1)
    ON CONFLICT (case_id) DO UPDATE SET event_count = t.event_count + 1
    RETURNING event_count INTO NEW.seq;
    RETURN NEW;
END;
$$;

-- The queue's next_due_by is worked out once, at commit, after all of a
-- transaction's deadline changes (a triage meets one stage and starts the
-- next, routing may do that again); the later calls find it already right.
CREATE OR REPLACE FUNCTION refresh_next_due_by() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE cases c
       SET next_due_by = due.by
      FROM (SELECT CASE WHEN c2.status IN ('ruled', 'referred', 'answered', 'withdrawn') THEN NULL
                        ELSE (SELECT min(d.due_by) FROM case_deadlines d
                               WHERE d.case_id = c2.id AND d.met_at IS NULL) END AS by
              FROM cases c2 WHERE c2.id = NEW.case_id) due
     WHERE c.id = NEW.case_id AND c.next_due_by IS DISTINCT FROM due.by;
    RETURN NULL;
END;
$$;

DROP TRIGGER case_deadlines_refresh ON case_deadlines;
CREATE CONSTRAINT TRIGGER case_deadlines_refresh
    AFTER INSERT OR UPDATE ON case_deadlines
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION refresh_next_due_by();
