-- Retention per kind of data (issue 14): the medical file of a case (medical
-- information, medical considerations of the draft and the ruling, medical
-- statements, medical documents, medical draft comments, medical notes of an
-- examination) is kept for its own period, apart from the other personal
-- data (names, addresses, e-mail addresses, the question, non-medical texts).
-- The personal-data purge (0007 and the triggers on cases.purged_at) leaves
-- the medical file alone from now on; purge_medical_file removes it.

ALTER TABLE cases ADD COLUMN medical_purged_at timestamptz;
-- Until now the one purge removed the medical file as well.
UPDATE cases SET medical_purged_at = purged_at WHERE purged_at IS NOT NULL;

INSERT INTO event_types (type) VALUES ('medical_file_purged');

CREATE OR REPLACE FUNCTION purge_personal_data(p_cutoff timestamptz, p_now timestamptz, p_limit integer)
RETURNS SETOF uuid
LANGUAGE plpgsql AS $$
DECLARE
    ids uuid[];
    removed constant text := 'Verwijderd na afloop van de bewaartermijn.';
BEGIN
    SELECT coalesce(array_agg(c.id), '{}') INTO ids FROM (
        -- Limited after the lock, so instances purging at once each get their own cases.
        SELECT c.id FROM cases c
         WHERE c.id IN (SELECT d.id FROM retention_due(p_cutoff, NULL) d)
         ORDER BY c.closed_at
         LIMIT p_limit
           FOR UPDATE SKIP LOCKED) c;
    IF cardinality(ids) = 0 THEN
        RETURN;
    END IF;

    PERFORM set_config('eenloket.retention', 'on', true);
    UPDATE case_statements SET text = removed WHERE case_id = ANY (ids) AND NOT medical AND text <> removed;
    UPDATE case_parties SET name = NULL, email = NULL WHERE case_id = ANY (ids);
    UPDATE follow_ups SET remarks = NULL WHERE case_id = ANY (ids) AND remarks IS NOT NULL;
    DELETE FROM notifications WHERE case_id = ANY (ids);
    UPDATE cases
       SET employee_name = 'Verwijderd', question = removed, physician_name = NULL, physician_organisation = NULL,
           employee_email = NULL, employer_email = NULL,
           triage_motivation = CASE WHEN triage_motivation IS NULL THEN NULL ELSE removed END,
           purged_at = p_now
     WHERE id = ANY (ids);
    PERFORM set_config('eenloket.retention', 'off', true);

    INSERT INTO case_events (case_id, at, type, actor_role, data)
    SELECT id, p_now, 'personal_data_purged', 'system',
           jsonb_build_object('removed', jsonb_build_array(
               'statements', 'names_and_addresses', 'question', 'physician', 'messages', 'follow_up_remarks', 'documents'))
      FROM unnest(ids) AS id;
    RETURN QUERY SELECT unnest(ids);
END;
$$;

-- The triggers of the personal-data purge keep their hands off the medical file.
CREATE OR REPLACE FUNCTION purge_documents() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM document_chunks WHERE document_id IN (SELECT id FROM documents WHERE case_id = NEW.id AND NOT medical);
    UPDATE documents SET filename = 'verwijderd', description = NULL, purged_at = NEW.purged_at
     WHERE case_id = NEW.id AND NOT medical AND purged_at IS NULL;
    RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION purge_drafts() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    removed constant text := 'Verwijderd na afloop van de bewaartermijn.';
BEGIN
    UPDATE draft_rulings SET decision = removed, motivation = removed WHERE case_id = NEW.id;
    UPDATE draft_comments SET text = removed WHERE case_id = NEW.id AND NOT medical AND text IS NOT NULL;
    RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION purge_appointments() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    removed constant text := 'Verwijderd na afloop van de bewaartermijn.';
BEGIN
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

-- The cases whose medical file is due, oldest first: closed before the cutoff
-- and no appeal recorded since.
CREATE FUNCTION medical_retention_due(p_cutoff timestamptz, p_limit integer)
RETURNS TABLE (id uuid, reference text, closed_at timestamptz)
LANGUAGE sql STABLE AS $$
    SELECT c.id, c.reference, c.closed_at FROM cases c
     WHERE c.medical_purged_at IS NULL AND c.closed_at IS NOT NULL AND c.closed_at < p_cutoff
       AND NOT EXISTS (SELECT 1 FROM appeals a WHERE a.case_id = c.id AND a.recorded_at >= p_cutoff)
     ORDER BY c.closed_at
     LIMIT p_limit;
$$;
CREATE INDEX cases_medical_retention_idx ON cases (closed_at) WHERE medical_purged_at IS NULL AND closed_at IS NOT NULL;

CREATE FUNCTION purge_medical_file(p_cutoff timestamptz, p_now timestamptz, p_limit integer)
RETURNS SETOF uuid
LANGUAGE plpgsql AS $$
DECLARE
    ids uuid[];
    removed constant text := 'Verwijderd na afloop van de bewaartermijn.';
BEGIN
    SELECT coalesce(array_agg(c.id), '{}') INTO ids FROM (
        SELECT c.id FROM cases c
         WHERE c.id IN (SELECT d.id FROM medical_retention_due(p_cutoff, NULL) d)
         ORDER BY c.closed_at
         LIMIT p_limit
           FOR UPDATE SKIP LOCKED) c;
    IF cardinality(ids) = 0 THEN
        RETURN;
    END IF;

    PERFORM set_config('eenloket.retention', 'on', true);
    DELETE FROM case_medical WHERE case_id = ANY (ids);
    DELETE FROM ruling_medical WHERE case_id = ANY (ids);
    DELETE FROM draft_ruling_medical WHERE case_id = ANY (ids);
    DELETE FROM appointment_medical WHERE appointment_id IN (SELECT a.id FROM appointments a WHERE a.case_id = ANY (ids));
    UPDATE case_statements SET text = removed WHERE case_id = ANY (ids) AND medical AND text <> removed;
    UPDATE draft_comments SET text = removed WHERE case_id = ANY (ids) AND medical AND text IS NOT NULL;
    DELETE FROM document_chunks WHERE document_id IN (SELECT d.id FROM documents d WHERE d.case_id = ANY (ids) AND d.medical);
    UPDATE documents SET filename = 'verwijderd', description = NULL, purged_at = p_now
     WHERE case_id = ANY (ids) AND medical AND purged_at IS NULL;
    UPDATE cases SET medical_purged_at = p_now WHERE id = ANY (ids);
    PERFORM set_config('eenloket.retention', 'off', true);

    INSERT INTO case_events (case_id, at, type, actor_role, data)
    SELECT id, p_now, 'medical_file_purged', 'system',
           jsonb_build_object('removed', jsonb_build_array(
               'medical_information', 'medical_considerations', 'medical_statements', 'medical_documents',
               'medical_comments', 'medical_notes'))
      FROM unnest(ids) AS id;
    RETURN QUERY SELECT unnest(ids);
END;
$$;
