-- Staff accounts, panel membership, sessions and login throttling.

CREATE TABLE staff (
    id            uuid PRIMARY KEY,
    email         text NOT NULL CHECK (char_length(email) BETWEEN 3 AND 320),
    name          text NOT NULL CHECK (char_length(btrim(name)) BETWEEN 1 AND 200),
    role          text NOT NULL CHECK (role IN ('admin', 'coordinator', 'intake_officer', 'panel_member', 'inspector')),
    password_hash text NOT NULL,
    active        boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);

-- An e-mail address is in use once, ignoring case.
CREATE UNIQUE INDEX staff_email_key ON staff (lower(email));

CREATE TABLE panel_members (
    staff_id         uuid PRIMARY KEY REFERENCES staff (id),
    discipline       text NOT NULL CHECK (discipline IN ('bedrijfsarts', 'verzekeringsarts', 'arbeidsdeskundige')),
    big_number       text CHECK (big_number ~ '^[0-9]{11}$'),
    registered_since date,
    affiliations     text[] NOT NULL DEFAULT '{}',
    max_open_cases   integer NOT NULL CHECK (max_open_cases BETWEEN 1 AND 50),
    -- Cached count of cases in awaiting_panel/in_review with this member on the
    -- panel; kept by triggers in 0003 so routing reads one indexed row per member.
    open_cases       integer NOT NULL DEFAULT 0 CHECK (open_cases >= 0),
    -- panel_assignments.id of the member's latest assignment (routing tie-break).
    last_assignment  bigint,
    CONSTRAINT physician_registration CHECK (
        discipline = 'arbeidsdeskundige' OR (big_number IS NOT NULL AND registered_since IS NOT NULL)
    ),
    CONSTRAINT affiliations_not_null CHECK (array_position(affiliations, NULL) IS NULL)
);

CREATE INDEX panel_members_routing_idx ON panel_members (discipline, open_cases);

-- A panel_member account has a panel row and no other account has one.
-- Checked at commit, so the two rows can be written in either order.
CREATE FUNCTION check_staff_panel_consistency() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    sid uuid;
    r text;
    has_panel boolean;
BEGIN
    IF TG_TABLE_NAME = 'staff' THEN sid := NEW.id; ELSE sid := NEW.staff_id; END IF;
    SELECT role INTO r FROM staff WHERE id = sid;
    SELECT EXISTS (SELECT 1 FROM panel_members WHERE staff_id = sid) INTO has_panel;
    IF (r = 'panel_member') IS DISTINCT FROM has_panel THEN
        RAISE EXCEPTION 'staff % with role % must % a panel row', sid, r,
            CASE WHEN has_panel THEN 'not have' ELSE 'have' END
            USING ERRCODE = 'check_violation', CONSTRAINT = 'staff_panel_consistency';
    END IF;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER staff_panel_consistency
    AFTER INSERT OR UPDATE OF role ON staff
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION check_staff_panel_consistency();

CREATE CONSTRAINT TRIGGER panel_staff_consistency
    AFTER INSERT ON panel_members
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION check_staff_panel_consistency();

-- Bearer tokens of staff, stored only as SHA-256 hashes.
CREATE TABLE staff_sessions (
    token_hash bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    staff_id   uuid NOT NULL REFERENCES staff (id),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz,
    CHECK (expires_at > created_at)
);

CREATE INDEX staff_sessions_staff_idx ON staff_sessions (staff_id);

-- Failed (and in-flight) logins per e-mail address, counted across instances.
CREATE TABLE login_attempts (
    id        bigserial PRIMARY KEY,
    email_key text NOT NULL,
    at        timestamptz NOT NULL
);

CREATE INDEX login_attempts_email_idx ON login_attempts (email_key, at);
