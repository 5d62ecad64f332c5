-- The court's outcome of an appeal against a ruling (binding advice: the court
-- reviews marginally, Civil Code 7:904). Recorded once, by a coordinator; the
-- ruling itself never changes.
CREATE TABLE appeal_outcomes (
    case_id     uuid PRIMARY KEY REFERENCES appeals (case_id),
    outcome     text NOT NULL CHECK (outcome IN ('upheld', 'set_aside', 'settled', 'withdrawn')),
    decided_on  date NOT NULL,
    summary     text NOT NULL CHECK (char_length(btrim(summary)) BETWEEN 1 AND 5000),
    recorded_at timestamptz NOT NULL,
    recorded_by uuid NOT NULL REFERENCES staff (id)
);

-- Never before the appeal was lodged.
CREATE FUNCTION guard_appeal_outcome() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.decided_on < (SELECT lodged_on FROM appeals WHERE case_id = NEW.case_id) THEN
        RAISE EXCEPTION 'the court cannot decide case % before the appeal was lodged', NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'appeal_outcome_after_appeal';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER appeal_outcomes_guard BEFORE INSERT ON appeal_outcomes FOR EACH ROW EXECUTE FUNCTION guard_appeal_outcome();
CREATE TRIGGER appeal_outcomes_no_delete BEFORE DELETE ON appeal_outcomes FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER appeal_outcomes_no_truncate BEFORE TRUNCATE ON appeal_outcomes FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();

-- Never changed, except that the retention purge removes the summary (it may name people).
CREATE FUNCTION guard_appeal_outcome_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF current_setting('eenloket.retention', true) = 'on'
       AND (NEW.case_id, NEW.outcome, NEW.decided_on, NEW.recorded_at, NEW.recorded_by)
           = (OLD.case_id, OLD.outcome, OLD.decided_on, OLD.recorded_at, OLD.recorded_by) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'appeal_outcomes is append-only: UPDATE is not allowed' USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER appeal_outcomes_append_only BEFORE UPDATE ON appeal_outcomes FOR EACH ROW EXECUTE FUNCTION guard_appeal_outcome_update();

CREATE FUNCTION purge_appeal_summaries() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE appeal_outcomes SET summary = 'Verwijderd na afloop van de bewaartermijn.' WHERE case_id = NEW.id;
    RETURN NEW;
END;
$$;

CREATE TRIGGER cases_purge_appeal_summaries AFTER UPDATE OF purged_at ON cases
    FOR EACH ROW WHEN (NEW.purged_at IS NOT NULL AND OLD.purged_at IS NULL) EXECUTE FUNCTION purge_appeal_summaries();

-- The last day on which a court may be asked to review the ruling, fixed when
-- the ruling is recorded (the setting may change later). NULL for rulings
-- recorded before this migration.
ALTER TABLE rulings ADD COLUMN appeal_window_ends_on date;

INSERT INTO event_types (type) VALUES ('appeal_decided');
