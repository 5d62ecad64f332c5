-- Reaching the right person (security finding H1): postal addresses of the
-- parties, the other party's contact checked by the intake officer, the first
-- use of each invitation link, and an invited employee who sees medical text
-- only once staff have verified that the link reached the employee.

-- A Dutch postal address: {"street", "postal_code" ("1234 AB"), "city"}, nothing else.
CREATE FUNCTION postal_address_ok(a jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT jsonb_typeof(a) = 'object'
       AND (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(a) AS k) = ARRAY['city', 'postal_code', 'street']
       AND jsonb_typeof(a -> 'street') = 'string' AND char_length(btrim(a ->> 'street')) BETWEEN 1 AND 200
       AND jsonb_typeof(a -> 'city') = 'string' AND char_length(btrim(a ->> 'city')) BETWEEN 1 AND 100
       AND jsonb_typeof(a -> 'postal_code') = 'string' AND (a ->> 'postal_code') ~ '^[1-9][0-9]{3} [A-Z]{2}$'
$$;

ALTER TABLE cases
    ADD COLUMN employee_address jsonb CHECK (employee_address IS NULL OR postal_address_ok(employee_address)),
    ADD COLUMN employer_address jsonb CHECK (employer_address IS NULL OR postal_address_ok(employer_address));

ALTER TABLE case_parties
    ADD COLUMN address jsonb CHECK (address IS NULL OR postal_address_ok(address)),
    -- Staff checked that this party's contact reaches the party itself.
    ADD COLUMN verified_at timestamptz,
    ADD COLUMN verified_by uuid REFERENCES staff (id),
    -- When the current link was first used (reset when the link is replaced).
    ADD COLUMN first_used_at timestamptz,
    ADD CONSTRAINT verification_recorded CHECK ((verified_at IS NULL) = (verified_by IS NULL)),
    ADD CONSTRAINT filer_needs_no_verification CHECK (NOT is_filer OR verified_at IS NULL);

-- An invitation never goes to the filer's own e-mail address: a filer who
-- typed their own address as the other party's would hold both links.
CREATE FUNCTION guard_invited_contact() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT NEW.is_filer AND NEW.email IS NOT NULL AND EXISTS (
        SELECT 1 FROM case_parties f
         WHERE f.case_id = NEW.case_id AND f.is_filer AND lower(btrim(f.email)) = lower(btrim(NEW.email))) THEN
        RAISE EXCEPTION 'the invited party of case % cannot have the filer''s e-mail address', NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'invited_contact_differs';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER case_parties_invited_contact BEFORE INSERT OR UPDATE OF email ON case_parties
    FOR EACH ROW EXECUTE FUNCTION guard_invited_contact();

-- The medical-field rule (0005), now with the verified employee: an employee
-- who filed sees the case's medical text; an invited employee only once staff
-- verified the invitation reached them. CaseAccessPolicy is the same rule.
CREATE OR REPLACE FUNCTION medical_visible_to(p_case uuid, p_kind text, p_role text, p_viewer uuid, p_viewer_case uuid)
RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT CASE
        WHEN p_kind = 'party' THEN p_role = 'employee' AND p_viewer_case = p_case AND EXISTS (
            SELECT 1 FROM case_parties p
             WHERE p.case_id = p_case AND p.role = 'employee' AND (p.is_filer OR p.verified_at IS NOT NULL))
        WHEN p_kind = 'staff' AND p_role = 'intake_officer' THEN true
        WHEN p_kind = 'staff' AND p_role = 'panel_member' THEN EXISTS (
            SELECT 1 FROM panel_assignments pa JOIN cases c ON c.id = pa.case_id
             WHERE pa.case_id = p_case AND pa.staff_id = p_viewer AND pa.released_at IS NULL
               AND pa.discipline IN ('bedrijfsarts', 'verzekeringsarts') AND c.status <> 'withdrawn')
        ELSE false
    END
$$;

-- Retention: when a case is purged, its postal addresses go with the rest of
-- its personal details (purge_personal_data sets purged_at).
CREATE FUNCTION purge_addresses() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.purged_at IS NOT NULL AND OLD.purged_at IS NULL THEN
        NEW.employee_address := NULL;
        NEW.employer_address := NULL;
        UPDATE case_parties SET address = NULL WHERE case_id = NEW.id AND address IS NOT NULL;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER cases_purge_addresses BEFORE UPDATE OF purged_at ON cases
    FOR EACH ROW EXECUTE FUNCTION purge_addresses();

-- Filing (0011) with the postal addresses: the same call, two more arguments.
DROP FUNCTION file_case(uuid, date, timestamptz, text, text, text, uuid, bytea, text, text, text, text, text, date, text, text,
                        text, text, date, date, timestamptz, timestamptz, text, text, text, text, text);

CREATE FUNCTION file_case(
    p_id uuid, p_filed_on date, p_now timestamptz,
    p_filer_role text, p_filer_name text, p_filer_email text, p_party_id uuid, p_token_hash bytea,
    p_employee_name text, p_employee_email text, p_employee_address jsonb,
    p_employer_name text, p_employer_kvk text, p_employer_email text, p_employer_address jsonb,
    p_sick_since date, p_question text, p_physician_name text, p_physician_organisation text, p_medical text,
    p_triage_preferred_by date, p_triage_due_by date, p_preferred_passes_at timestamptz, p_due_passes_at timestamptz,
    p_reference_mark text, p_receipt_subject text, p_receipt_body text, p_news_subject text, p_news_body text)
RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    ref text;
BEGIN
    INSERT INTO cases (id, reference, filer_role, employee_name, employer_name, employer_kvk, sick_since,
                       question, physician_name, physician_organisation, created_at, updated_at, filed_on,
                       employee_email, employer_email, employee_address, employer_address)
    VALUES (p_id, next_case_reference(extract(year FROM p_filed_on)::integer), p_filer_role, p_employee_name,
            p_employer_name, p_employer_kvk, p_sick_since, p_question, p_physician_name, p_physician_organisation,
            p_now, p_now, p_filed_on, p_employee_email, p_employer_email, p_employee_address, p_employer_address)
    RETURNING reference INTO ref;

    IF p_medical IS NOT NULL THEN
        INSERT INTO case_medical (case_id, medical_information) VALUES (p_id, p_medical);
    END IF;

    INSERT INTO case_parties (id, case_id, role, is_filer, name, email, token_hash, created_at)
    VALUES (p_party_id, p_id, p_filer_role, true, p_filer_name, p_filer_email, p_token_hash, p_now);

    INSERT INTO case_deadlines (case_id, stage, started_at, preferred_by, due_by)
    VALUES (p_id, 'triage', p_now, p_triage_preferred_by, p_triage_due_by);
    INSERT INTO timers (kind, case_id, stage, due_at, created_at)
    VALUES ('preferred_passed', p_id, 'triage', p_preferred_passes_at, p_now),
           ('due_passed', p_id, 'triage', p_due_passes_at, p_now);

    INSERT INTO case_events (case_id, at, type, actor_role, data)
    VALUES (p_id, p_now, 'case_filed', p_filer_role, jsonb_build_object('status', 'submitted'));

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

-- Letters already printed, newest first (to print one again, with a reason).
CREATE INDEX notifications_printed_idx ON notifications (sent_at DESC) WHERE channel = 'letter' AND sent_at IS NOT NULL;
