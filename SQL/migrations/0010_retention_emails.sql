-- The purge of 0007 left the other party's e-mail addresses given at filing
-- (cases.employee_email / employer_email) in place: they are personal details
-- too. Same function, those two columns added; and purged cases lose them now.

UPDATE cases SET employee_email = NULL, employer_email = NULL
 WHERE purged_at IS NOT NULL AND (employee_email IS NOT NULL OR employer_email IS NOT NULL);

CREATE OR REPLACE FUNCTION purge_personal_data(p_cutoff timestamptz, p_now timestamptz, p_limit integer)
RETURNS SETOF uuid
LANGUAGE plpgsql AS $$
DECLARE
    ids uuid[];
    removed constant text := 'Verwijderd na afloop van de bewaartermijn.';
BEGIN
    SELECT coalesce(array_agg(id), '{}') INTO ids FROM (
        SELECT c.id FROM cases c
         WHERE c.purged_at IS NULL AND c.closed_at IS NOT NULL AND c.closed_at < p_cutoff
           AND retention_starts_at(c.id, c.closed_at) < p_cutoff
         ORDER BY c.closed_at
         LIMIT p_limit
           FOR UPDATE SKIP LOCKED) candidates;
    IF cardinality(ids) = 0 THEN
        RETURN;
    END IF;

    -- Only the purge may delete medical text or rewrite statements (policies and triggers of 0006).
    PERFORM set_config('eenloket.retention', 'on', true);
    DELETE FROM case_medical WHERE case_id = ANY (ids);
    DELETE FROM ruling_medical WHERE case_id = ANY (ids);
    UPDATE case_statements SET text = removed WHERE case_id = ANY (ids) AND text <> removed;
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
               'medical_information', 'medical_considerations', 'statements', 'names_and_addresses',
               'question', 'physician', 'messages', 'follow_up_remarks'))
      FROM unnest(ids) AS id;
    RETURN QUERY SELECT unnest(ids);
END;
$$;
