-- Staff changes (security finding H2): every change of a staff account is an
-- append-only event, and a password or e-mail change ends all of that
-- account's sessions at once.

CREATE TABLE staff_events (
    id       bigserial PRIMARY KEY,
    staff_id uuid NOT NULL REFERENCES staff (id),
    at       timestamptz NOT NULL,
    -- Who made the change; NULL for the service itself (the first administrator at start-up).
    actor_id uuid REFERENCES staff (id),
    change   text NOT NULL CHECK (change IN
                 ('created', 'updated', 'deactivated', 'reactivated', 'password_changed', 'otp_reset')),
    -- The names of the changed fields, never their values (no password, no secret).
    fields   text[] NOT NULL DEFAULT '{}'
                 CHECK (array_position(fields, NULL) IS NULL
                        AND NOT fields && ARRAY['password_hash', 'otp_secret', 'recovery_codes'])
);

CREATE INDEX staff_events_staff_idx ON staff_events (staff_id, id);

CREATE TRIGGER staff_events_append_only BEFORE UPDATE OR DELETE ON staff_events
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER staff_events_no_truncate BEFORE TRUNCATE ON staff_events
    FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();

-- A new password or e-mail address ends every session of the account, whoever
-- changed it and however: the service revokes them itself (with its clock),
-- and this trigger catches any it did not.
CREATE FUNCTION end_sessions_on_credential_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.password_hash IS DISTINCT FROM OLD.password_hash OR lower(NEW.email) IS DISTINCT FROM lower(OLD.email) THEN
        UPDATE staff_sessions SET revoked_at = now() WHERE staff_id = NEW.id AND revoked_at IS NULL;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER staff_credentials_end_sessions AFTER UPDATE OF password_hash, email ON staff
    FOR EACH ROW EXECUTE FUNCTION end_sessions_on_credential_change();

-- Accounts that existed before this migration get their creation on record.
INSERT INTO staff_events (staff_id, at, actor_id, change, fields)
SELECT id, created_at, NULL, 'created', ARRAY['email', 'name', 'role'] FROM staff;
