-- A party's private link is exchanged for a session (security finding M2): on
-- the first visit of /zaak/{token} the browser gets an HttpOnly cookie and the
-- pages leave the token out of every address. The session belongs to the link
-- it came from: when the link is replaced (a letter printed again, a new link
-- asked for), its sessions end with it.

CREATE TABLE party_sessions (
    token_hash bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    case_id    uuid NOT NULL,
    role       text NOT NULL CHECK (role IN ('employee', 'employer')),
    -- The hash of the party's link token when the session began.
    link_hash  bytea NOT NULL CHECK (octet_length(link_hash) = 32),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz,
    CHECK (expires_at > created_at),
    FOREIGN KEY (case_id, role) REFERENCES case_parties (case_id, role)
);

CREATE INDEX party_sessions_case_idx ON party_sessions (case_id, role);
CREATE INDEX party_sessions_expiry_idx ON party_sessions (expires_at);
