-- Getting back in (contract Part 2, "Getting back in"): a party that lost its
-- link asks for a new one with the case reference and its e-mail address.
--
-- Every request, matching or not, is one call of request_access_link: one
-- round trip, one row written, one commit. A match adds a few index updates
-- inside that same statement, so nothing an attacker can time tells a match
-- from a miss (the service answers 202 with the same body either way).

CREATE TABLE access_link_requests (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    requested_at timestamptz NOT NULL,
    -- The case and party the request matched; NULL for a miss. The typed
    -- address is not kept: it may belong to nobody in Eenloket.
    case_id      uuid REFERENCES cases (id) ON DELETE CASCADE,
    party        text CHECK (party IN ('employee', 'employer')),
    -- Whether a message went out (at most 3 per case and party per 24 hours).
    sent         boolean NOT NULL,
    CHECK ((case_id IS NULL) = (party IS NULL)),
    CHECK (NOT sent OR case_id IS NOT NULL)
);
CREATE INDEX access_link_requests_recent ON access_link_requests (case_id, party, requested_at) WHERE sent;
CREATE INDEX access_link_requests_age ON access_link_requests (requested_at);

INSERT INTO event_types (type) VALUES ('access_link_sent');

-- Records the request; on a match within the daily limit, replaces the
-- party's token by one nobody holds (the old link stops working at once),
-- queues the message (whose private link gets a fresh token at delivery) and
-- records the event. Returns whether a message was queued.
CREATE FUNCTION request_access_link(
    p_reference text, p_email text, p_now timestamptz, p_placeholder bytea, p_per_day integer,
    p_subject text, p_body text
) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
    v_case  uuid;
    v_party text;
    v_sent  boolean := false;
BEGIN
    SELECT p.case_id, p.role INTO v_case, v_party
      FROM cases c JOIN case_parties p ON p.case_id = c.id
     WHERE c.reference = upper(p_reference)
       AND p.email IS NOT NULL AND lower(p.email) = lower(p_email)
       AND (p.is_filer OR p.invited_at IS NOT NULL)
     ORDER BY p.role
     LIMIT 1
       FOR UPDATE OF p;
    IF v_case IS NOT NULL THEN
        v_sent := (SELECT count(*) FROM access_link_requests
                    WHERE case_id = v_case AND party = v_party AND sent
                      AND requested_at > p_now - interval '24 hours') < p_per_day;
    END IF;
    IF v_sent THEN
        UPDATE case_parties SET token_hash = p_placeholder, first_used_at = NULL, check_failures = 0
         WHERE case_id = v_case AND role = v_party;
        INSERT INTO notifications (case_id, kind, channel, recipient_email, recipient_party, recipient_name,
                                   subject, body, created_at, next_attempt_at)
        SELECT p.case_id, 'access_link', 'email', p.email, p.role, p.name, p_subject, p_body, p_now, p_now
          FROM case_parties p WHERE p.case_id = v_case AND p.role = v_party;
        INSERT INTO case_events (case_id, at, type, actor_role, data)
        VALUES (v_case, p_now, 'access_link_sent', 'system', jsonb_build_object('party', v_party));
    END IF;
    INSERT INTO access_link_requests (requested_at, case_id, party, sent) VALUES (p_now, v_case, v_party, v_sent);
    RETURN v_sent;
END
$$;
