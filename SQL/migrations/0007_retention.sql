-- Retention: a set time after a case closes (ruling, referral, answer or
-- withdrawal; or after an appeal was recorded, whichever is later) its medical
-- text and personal details (names, e-mail addresses, free text) are purged.
-- The ruling itself stays, pseudonymised through its case; the history keeps
-- one `personal_data_purged` event.

-- Cases closed before 0006 added closed_at start their period at their last change.
UPDATE cases SET closed_at = updated_at
 WHERE closed_at IS NULL AND status IN ('ruled', 'referred', 'answered', 'withdrawn');

-- The cases whose retention period started before p_cutoff, oldest first: the
-- one definition of "due" for the purge and its dry run (p_limit NULL: all).
CREATE FUNCTION retention_due(p_cutoff timestamptz, p_limit integer)
RETURNS TABLE (id uuid, reference text, closed_at timestamptz)
LANGUAGE sql STABLE AS $$
    SELECT c.id, c.reference, c.closed_at FROM cases c
     WHERE c.purged_at IS NULL AND c.closed_at IS NOT NULL AND c.closed_at < p_cutoff
       AND NOT EXISTS (SELECT 1 FROM appeals a WHERE a.case_id = c.id AND a.recorded_at >= p_cutoff)
     ORDER BY c.closed_at
     LIMIT p_limit;
$$;

-- Purges up to p_limit due cases; returns their ids.
-- One statement per table, all in the caller's transaction: a case is purged
-- completely, with its event, or not at all. SKIP LOCKED lets instances share the work.
CREATE FUNCTION purge_personal_data(p_cutoff timestamptz, p_now timestamptz, p_limit integer)
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
