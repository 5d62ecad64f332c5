-- Two-step login for staff who reach medical data (security finding M4):
-- admins, intake officers and panel physicians confirm a password with a
-- TOTP code (RFC 6238) or a single-use recovery code. Staff sessions also end
-- after a time without use.

-- An enrolled authenticator: the shared secret (32 letters and digits, its
-- UTF-8 bytes are the TOTP key) and the last time step used, so a code works once.
CREATE TABLE staff_otp (
    staff_id    uuid PRIMARY KEY REFERENCES staff (id),
    secret      text NOT NULL CHECK (secret ~ '^[A-Za-z0-9]{32}$'),
    enrolled_at timestamptz NOT NULL,
    last_step   bigint NOT NULL DEFAULT 0 CHECK (last_step >= 0)
);

-- Ten single-use codes, shown once at enrolment, stored as hashes.
CREATE TABLE staff_recovery_codes (
    staff_id  uuid NOT NULL REFERENCES staff (id),
    code_hash bytea NOT NULL CHECK (octet_length(code_hash) = 32),
    used_at   timestamptz,
    PRIMARY KEY (staff_id, code_hash)
);

-- The step between the password and the code: single-use, five minutes, five tries.
CREATE TABLE login_challenges (
    challenge_hash bytea PRIMARY KEY CHECK (octet_length(challenge_hash) = 32),
    staff_id       uuid NOT NULL REFERENCES staff (id),
    -- An enrolment's new secret, kept until its first code proves the app has it.
    pending_secret text CHECK (pending_secret ~ '^[A-Za-z0-9]{32}$'),
    -- The known device the password came from (it gets no new device cookie).
    device_hash    bytea CHECK (octet_length(device_hash) = 32),
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    failures       integer NOT NULL DEFAULT 0 CHECK (failures BETWEEN 0 AND 5),
    used_at        timestamptz,
    CHECK (expires_at > created_at)
);

CREATE INDEX login_challenges_expiry_idx ON login_challenges (expires_at);

-- Staff sessions end after a time without use, besides their lifetime.
ALTER TABLE staff_sessions ADD COLUMN last_used_at timestamptz;
UPDATE staff_sessions SET last_used_at = created_at;
ALTER TABLE staff_sessions ALTER COLUMN last_used_at SET NOT NULL;
