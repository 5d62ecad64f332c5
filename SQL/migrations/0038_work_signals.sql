-- After-care asks the employee about the signals that come before a relapse
-- (domain section 12: fatigue, more errors, withdrawal, irritability, worry),
-- as work-related questions only. Only the employee answers them; they follow
-- the medical-field rule when read, and go with the medical file at retention.

ALTER TABLE follow_ups
    ADD COLUMN signals text[] NOT NULL DEFAULT '{}',
    ADD CONSTRAINT signals_known CHECK (signals <@ ARRAY['fatigue', 'more_errors', 'withdrawal', 'irritability', 'worry']),
    ADD CONSTRAINT signals_are_the_employees CHECK (party = 'employee' OR signals = '{}');

CREATE FUNCTION purge_work_signals() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE follow_ups SET signals = '{}' WHERE case_id = NEW.id AND signals <> '{}';
    RETURN NEW;
END;
$$;
CREATE TRIGGER cases_purge_work_signals AFTER UPDATE OF medical_purged_at ON cases
    FOR EACH ROW WHEN (NEW.medical_purged_at IS NOT NULL AND OLD.medical_purged_at IS NULL) EXECUTE FUNCTION purge_work_signals();
