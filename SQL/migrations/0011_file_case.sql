-- Filing a case in one call.
--
-- A filing writes the case, its medical information, the filer's party row
-- and token, the triage deadline with its two timers, the case_filed event,
-- and the two messages (a receipt to the filer, news to the intake officers).
-- As separate statements that was a dozen round trips inside one
-- transaction; as one function call it is one, and without an
-- Idempotency-Key the call commits by itself.
--
-- Swift computes what needs its rules (deadline dates on the working-day
-- calendar, the timers' moments, the Dutch message texts) and passes them in;
-- the texts carry p_reference_mark where the new case's reference goes.
-- Returns the reference.
CREATE FUNCTION file_case(
    p_id uuid, p_filed_on date, p_now timestamptz,
    p_filer_role text, p_filer_name text, p_filer_email text, p_party_id uuid, p_token_hash bytea,
    p_employee_name text, p_employee_email text, p_employer_name text, p_employer_kvk text, p_employer_email text,
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
                       employee_email, employer_email)
    VALUES (p_id, next_case_reference(extract(year FROM p_filed_on)::integer), p_filer_role, p_employee_name,
            p_employer_name, p_employer_kvk, p_sick_since, p_question, p_physician_name, p_physician_organisation,
            p_now, p_now, p_filed_on, p_employee_email, p_employer_email)
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
