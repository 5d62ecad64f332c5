-- Cases, their parties, medical information, history and deadlines.

CREATE TABLE cases (
    id                      uuid PRIMARY KEY,
    reference               text NOT NULL UNIQUE CHECK (reference ~ '^EL-[0-9]{4}-[0-9]{6}$'),
    status                  text NOT NULL DEFAULT 'submitted' CHECK (status IN
                                ('submitted', 'awaiting_panel', 'in_review', 'ruled', 'referred', 'answered', 'withdrawn')),
    filer_role              text NOT NULL CHECK (filer_role IN ('employee', 'employer')),
    employee_name           text NOT NULL CHECK (char_length(btrim(employee_name)) BETWEEN 1 AND 200),
    employer_name           text NOT NULL CHECK (char_length(btrim(employer_name)) BETWEEN 1 AND 200),
    employer_kvk            text NOT NULL CHECK (employer_kvk ~ '^[0-9]{8}$'),
    sick_since              date NOT NULL,
    question                text NOT NULL CHECK (char_length(question) BETWEEN 20 AND 20000),
    physician_name          text CHECK (char_length(physician_name) <= 200),
    physician_organisation  text CHECK (char_length(physician_organisation) <= 200),
    -- Triage.
    case_type               text CHECK (case_type IN
                                ('second_opinion', 'work_capacity', 'suitable_work', 'reintegration_effort', 'track_two', 'other')),
    triage_decision         text CHECK (triage_decision IN ('accept', 'refer', 'answer')),
    triage_motivation       text CHECK (char_length(triage_motivation) BETWEEN 10 AND 20000),
    requested_disciplines   text[] NOT NULL DEFAULT '{}'
                                CHECK (requested_disciplines <@ ARRAY['bedrijfsarts', 'verzekeringsarts', 'arbeidsdeskundige']),
    triaged_at              timestamptz,
    triaged_by              uuid REFERENCES staff (id),
    -- Bookkeeping.
    created_at              timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL,
    filed_on                date NOT NULL,     -- the Europe/Amsterdam date of created_at
    filed_year              integer NOT NULL GENERATED ALWAYS AS (extract(year FROM filed_on)::integer) STORED,
    next_due_by             date,              -- nearest unmet due_by of an open case (trigger-kept)
    event_count             integer NOT NULL DEFAULT 0,
    CONSTRAINT triage_recorded CHECK (
        (triage_decision IS NULL) = (triaged_at IS NULL)
        AND (status <> 'submitted' OR triage_decision IS NULL)
    ),
    CONSTRAINT accepted_case_is_classified CHECK (
        triage_decision IS DISTINCT FROM 'accept'
        OR (case_type IS NOT NULL AND cardinality(requested_disciplines) > 0
            AND requested_disciplines && ARRAY['bedrijfsarts', 'verzekeringsarts'])
    ),
    CONSTRAINT decision_matches_status CHECK (
        status = 'submitted'
        OR (status = 'withdrawn' AND (triage_decision IS NULL OR triage_decision = 'accept'))
        OR (status IN ('awaiting_panel', 'in_review', 'ruled') AND triage_decision = 'accept')
        OR (status = 'referred' AND triage_decision = 'refer')
        OR (status = 'answered' AND triage_decision = 'answer')
    )
);

-- The work queue: most urgent first (earliest due date, none last), then oldest.
CREATE INDEX cases_queue_idx ON cases ((coalesce(next_due_by, 'infinity'::date)), created_at, id);
CREATE INDEX cases_status_queue_idx ON cases (status, (coalesce(next_due_by, 'infinity'::date)), created_at, id);
-- Supervision by employer and year.
CREATE INDEX cases_employer_year_idx ON cases (employer_kvk, filed_year) WHERE triage_decision = 'accept';
-- Re-routing waits oldest first.
CREATE INDEX cases_awaiting_panel_idx ON cases (created_at, id) WHERE status = 'awaiting_panel';

-- The allowed status changes. CaseTransition in Swift defines the same pairs
-- (a test compares them); this table lets the database refuse any other.
CREATE TABLE case_status_transitions (
    from_status text NOT NULL,
    to_status   text NOT NULL,
    PRIMARY KEY (from_status, to_status)
);

INSERT INTO case_status_transitions (from_status, to_status) VALUES
    ('submitted', 'awaiting_panel'),
    ('submitted', 'in_review'),
    ('submitted', 'referred'),
    ('submitted', 'answered'),
    ('submitted', 'withdrawn'),
    ('awaiting_panel', 'in_review'),
    ('awaiting_panel', 'withdrawn'),
    ('in_review', 'ruled'),
    ('in_review', 'withdrawn');

CREATE FUNCTION guard_case_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id <> OLD.id OR NEW.reference <> OLD.reference OR NEW.filer_role <> OLD.filer_role
       OR NEW.created_at <> OLD.created_at THEN
        RAISE EXCEPTION 'the identity of case % cannot change', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.status <> OLD.status THEN
        IF NOT EXISTS (SELECT 1 FROM case_status_transitions
                       WHERE from_status = OLD.status AND to_status = NEW.status) THEN
            RAISE EXCEPTION 'case % cannot go from % to %', OLD.id, OLD.status, NEW.status
                USING ERRCODE = 'check_violation', CONSTRAINT = 'case_status_transition';
        END IF;
        -- A closed case has nothing left to be due.
        IF NEW.status IN ('ruled', 'referred', 'answered', 'withdrawn') THEN
            NEW.next_due_by := NULL;
        END IF;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER cases_guard_update BEFORE UPDATE ON cases
    FOR EACH ROW EXECUTE FUNCTION guard_case_update();

CREATE FUNCTION forbid_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are never deleted', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER cases_no_delete BEFORE DELETE ON cases
    FOR EACH ROW EXECUTE FUNCTION forbid_delete();

-- Medical information given by an employee at filing. Kept apart from the
-- case so that a query for the case cannot return it by accident.
CREATE TABLE case_medical (
    case_id             uuid PRIMARY KEY REFERENCES cases (id),
    medical_information text NOT NULL CHECK (char_length(medical_information) BETWEEN 1 AND 20000)
);

-- Only an employee may record health data (AP policy "De zieke werknemer").
CREATE FUNCTION guard_case_medical() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT filer_role FROM cases WHERE id = NEW.case_id) <> 'employee' THEN
        RAISE EXCEPTION 'an employer may not record medical information' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER case_medical_guard BEFORE INSERT OR UPDATE ON case_medical
    FOR EACH ROW EXECUTE FUNCTION guard_case_medical();

-- The parties of a case and their access tokens (SHA-256 hashes only).
CREATE TABLE case_parties (
    id          uuid PRIMARY KEY,
    case_id     uuid NOT NULL REFERENCES cases (id),
    role        text NOT NULL CHECK (role IN ('employee', 'employer')),
    is_filer    boolean NOT NULL,
    name        text CHECK (char_length(name) <= 200),
    email       text CHECK (char_length(email) <= 320),
    token_hash  bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    created_at  timestamptz NOT NULL,
    UNIQUE (case_id, role)
);

CREATE UNIQUE INDEX case_parties_one_filer ON case_parties (case_id) WHERE is_filer;

-- Case references: EL-<year>-<6 digits>, numbered per year. A sequence per
-- year (created on first use) keeps concurrent filings from queueing on a row lock.
CREATE FUNCTION next_case_reference(p_year integer) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    seq text := 'case_reference_' || p_year;
BEGIN
    IF p_year NOT BETWEEN 1000 AND 9999 THEN
        RAISE EXCEPTION 'year % out of range', p_year USING ERRCODE = 'check_violation';
    END IF;
    IF to_regclass(seq) IS NULL THEN
        BEGIN
            EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I MAXVALUE 999999', seq);
        EXCEPTION WHEN unique_violation OR duplicate_table THEN
            NULL;  -- another transaction created it first
        END;
    END IF;
    RETURN format('EL-%s-%s', p_year, lpad(nextval(seq)::text, 6, '0'));
END;
$$;

-- The history of a case: append-only, numbered per case.
CREATE TABLE case_events (
    id             bigserial PRIMARY KEY,
    case_id        uuid NOT NULL REFERENCES cases (id),
    seq            integer NOT NULL,
    at             timestamptz NOT NULL,
    type           text NOT NULL CHECK (type ~ '^[a-z][a-z_]*$'),
    actor_role     text NOT NULL CHECK (actor_role IN
                       ('employee', 'employer', 'admin', 'coordinator', 'intake_officer', 'panel_member', 'inspector', 'system')),
    actor_staff_id uuid REFERENCES staff (id),
    data           jsonb NOT NULL DEFAULT '{}'::jsonb,
    UNIQUE (case_id, seq)
);

-- seq is 1, 2, 3 … per case: the case row's counter, incremented under its row lock.
CREATE FUNCTION number_case_event() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE cases SET event_count = event_count + 1 WHERE id = NEW.case_id RETURNING event_count INTO NEW.seq;
    IF NEW.seq IS NULL THEN
        RAISE EXCEPTION 'no case %', NEW.case_id USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER case_events_number BEFORE INSERT ON case_events
    FOR EACH ROW EXECUTE FUNCTION number_case_event();

CREATE FUNCTION forbid_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events
    FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();

-- Deadlines: the "preferred moment + latest deadline" of each stage, in working days.
CREATE TABLE deadline_rules (
    stage          text PRIMARY KEY CHECK (stage IN ('triage', 'panel', 'ruling')),
    preferred_days integer NOT NULL CHECK (preferred_days >= 0),
    due_days       integer NOT NULL,
    CHECK (due_days >= preferred_days)
);

INSERT INTO deadline_rules (stage, preferred_days, due_days) VALUES
    ('triage', 2, 5),
    ('panel', 1, 5),
    ('ruling', 15, 30);

-- Days that count as non-working on top of weekends and the public holidays of
-- the Algemene termijnenwet (which the service computes itself).
CREATE TABLE non_working_days (
    day    date PRIMARY KEY,
    reason text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 200)
);

CREATE TABLE case_deadlines (
    case_id      uuid NOT NULL REFERENCES cases (id),
    stage        text NOT NULL CHECK (stage IN ('triage', 'panel', 'ruling')),
    started_at   timestamptz NOT NULL,
    preferred_by date NOT NULL,
    due_by       date NOT NULL,
    met_at       timestamptz,
    PRIMARY KEY (case_id, stage),
    CHECK (preferred_by <= due_by)
);

-- cases.next_due_by follows the case's unmet deadlines.
CREATE FUNCTION refresh_next_due_by() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE cases c
       SET next_due_by = CASE WHEN c.status IN ('ruled', 'referred', 'answered', 'withdrawn') THEN NULL
                              ELSE (SELECT min(d.due_by) FROM case_deadlines d
                                     WHERE d.case_id = c.id AND d.met_at IS NULL) END
     WHERE c.id = NEW.case_id;
    RETURN NULL;
END;
$$;

CREATE TRIGGER case_deadlines_refresh AFTER INSERT OR UPDATE ON case_deadlines
    FOR EACH ROW EXECUTE FUNCTION refresh_next_due_by();

-- Idempotent filing: the key and the request are kept as hashes, the response
-- sealed with a key derived from the Idempotency-Key, which only the client holds.
CREATE TABLE idempotency_keys (
    key_hash        bytea PRIMARY KEY CHECK (octet_length(key_hash) = 32),
    request_hash    bytea NOT NULL CHECK (octet_length(request_hash) = 32),
    case_id         uuid REFERENCES cases (id),
    -- Empty while the filing that claimed the key is still in its transaction.
    response_status integer,
    response_sealed bytea,
    created_at      timestamptz NOT NULL,
    CHECK ((response_status IS NULL) = (response_sealed IS NULL))
);

CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
