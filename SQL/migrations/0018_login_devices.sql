-- Known devices (security finding M1): a browser or client that logged in to
-- an account before carries a device token. Failed logins from elsewhere can
-- throttle the account's address (the contract's 429), but never lock out
-- the holder on a device they used before: its attempts are counted apart.

CREATE TABLE staff_devices (
    token_hash   bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    staff_id     uuid NOT NULL REFERENCES staff (id),
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    CHECK (expires_at > created_at)
);

CREATE INDEX staff_devices_staff_idx ON staff_devices (staff_id);

-- Attempts from a known device carry its hash and are counted per device;
-- attempts without one are counted per address, as before.
ALTER TABLE login_attempts ADD COLUMN device_hash bytea CHECK (octet_length(device_hash) = 32);

CREATE INDEX login_attempts_device_idx ON login_attempts (device_hash, at) WHERE device_hash IS NOT NULL;
