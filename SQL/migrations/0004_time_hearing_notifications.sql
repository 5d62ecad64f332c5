-- Durable timers, hearing both parties, statements, notifications (outbox),
-- escalations, absences and after-care follow-ups.

-- Contact addresses of the parties, so the other party can be invited.
ALTER TABLE cases
    ADD COLUMN employer_email text CHECK (char_length(employer_email) <= 320),
    ADD COLUMN employee_email text CHECK (char_length(employee_email) <= 320);

-- An accepted case can be reopened for its panel when the coordinator adds a
-- discipline or replaces a member and nobody can take the seat yet.
INSERT INTO case_status_transitions (from_status, to_status) VALUES ('in_review', 'awaiting_panel');

-- The other party: invited when the case is accepted, with a response window.
ALTER TABLE case_parties
    ADD COLUMN invited_at timestamptz,
    ADD COLUMN hearing_ends_at timestamptz,
    ADD COLUMN responded_at timestamptz,
    ADD CONSTRAINT invitation_complete CHECK ((invited_at IS NULL) = (hearing_ends_at IS NULL)),
    ADD CONSTRAINT filer_is_not_invited CHECK (NOT is_filer OR invited_at IS NULL);

-- A released chair hands the chair to another member: is_chair may now go from
-- false to true on a current seat (never back), besides releasing a seat once.
CREATE OR REPLACE FUNCTION guard_panel_assignment() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'panel assignments are never deleted' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF (NEW.id, NEW.case_id, NEW.staff_id, NEW.discipline, NEW.assigned_at)
       IS DISTINCT FROM (OLD.id, OLD.case_id, OLD.staff_id, OLD.discipline, OLD.assigned_at)
       OR OLD.released_at IS NOT NULL
       OR (OLD.is_chair AND NOT NEW.is_chair)
       OR (NEW.is_chair AND NOT OLD.is_chair AND NEW.released_at IS NOT NULL) THEN
        RAISE EXCEPTION 'a panel assignment can only be released once, or take over the chair'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- A panel changes only while it works; after a ruling it is what the ruling names.
    IF (SELECT status FROM cases WHERE id = NEW.case_id) NOT IN ('awaiting_panel', 'in_review') THEN
        RAISE EXCEPTION 'the panel of case % can no longer change', NEW.case_id USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.released_at IS NOT NULL THEN
        UPDATE panel_members SET open_cases = open_cases - 1 WHERE staff_id = NEW.staff_id;
    END IF;
    RETURN NEW;
END;
$$;

-- Written statements of the parties and the panel: never changed or deleted.
CREATE TABLE case_statements (
    id             uuid PRIMARY KEY,
    case_id        uuid NOT NULL REFERENCES cases (id),
    author_role    text NOT NULL CHECK (author_role IN ('employee', 'employer', 'panel_member')),
    author_staff_id uuid REFERENCES staff (id),
    text           text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 20000),
    medical        boolean NOT NULL,
    created_at     timestamptz NOT NULL,
    CHECK ((author_role = 'panel_member') = (author_staff_id IS NOT NULL)),
    CHECK (NOT medical OR author_role IN ('employee', 'panel_member'))
);

CREATE INDEX case_statements_case_idx ON case_statements (case_id, created_at);
CREATE TRIGGER case_statements_append_only BEFORE UPDATE OR DELETE ON case_statements
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Durable timers: fired exactly once by whichever instance claims them first
-- (FOR UPDATE SKIP LOCKED), in the transaction that does their work.
CREATE TABLE timers (
    id         bigserial PRIMARY KEY,
    kind       text NOT NULL CHECK (kind IN ('preferred_passed', 'due_passed', 'follow_up_due', 'follow_up_missed', 'absence_ended')),
    case_id    uuid REFERENCES cases (id),
    stage      text,
    subject_id uuid,          -- the follow-up or member the timer is about
    due_at     timestamptz NOT NULL,
    created_at timestamptz NOT NULL,
    fired_at   timestamptz,
    outcome    text,          -- what firing did ('reminded', 'escalated', 'moot', …)
    CHECK ((fired_at IS NULL) = (outcome IS NULL))
);

CREATE INDEX timers_pending_idx ON timers (due_at) WHERE fired_at IS NULL;
CREATE INDEX timers_case_idx ON timers (case_id);

-- Wake the schedulers of every instance when a timer is added.
CREATE FUNCTION notify_timer() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('eenloket_timers', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER timers_notify AFTER INSERT ON timers
    FOR EACH STATEMENT EXECUTE FUNCTION notify_timer();

-- The outbox: every message is written in the transaction of the change that
-- causes it; a delivery worker sends e-mail, letters wait to be printed.
CREATE TABLE notifications (
    id                 bigserial PRIMARY KEY,
    case_id            uuid REFERENCES cases (id),
    kind               text NOT NULL,
    channel            text NOT NULL CHECK (channel IN ('email', 'letter')),
    recipient_email    text CHECK (char_length(recipient_email) <= 320),
    recipient_staff_id uuid REFERENCES staff (id),
    recipient_party    text CHECK (recipient_party IN ('employee', 'employer')),
    recipient_name     text,
    subject            text NOT NULL,
    body               text NOT NULL,
    created_at         timestamptz NOT NULL,
    next_attempt_at    timestamptz NOT NULL,
    attempts           integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    sent_at            timestamptz,   -- e-mail handed to the transport, or letter printed
    failed_at          timestamptz,   -- gave up: flagged for a person to look at
    last_error         text,
    CHECK (channel = 'letter' OR recipient_email IS NOT NULL),
    CHECK (sent_at IS NULL OR failed_at IS NULL)
);

CREATE INDEX notifications_pending_idx ON notifications (next_attempt_at)
    WHERE sent_at IS NULL AND failed_at IS NULL AND channel = 'email';
CREATE INDEX notifications_letters_idx ON notifications (created_at) WHERE channel = 'letter' AND sent_at IS NULL;
CREATE INDEX notifications_case_idx ON notifications (case_id);

CREATE FUNCTION notify_outbox() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('eenloket_outbox', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER notifications_notify AFTER INSERT ON notifications
    FOR EACH STATEMENT EXECUTE FUNCTION notify_outbox();

-- Escalations: cases that need a coordinator's attention.
CREATE TABLE escalations (
    id          bigserial PRIMARY KEY,
    case_id     uuid NOT NULL REFERENCES cases (id),
    kind        text NOT NULL CHECK (kind IN
                    ('deadline_missed', 'awaiting_panel', 'chair_absent', 'ruling_not_carried_out', 'follow_ups_missed')),
    detail      text NOT NULL,
    created_at  timestamptz NOT NULL,
    resolved_at timestamptz,
    resolved_by uuid REFERENCES staff (id),
    CHECK ((resolved_at IS NULL) = (resolved_by IS NULL))
);

CREATE INDEX escalations_open_idx ON escalations (created_at) WHERE resolved_at IS NULL;
CREATE INDEX escalations_case_idx ON escalations (case_id);

-- Absence of panel members: routing skips them while absent.
CREATE TABLE member_absences (
    id         uuid PRIMARY KEY,
    staff_id   uuid NOT NULL REFERENCES panel_members (staff_id),
    starts_on  date NOT NULL,
    ends_on    date NOT NULL,
    reason     text CHECK (char_length(reason) <= 200),
    created_at timestamptz NOT NULL,
    CHECK (ends_on >= starts_on)
);

CREATE INDEX member_absences_staff_idx ON member_absences (staff_id, ends_on);

-- After-care check-ins with each party after a ruling.
CREATE TABLE follow_ups (
    id               uuid PRIMARY KEY,
    case_id          uuid NOT NULL REFERENCES rulings (case_id),
    party            text NOT NULL CHECK (party IN ('employee', 'employer')),
    sequence         integer NOT NULL CHECK (sequence >= 1),
    due_at           timestamptz NOT NULL,
    answer_by        timestamptz NOT NULL,
    answered_at      timestamptz,
    carried_out      text CHECK (carried_out IN ('yes', 'partly', 'no')),
    return_to_work   text CHECK (return_to_work IN ('working_as_agreed', 'working_less', 'not_working', 'not_applicable')),
    needs_help       boolean,
    remarks          text CHECK (char_length(remarks) <= 2000),
    missed_at        timestamptz,
    UNIQUE (case_id, party, sequence),
    CHECK (answer_by > due_at),
    CHECK ((answered_at IS NULL) = (carried_out IS NULL)),
    CHECK (answered_at IS NULL OR missed_at IS NULL)
);

CREATE INDEX follow_ups_case_idx ON follow_ups (case_id);

-- The follow-up schedule lives with the other deadline rules, in calendar days.
ALTER TABLE deadline_rules DROP CONSTRAINT deadline_rules_stage_check;
ALTER TABLE deadline_rules
    ADD COLUMN unit text NOT NULL DEFAULT 'working_days' CHECK (unit IN ('working_days', 'calendar_days')),
    ADD CONSTRAINT deadline_rules_stage_check CHECK (stage IN ('triage', 'panel', 'ruling') OR stage ~ '^follow_up_[1-9]$');

-- preferred_days: when the check-in is due after the ruling; due_days: when an unanswered one counts as missed.
INSERT INTO deadline_rules (stage, preferred_days, due_days, unit) VALUES
    ('follow_up_1', 14, 28, 'calendar_days'),
    ('follow_up_2', 42, 56, 'calendar_days'),
    ('follow_up_3', 91, 105, 'calendar_days'),
    ('follow_up_4', 182, 196, 'calendar_days');
