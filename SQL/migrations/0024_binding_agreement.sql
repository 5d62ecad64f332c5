-- Binding advice binds because each party agreed to it (Civil Code 7:900),
-- knowing the text, before the ruling. A case's basis is fixed when it is
-- filed: `agreement` (both parties must agree) or `statute` (binding by law).
ALTER TABLE cases
    ADD COLUMN binding_basis text NOT NULL DEFAULT 'agreement' CHECK (binding_basis IN ('agreement', 'statute'));

-- One agreement per party and case, with the text's version and SHA-256: what
-- was agreed to stays provable when the wording later changes.
CREATE TABLE binding_agreements (
    case_id   uuid NOT NULL REFERENCES cases (id),
    party     text NOT NULL CHECK (party IN ('employee', 'employer')),
    -- NULL only once the retention purge removed it.
    name      text CHECK (char_length(name) BETWEEN 2 AND 200),
    agreed_at timestamptz NOT NULL,
    version   text NOT NULL CHECK (char_length(version) BETWEEN 1 AND 40),
    digest    text NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$'),
    PRIMARY KEY (case_id, party)
);

-- Agreeing is possible only while the case is open; an agreement is never
-- changed or withdrawn, except that the retention purge removes the name.
CREATE FUNCTION guard_binding_agreement() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.name IS NULL THEN
            RAISE EXCEPTION 'an agreement names who agreed' USING ERRCODE = 'check_violation';
        END IF;
        IF (SELECT status FROM cases WHERE id = NEW.case_id) IN ('ruled', 'referred', 'answered', 'withdrawn') THEN
            RAISE EXCEPTION 'case % is closed: no agreement can be added', NEW.case_id
                USING ERRCODE = 'check_violation', CONSTRAINT = 'binding_agreement_case_open';
        END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND current_setting('eenloket.retention', true) = 'on' AND NEW.name IS NULL
       AND (NEW.case_id, NEW.party, NEW.agreed_at, NEW.version, NEW.digest)
           = (OLD.case_id, OLD.party, OLD.agreed_at, OLD.version, OLD.digest) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'binding_agreements is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER binding_agreements_guard BEFORE INSERT OR UPDATE OR DELETE ON binding_agreements
    FOR EACH ROW EXECUTE FUNCTION guard_binding_agreement();
CREATE TRIGGER binding_agreements_no_truncate BEFORE TRUNCATE ON binding_agreements
    FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();

-- The purge (which sets cases.purged_at with eenloket.retention on) removes the names.
CREATE FUNCTION purge_agreement_names() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE binding_agreements SET name = NULL WHERE case_id = NEW.id AND name IS NOT NULL;
    RETURN NEW;
END;
$$;

CREATE TRIGGER cases_purge_agreement_names AFTER UPDATE OF purged_at ON cases
    FOR EACH ROW WHEN (NEW.purged_at IS NOT NULL AND OLD.purged_at IS NULL) EXECUTE FUNCTION purge_agreement_names();

-- Whether a ruling binds is the database's finding, not the caller's word:
-- by statute, or both parties agreed before it was recorded.
ALTER TABLE rulings ADD COLUMN binding boolean NOT NULL DEFAULT false;

CREATE FUNCTION ruling_binds(p_case uuid, p_at timestamptz) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$
    SELECT c.binding_basis = 'statute'
           OR (SELECT count(*) FROM binding_agreements a WHERE a.case_id = c.id AND a.agreed_at <= p_at) = 2
      FROM cases c WHERE c.id = p_case
$$;

CREATE FUNCTION set_ruling_binding() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.binding := coalesce(ruling_binds(NEW.case_id, NEW.decided_at), false);
    RETURN NEW;
END;
$$;

CREATE TRIGGER rulings_binding BEFORE INSERT ON rulings FOR EACH ROW EXECUTE FUNCTION set_ruling_binding();

-- Hearing both sides in turn: the invited party's first statement opens the
-- filer's reply window (the same number of working days); the filer's first
-- statement after it is the reply.
ALTER TABLE case_parties
    ADD COLUMN reply_window_ends_at timestamptz,
    ADD COLUMN replied_at timestamptz,
    ADD CONSTRAINT reply_is_the_filers CHECK (is_filer OR (reply_window_ends_at IS NULL AND replied_at IS NULL)),
    ADD CONSTRAINT reply_within_a_window CHECK (replied_at IS NULL OR reply_window_ends_at IS NOT NULL);

INSERT INTO event_types (type) VALUES ('binding_agreed');

-- Filing records the case's binding basis and, when the filer agrees at once,
-- the filer's agreement (same statement, so filing stays one call).
DROP FUNCTION file_case(
    uuid, date, timestamp with time zone, text, text, text, uuid, bytea, text, text, jsonb, text,
    text, text, jsonb, date, text, text, text, text, date, date, timestamp with time zone,
    timestamp with time zone, text, text, text, text, text);

CREATE FUNCTION file_case(
    p_id uuid, p_filed_on date, p_now timestamp with time zone, p_filer_role text,
    p_filer_name text, p_filer_email text, p_party_id uuid, p_token_hash bytea,
    p_employee_name text, p_employee_email text, p_employee_address jsonb, p_employer_name text,
    p_employer_kvk text, p_employer_email text, p_employer_address jsonb, p_sick_since date,
    p_question text, p_physician_name text, p_physician_organisation text, p_medical text,
    p_triage_preferred_by date, p_triage_due_by date,
    p_preferred_passes_at timestamp with time zone, p_due_passes_at timestamp with time zone,
    p_reference_mark text, p_receipt_subject text, p_receipt_body text, p_news_subject text,
    p_news_body text, p_binding_basis text, p_agreed_name text, p_agreement_version text,
    p_agreement_digest text) RETURNS text
    LANGUAGE plpgsql
    AS $$
DECLARE
    ref text;
BEGIN
    INSERT INTO cases (id, reference, filer_role, employee_name, employer_name, employer_kvk, sick_since,
                       question, physician_name, physician_organisation, created_at, updated_at, filed_on,
                       employee_email, employer_email, employee_address, employer_address, binding_basis)
    VALUES (p_id, next_case_reference(extract(year FROM p_filed_on)::integer), p_filer_role, p_employee_name,
            p_employer_name, p_employer_kvk, p_sick_since, p_question, p_physician_name, p_physician_organisation,
            p_now, p_now, p_filed_on, p_employee_email, p_employer_email, p_employee_address, p_employer_address,
            p_binding_basis)
    RETURNING reference INTO ref;

    IF p_medical IS NOT NULL THEN
        INSERT INTO case_medical (case_id, medical_information) VALUES (p_id, p_medical);
    END IF;

    INSERT INTO case_parties (id, case_id, role, is_filer, name, email, token_hash, created_at)
    VALUES (p_party_id, p_id, p_filer_role, true, p_filer_name, p_filer_email, p_token_hash, p_now);

    -- The filer may agree to be bound while filing.
    IF p_agreed_name IS NOT NULL THEN
        INSERT INTO binding_agreements (case_id, party, name, agreed_at, version, digest)
        VALUES (p_id, p_filer_role, p_agreed_name, p_now, p_agreement_version, p_agreement_digest);
    END IF;

    INSERT INTO case_deadlines (case_id, stage, started_at, preferred_by, due_by)
    VALUES (p_id, 'triage', p_now, p_triage_preferred_by, p_triage_due_by);
    INSERT INTO timers (kind, case_id, stage, due_at, created_at)
    VALUES ('preferred_passed', p_id, 'triage', p_preferred_passes_at, p_now),
           ('due_passed', p_id, 'triage', p_due_passes_at, p_now);

    INSERT INTO case_events (case_id, at, type, actor_role, data)
    VALUES (p_id, p_now, 'case_filed', p_filer_role, jsonb_build_object('status', 'submitted'));
    IF p_agreed_name IS NOT NULL THEN
        INSERT INTO case_events (case_id, at, type, actor_role, data)
        VALUES (p_id, p_now, 'binding_agreed', p_filer_role, jsonb_build_object('party', p_filer_role, 'digest', p_agreement_digest));
    END IF;

    -- The receipt goes by e-mail only; a filer without an address reads the case page.
    INSERT INTO notifications (case_id, kind, channel, recipient_email, recipient_party, recipient_name,
                               subject, body, created_at, next_attempt_at)
    SELECT p_id, 'case_received', 'email', p_filer_email, p_filer_role, p_filer_name,
           replace(p_receipt_subject, p_reference_mark, ref), replace(p_receipt_body, p_reference_mark, ref), p_now, p_now
     WHERE p_filer_email IS NOT NULL;
    INSERT INTO notifications (case_id, kind, channel, recipient_email, recipient_staff_id, recipient_name,
                               subject, body, created_at, next_attempt_at)
    SELECT p_id, 'new_case', 'email', s.email, s.id, s.name,
           replace(p_news_subject, p_reference_mark, ref), replace(p_news_body, p_reference_mark, ref), p_now, p_now
      FROM staff s WHERE s.role = 'intake_officer' AND s.active;

    RETURN ref;
END;
$$;
