-- Mends from the review of the security change (0016-0020).

-- Only an admin gives an account access to medical data. An intake officer or
-- panel physician created by a coordinator waits, inactive, until an admin
-- activates it with a password of the admin's own (the coordinator's stops working).
ALTER TABLE staff
    ADD COLUMN awaiting_activation boolean NOT NULL DEFAULT false,
    ADD CONSTRAINT awaiting_activation_is_inactive CHECK (NOT (awaiting_activation AND active));

-- An invited employee is verified with the check code their own page shows;
-- wrong codes are counted per link (a new link starts again).
ALTER TABLE case_parties
    ADD COLUMN check_failures integer NOT NULL DEFAULT 0 CHECK (check_failures BETWEEN 0 AND 5);

-- An invited employee's link does not speak for the employee until verified:
-- no statement and no check-in answer from it (whoever holds it may be the
-- employer who typed the address). CaseAccessPolicy.mayActAsParty is the same rule.
CREATE FUNCTION employee_link_unverified(p_case uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
        SELECT 1 FROM case_parties p
         WHERE p.case_id = p_case AND p.role = 'employee' AND NOT p.is_filer AND p.verified_at IS NULL)
$$;

CREATE FUNCTION guard_unverified_employee() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    speaks_for_employee boolean;
BEGIN
    IF TG_TABLE_NAME = 'case_statements' THEN
        speaks_for_employee := NEW.author_role = 'employee';
    ELSE
        speaks_for_employee := NEW.party = 'employee' AND NEW.answered_at IS NOT NULL AND OLD.answered_at IS NULL;
    END IF;
    IF speaks_for_employee AND employee_link_unverified(NEW.case_id) THEN
        RAISE EXCEPTION 'the invited employee of case % is not verified yet', NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'employee_not_verified';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER case_statements_verified_employee BEFORE INSERT ON case_statements
    FOR EACH ROW EXECUTE FUNCTION guard_unverified_employee();
CREATE TRIGGER follow_ups_verified_employee BEFORE UPDATE OF answered_at ON follow_ups
    FOR EACH ROW EXECUTE FUNCTION guard_unverified_employee();

-- Both parties read the history: how a verification happened and why a letter
-- was printed again are choices, never free text (which was kept for good and
-- could hold medical details). Free text recorded before is removed.
ALTER TABLE case_events DISABLE TRIGGER case_events_append_only;
UPDATE case_events SET data = data - 'how' WHERE type = 'party_verified' AND data ? 'how';
UPDATE case_events SET data = data - 'reason' WHERE type = 'letter_reprinted' AND data ? 'reason';
ALTER TABLE case_events ENABLE TRIGGER case_events_append_only;

ALTER TABLE case_events ADD CONSTRAINT verification_and_reprint_are_choices CHECK (
    (type <> 'party_verified' OR coalesce(data ->> 'how', 'phone') IN ('phone', 'in_person'))
    AND (type <> 'letter_reprinted' OR coalesce(data ->> 'reason', 'lost') IN ('not_received', 'lost', 'wrong_person')));

-- Stored filing answers derived without the server secret (before 0019's
-- change) can be opened offline and are useless to a retry now: remove them all.
DELETE FROM idempotency_keys;

-- A password or e-mail change also ends a login half-way (past the password,
-- waiting for its code) and forgets the account's known devices.
CREATE OR REPLACE FUNCTION end_sessions_on_credential_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.password_hash IS DISTINCT FROM OLD.password_hash OR lower(NEW.email) IS DISTINCT FROM lower(OLD.email) THEN
        UPDATE staff_sessions SET revoked_at = now() WHERE staff_id = NEW.id AND revoked_at IS NULL;
        UPDATE login_challenges SET used_at = now() WHERE staff_id = NEW.id AND used_at IS NULL;
        DELETE FROM staff_devices WHERE staff_id = NEW.id;
    END IF;
    RETURN NULL;
END;
$$;

-- Authenticator secrets are sealed with the server secret (AES-GCM), like the
-- stored filing answers: a copy of the database alone gives no codes. Those
-- stored readable are dropped: their holders link their app again at the next
-- login (an otp_reset in their history).
INSERT INTO staff_events (staff_id, at, actor_id, change, fields)
SELECT staff_id, now(), NULL, 'otp_reset', ARRAY['otp'] FROM staff_otp;
DELETE FROM staff_recovery_codes;
DELETE FROM staff_otp;
DELETE FROM login_challenges;
ALTER TABLE staff_otp DROP COLUMN secret, ADD COLUMN secret_sealed bytea NOT NULL;
ALTER TABLE login_challenges DROP COLUMN pending_secret, ADD COLUMN pending_secret_sealed bytea;
