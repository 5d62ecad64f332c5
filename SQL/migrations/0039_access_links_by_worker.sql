-- Getting back in, evened out (BENCHMARKS.md "Getting back in"): measured,
-- a request that matched and sent a link answered about 1 ms later than a
-- miss, because it replaced the token and wrote the message and the event in
-- the request. Now every request writes only its own row; the delivery
-- worker (woken by NOTIFY) matches it, replaces the token, queues the message
-- and records the event, and forgets the typed address.

ALTER TABLE access_link_requests
    ADD COLUMN reference    text CHECK (char_length(reference) <= 40),
    ADD COLUMN email        text CHECK (char_length(email) <= 320),
    ADD COLUMN processed_at timestamptz;
UPDATE access_link_requests SET processed_at = requested_at;
ALTER TABLE access_link_requests
    ADD CONSTRAINT typed_only_until_processed CHECK (processed_at IS NULL OR (reference IS NULL AND email IS NULL)),
    ADD CONSTRAINT pending_request_is_complete CHECK (processed_at IS NOT NULL OR (reference IS NOT NULL AND email IS NOT NULL)),
    ADD CONSTRAINT matched_only_when_processed CHECK (processed_at IS NOT NULL OR (case_id IS NULL AND NOT sent));
CREATE INDEX access_link_requests_pending ON access_link_requests (id) WHERE processed_at IS NULL;

DROP FUNCTION request_access_link(text, text, timestamptz, bytea, integer, text, text);

-- The request itself: one row and a wake-up, the same for every request.
CREATE FUNCTION enqueue_access_link(p_reference text, p_email text, p_now timestamptz) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO access_link_requests (requested_at, reference, email, sent) VALUES (p_now, p_reference, p_email, false);
    SELECT pg_notify('eenloket_outbox', '');
$$;

-- The worker's part: for each pending request (oldest first, SKIP LOCKED so
-- instances share the work), on a match within the daily limit replace the
-- party's token by one nobody holds, queue the message (its private link gets
-- a fresh token at delivery; `p_mark` in it becomes the case's reference) and
-- record the event. Returns how many messages were queued.
CREATE FUNCTION process_access_links(
    p_now timestamptz, p_per_day integer, p_mark text, p_subject text, p_body text, p_limit integer
) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    r           record;
    v_case      uuid;
    v_party     text;
    v_reference text;
    v_sent      boolean;
    v_queued    integer := 0;
BEGIN
    FOR r IN SELECT id, reference, email, requested_at FROM access_link_requests
              WHERE processed_at IS NULL ORDER BY id LIMIT p_limit FOR UPDATE SKIP LOCKED LOOP
        v_case := NULL; v_party := NULL; v_reference := NULL; v_sent := false;
        SELECT p.case_id, p.role, c.reference INTO v_case, v_party, v_reference
          FROM cases c JOIN case_parties p ON p.case_id = c.id
         WHERE c.reference = upper(r.reference)
           AND p.email IS NOT NULL AND lower(p.email) = lower(r.email)
           AND (p.is_filer OR p.invited_at IS NOT NULL)
         ORDER BY p.role
         LIMIT 1
           FOR UPDATE OF p;
        IF v_case IS NOT NULL THEN
            v_sent := (SELECT count(*) FROM access_link_requests
                        WHERE case_id = v_case AND party = v_party AND sent
                          AND requested_at > r.requested_at - interval '24 hours') < p_per_day;
        END IF;
        IF v_sent THEN
            UPDATE case_parties
               SET token_hash = sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')),
                   first_used_at = NULL, check_failures = 0
             WHERE case_id = v_case AND role = v_party;
            INSERT INTO notifications (case_id, kind, channel, recipient_email, recipient_party, recipient_name,
                                       subject, body, created_at, next_attempt_at)
            SELECT p.case_id, 'access_link', 'email', p.email, p.role, p.name,
                   replace(p_subject, p_mark, v_reference), replace(p_body, p_mark, v_reference), p_now, p_now
              FROM case_parties p WHERE p.case_id = v_case AND p.role = v_party;
            INSERT INTO case_events (case_id, at, type, actor_role, data)
            VALUES (v_case, p_now, 'access_link_sent', 'system', jsonb_build_object('party', v_party));
            v_queued := v_queued + 1;
        END IF;
        UPDATE access_link_requests
           SET case_id = v_case, party = v_party, sent = v_sent, processed_at = p_now, reference = NULL, email = NULL
         WHERE id = r.id;
    END LOOP;
    RETURN v_queued;
END
$$;
