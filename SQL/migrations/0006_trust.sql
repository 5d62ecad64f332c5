-- Trust: medical text behind row-level security, tamper-evident rulings,
-- retention, and login throttling per client address.

-- Medical text is readable only inside the accessor functions below, which
-- apply the medical-field rule first. FORCE makes the rule hold for the
-- owning role too (only a superuser, which the service must not use, bypasses it).
ALTER TABLE case_medical ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_medical FORCE ROW LEVEL SECURITY;
CREATE POLICY case_medical_read ON case_medical FOR SELECT
    USING (current_setting('eenloket.medical_read', true) = 'on' OR current_setting('eenloket.retention', true) = 'on');
CREATE POLICY case_medical_write ON case_medical FOR INSERT WITH CHECK (true);
CREATE POLICY case_medical_purge ON case_medical FOR DELETE USING (current_setting('eenloket.retention', true) = 'on');

ALTER TABLE ruling_medical ENABLE ROW LEVEL SECURITY;
ALTER TABLE ruling_medical FORCE ROW LEVEL SECURITY;
CREATE POLICY ruling_medical_read ON ruling_medical FOR SELECT
    USING (current_setting('eenloket.medical_read', true) = 'on' OR current_setting('eenloket.retention', true) = 'on');
CREATE POLICY ruling_medical_write ON ruling_medical FOR INSERT WITH CHECK (true);
CREATE POLICY ruling_medical_purge ON ruling_medical FOR DELETE USING (current_setting('eenloket.retention', true) = 'on');

-- Medical statements follow the same rule.
ALTER TABLE case_statements ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_statements FORCE ROW LEVEL SECURITY;
CREATE POLICY case_statements_read ON case_statements FOR SELECT
    USING (NOT medical OR current_setting('eenloket.medical_read', true) = 'on' OR current_setting('eenloket.retention', true) = 'on');
CREATE POLICY case_statements_write ON case_statements FOR INSERT WITH CHECK (true);
CREATE POLICY case_statements_purge ON case_statements FOR UPDATE
    USING (current_setting('eenloket.retention', true) = 'on') WITH CHECK (current_setting('eenloket.retention', true) = 'on');

-- Opens the medical tables for the rest of the statement's transaction, only
-- when the rule allows this viewer; callers close them again.
CREATE FUNCTION open_medical(p_case uuid, p_kind text, p_role text, p_viewer uuid, p_viewer_case uuid) RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    IF medical_visible_to(p_case, p_kind, p_role, p_viewer, p_viewer_case) THEN
        PERFORM set_config('eenloket.medical_read', 'on', true);
        RETURN true;
    END IF;
    RETURN false;
END;
$$;

CREATE FUNCTION close_medical() RETURNS void
LANGUAGE sql VOLATILE AS $$ SELECT set_config('eenloket.medical_read', '', true); $$;

CREATE FUNCTION medical_information_for(p_case uuid, p_kind text, p_role text, p_viewer uuid, p_viewer_case uuid) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    result text;
BEGIN
    IF NOT open_medical(p_case, p_kind, p_role, p_viewer, p_viewer_case) THEN RETURN NULL; END IF;
    SELECT medical_information INTO result FROM case_medical WHERE case_id = p_case;
    PERFORM close_medical();
    RETURN result;
END;
$$;

CREATE FUNCTION medical_considerations_for(p_case uuid, p_kind text, p_role text, p_viewer uuid, p_viewer_case uuid) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    result text;
BEGIN
    IF NOT open_medical(p_case, p_kind, p_role, p_viewer, p_viewer_case) THEN RETURN NULL; END IF;
    SELECT medical_considerations INTO result FROM ruling_medical WHERE case_id = p_case;
    PERFORM close_medical();
    RETURN result;
END;
$$;

-- Whether medical text exists, without revealing it (for the shape of a view).
CREATE FUNCTION medical_presence(p_case uuid, OUT information boolean, OUT considerations boolean)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM set_config('eenloket.medical_read', 'on', true);
    information := EXISTS (SELECT 1 FROM case_medical WHERE case_id = p_case);
    considerations := EXISTS (SELECT 1 FROM ruling_medical WHERE case_id = p_case);
    PERFORM close_medical();
END;
$$;

-- Tamper-evident rulings: each ruling is a link in one hash chain
-- (chain_digest = SHA-256 of the previous chain_digest followed by the ruling's
-- digest) and signed with Ed25519 over its chain_digest.
ALTER TABLE rulings
    ADD COLUMN chain_seq bigint UNIQUE,
    ADD COLUMN previous_chain_digest text CHECK (previous_chain_digest ~ '^[0-9a-f]{64}$'),
    ADD COLUMN chain_digest text CHECK (chain_digest ~ '^[0-9a-f]{64}$'),
    ADD COLUMN signature text,
    ADD COLUMN key_id text,
    ADD CONSTRAINT ruling_seal_complete CHECK (
        (chain_seq IS NULL) = (chain_digest IS NULL) AND (chain_digest IS NULL) = (signature IS NULL)
        AND (signature IS NULL) = (key_id IS NULL));

-- The public keys rulings were signed with (also published at GET /api/v1/keys).
CREATE TABLE signing_keys (
    key_id     text PRIMARY KEY CHECK (key_id ~ '^[0-9a-f]{16}$'),
    public_key text NOT NULL UNIQUE,
    algorithm  text NOT NULL CHECK (algorithm = 'Ed25519'),
    created_at timestamptz NOT NULL
);

CREATE TRIGGER signing_keys_append_only BEFORE UPDATE OR DELETE ON signing_keys
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Retention: medical text and personal details go a set time after a case
-- closes; the ruling stays (pseudonymised through its case). Only the purge,
-- with eenloket.retention on, may remove medical considerations.
ALTER TABLE cases
    ADD COLUMN closed_at timestamptz,
    ADD COLUMN purged_at timestamptz;

CREATE INDEX cases_retention_idx ON cases (closed_at) WHERE purged_at IS NULL AND closed_at IS NOT NULL;

CREATE OR REPLACE FUNCTION guard_case_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id <> OLD.id OR NEW.reference <> OLD.reference OR NEW.filer_role <> OLD.filer_role
       OR NEW.created_at <> OLD.created_at THEN
        RAISE EXCEPTION 'the identity of case % cannot change', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.status <> OLD.status THEN
        IF NOT EXISTS (SELECT 1 FROM case_status_transitions
                       WHERE from_status = OLD.status AND to_status = NEW.status) THEN
            RAISE EXCEPTION 'case % cannot go from % to %', OLD.id, OLD.status, NEW.status
                USING ERRCODE = 'check_violation', CONSTRAINT = 'case_status_transition';
        END IF;
        -- A closed case has nothing left to be due; the retention period starts.
        IF NEW.status IN ('ruled', 'referred', 'answered', 'withdrawn') THEN
            NEW.next_due_by := NULL;
            NEW.closed_at := NEW.updated_at;
        END IF;
    END IF;
    RETURN NEW;
END;
$$;

CREATE FUNCTION guard_ruling_medical() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('eenloket.retention', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'ruling_medical is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

DROP TRIGGER ruling_medical_append_only ON ruling_medical;
CREATE TRIGGER ruling_medical_append_only BEFORE UPDATE OR DELETE ON ruling_medical
    FOR EACH ROW EXECUTE FUNCTION guard_ruling_medical();

CREATE FUNCTION guard_statement() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('eenloket.retention', true) = 'on'
       AND (NEW.id, NEW.case_id, NEW.author_role, NEW.author_staff_id, NEW.medical, NEW.created_at)
           IS NOT DISTINCT FROM (OLD.id, OLD.case_id, OLD.author_role, OLD.author_staff_id, OLD.medical, OLD.created_at) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'case_statements is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

DROP TRIGGER case_statements_append_only ON case_statements;
CREATE TRIGGER case_statements_append_only BEFORE UPDATE OR DELETE ON case_statements
    FOR EACH ROW EXECUTE FUNCTION guard_statement();

-- Login throttling also per client address, counted across instances.
ALTER TABLE login_attempts ADD COLUMN client_address text;
CREATE INDEX login_attempts_address_idx ON login_attempts (client_address, at) WHERE client_address IS NOT NULL;
