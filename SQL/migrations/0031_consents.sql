-- The employee's consents (contract Part 2, "Consent"): every change is kept,
-- so Eenloket can show when consent was given or withdrawn (AVG art. 7(1)).

CREATE TABLE consent_changes (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id    uuid NOT NULL REFERENCES cases (id),
    kind       text NOT NULL CHECK (kind IN ('treating_physician', 'share_with_own_physician')),
    given      boolean NOT NULL,
    changed_at timestamptz NOT NULL
);
CREATE INDEX consent_changes_case_idx ON consent_changes (case_id, kind, id DESC);

CREATE TRIGGER consent_changes_append_only BEFORE UPDATE OR DELETE ON consent_changes
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER consent_changes_no_truncate BEFORE TRUNCATE ON consent_changes
    FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();

-- Whether a consent is given now: the last change counts; no change is no consent.
CREATE FUNCTION consent_given(p_case uuid, p_kind text) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT given FROM consent_changes WHERE case_id = p_case AND kind = p_kind ORDER BY id DESC LIMIT 1), false)
$$;

-- A change is recorded only as a change: the same answer twice is not a new consent.
CREATE FUNCTION guard_consent_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM cases WHERE id = NEW.case_id FOR NO KEY UPDATE;
    IF consent_given(NEW.case_id, NEW.kind) = NEW.given THEN
        RAISE EXCEPTION 'consent % on case % is already %', NEW.kind, NEW.case_id, NEW.given
            USING ERRCODE = 'check_violation', CONSTRAINT = 'consent_is_a_change';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER consent_changes_guard BEFORE INSERT ON consent_changes FOR EACH ROW EXECUTE FUNCTION guard_consent_change();

-- Staff add information from a treating physician only while the employee
-- consents (the employee may add their own). The case row is read FOR SHARE,
-- which waits for a consent change in progress (it locks the row too); the
-- consent is then read in a statement of its own, seeing that change.
CREATE OR REPLACE FUNCTION guard_document_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT status FROM cases WHERE id = NEW.case_id FOR SHARE)
       NOT IN ('submitted', 'awaiting_panel', 'in_review', 'draft_ruling') THEN
        RAISE EXCEPTION 'case % takes no documents now', NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'document_while_open';
    END IF;
    IF NEW.kind = 'treating_physician_info' AND NEW.uploaded_by IN ('intake_officer', 'panel_member')
       AND NOT consent_given(NEW.case_id, 'treating_physician') THEN
        RAISE EXCEPTION 'no consent for information from treating physicians on case %', NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'treating_physician_consent';
    END IF;
    RETURN NEW;
END;
$$;

INSERT INTO event_types (type) VALUES ('consent_changed');
