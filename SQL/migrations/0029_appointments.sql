-- Appointments: a hearing session or a medical examination (contract Part 2).

CREATE TABLE appointments (
    id               uuid PRIMARY KEY,
    case_id          uuid NOT NULL REFERENCES cases (id),
    kind             text NOT NULL CHECK (kind IN ('hearing', 'examination')),
    starts_at        timestamptz NOT NULL,
    duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 15 AND 480),
    location         text CHECK (char_length(location) BETWEEN 1 AND 500),
    online_url       text CHECK (online_url ~ '^https://' AND char_length(online_url) <= 2000),
    parties          text[] NOT NULL CHECK (cardinality(parties) BETWEEN 1 AND 2 AND parties <@ ARRAY['employee', 'employer']),
    examiner_id      uuid REFERENCES staff (id),
    status           text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled', 'held', 'not_held')),
    planned_by       uuid NOT NULL REFERENCES staff (id),
    planned_at       timestamptz NOT NULL,
    cancel_reason    text CHECK (char_length(cancel_reason) BETWEEN 1 AND 2000),
    cancelled_at     timestamptz,
    summary          text CHECK (char_length(summary) BETWEEN 1 AND 20000),
    reported_at      timestamptz,
    reported_by      uuid REFERENCES staff (id),
    CONSTRAINT appointment_has_a_place CHECK (location IS NOT NULL OR online_url IS NOT NULL),
    CONSTRAINT examination_of_the_employee CHECK (kind = 'hearing' OR (parties = ARRAY['employee'] AND examiner_id IS NOT NULL)),
    CONSTRAINT appointment_cancelled_complete CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL AND cancel_reason IS NOT NULL)),
    CONSTRAINT appointment_reported_complete CHECK (
        (status IN ('held', 'not_held')) = (reported_at IS NOT NULL AND reported_by IS NOT NULL)
        AND (summary IS NULL OR status IN ('held', 'not_held')))
);
CREATE INDEX appointments_case_idx ON appointments (case_id, starts_at, id);
-- Whether a case has an appointment still to hold (the ruling waits for it).
CREATE INDEX appointments_scheduled_idx ON appointments (case_id) WHERE status = 'scheduled';

-- A party's latest answer: does it come, with a note for the panel.
CREATE TABLE appointment_responses (
    appointment_id uuid NOT NULL REFERENCES appointments (id),
    party          text NOT NULL CHECK (party IN ('employee', 'employer')),
    attending      boolean NOT NULL,
    note           text CHECK (char_length(note) BETWEEN 1 AND 2000),
    answered_at    timestamptz NOT NULL,
    PRIMARY KEY (appointment_id, party)
);

-- The examiner's or chair's medical notes, behind the medical-field rule.
CREATE TABLE appointment_medical (
    appointment_id uuid PRIMARY KEY REFERENCES appointments (id),
    medical_notes  text NOT NULL CHECK (char_length(medical_notes) BETWEEN 1 AND 20000)
);
ALTER TABLE appointment_medical ENABLE ROW LEVEL SECURITY;
ALTER TABLE appointment_medical FORCE ROW LEVEL SECURITY;
CREATE POLICY appointment_medical_read ON appointment_medical FOR SELECT
    USING (current_setting('eenloket.medical_read', true) = 'on' OR current_setting('eenloket.retention', true) = 'on');
CREATE POLICY appointment_medical_write ON appointment_medical FOR INSERT WITH CHECK (true);
CREATE POLICY appointment_medical_purge ON appointment_medical FOR DELETE
    USING (current_setting('eenloket.retention', true) = 'on');
CREATE TRIGGER appointment_medical_append_only BEFORE UPDATE OR DELETE ON appointment_medical
    FOR EACH ROW EXECUTE FUNCTION guard_draft_change();

-- Planned only while the panel reviews the case (the case row read FOR SHARE).
CREATE FUNCTION guard_appointment_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT status FROM cases WHERE id = NEW.case_id FOR SHARE) IS DISTINCT FROM 'in_review' THEN
        RAISE EXCEPTION 'case % is not in review', NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'appointment_in_review';
    END IF;
    IF NEW.status <> 'scheduled' THEN
        RAISE EXCEPTION 'an appointment starts scheduled' USING ERRCODE = 'check_violation', CONSTRAINT = 'appointment_starts_scheduled';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER appointments_guard_insert BEFORE INSERT ON appointments FOR EACH ROW EXECUTE FUNCTION guard_appointment_insert();

-- A scheduled appointment is cancelled, or reported after it started; then it
-- never changes again (except that the retention purge removes its texts).
CREATE FUNCTION guard_appointment_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('eenloket.retention', true) = 'on' AND NEW.status = OLD.status THEN
        RETURN NEW;
    END IF;
    IF OLD.status <> 'scheduled' OR NEW.status = 'scheduled'
       OR (NEW.id, NEW.case_id, NEW.kind, NEW.starts_at, NEW.duration_minutes, NEW.location, NEW.online_url, NEW.parties,
           NEW.examiner_id, NEW.planned_by, NEW.planned_at)
          IS DISTINCT FROM (OLD.id, OLD.case_id, OLD.kind, OLD.starts_at, OLD.duration_minutes, OLD.location, OLD.online_url,
                            OLD.parties, OLD.examiner_id, OLD.planned_by, OLD.planned_at) THEN
        RAISE EXCEPTION 'a scheduled appointment is cancelled or reported once, and nothing else of it changes'
            USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'appointment_changes_once';
    END IF;
    IF NEW.status IN ('held', 'not_held') AND NEW.reported_at < OLD.starts_at THEN
        RAISE EXCEPTION 'appointment % is reported before it started', OLD.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'appointment_reported_after_start';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER appointments_changes_once BEFORE UPDATE ON appointments FOR EACH ROW EXECUTE FUNCTION guard_appointment_update();
CREATE TRIGGER appointments_no_delete BEFORE DELETE ON appointments FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER appointments_no_truncate BEFORE TRUNCATE ON appointments FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();

-- Answers only from a party the appointment invited, while it is scheduled.
CREATE FUNCTION guard_appointment_response() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('eenloket.retention', true) = 'on' THEN
        RETURN NEW;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM appointments
                    WHERE id = NEW.appointment_id AND status = 'scheduled' AND NEW.party = ANY (parties) FOR SHARE) THEN
        RAISE EXCEPTION 'appointment % takes no answer from the %', NEW.appointment_id, NEW.party
            USING ERRCODE = 'check_violation', CONSTRAINT = 'appointment_response_invited';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER appointment_responses_guard BEFORE INSERT OR UPDATE ON appointment_responses
    FOR EACH ROW EXECUTE FUNCTION guard_appointment_response();
CREATE TRIGGER appointment_responses_no_delete BEFORE DELETE ON appointment_responses
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- The retention purge removes the texts with the rest.
CREATE FUNCTION purge_appointments() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    removed constant text := 'Verwijderd na afloop van de bewaartermijn.';
BEGIN
    DELETE FROM appointment_medical WHERE appointment_id IN (SELECT id FROM appointments WHERE case_id = NEW.id);
    UPDATE appointment_responses SET note = NULL
     WHERE note IS NOT NULL AND appointment_id IN (SELECT id FROM appointments WHERE case_id = NEW.id);
    UPDATE appointments
       SET location = CASE WHEN location IS NULL THEN NULL ELSE removed END,
           summary = CASE WHEN summary IS NULL THEN NULL ELSE removed END,
           cancel_reason = CASE WHEN cancel_reason IS NULL THEN NULL ELSE removed END
     WHERE case_id = NEW.id;
    RETURN NEW;
END;
$$;
CREATE TRIGGER cases_purge_appointments AFTER UPDATE OF purged_at ON cases
    FOR EACH ROW WHEN (NEW.purged_at IS NOT NULL AND OLD.purged_at IS NULL) EXECUTE FUNCTION purge_appointments();

ALTER TABLE timers
    DROP CONSTRAINT timers_kind_check,
    ADD CONSTRAINT timers_kind_check CHECK (
        kind IN ('preferred_passed', 'due_passed', 'follow_up_due', 'follow_up_missed', 'absence_ended', 'draft_window_closed',
                 'appointment_reminder'));

INSERT INTO event_types (type) VALUES
    ('appointment_scheduled'), ('appointment_answered'), ('appointment_cancelled'), ('appointment_reported');
