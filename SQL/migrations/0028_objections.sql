-- Objecting to a panel member, and a member stepping aside (contract Part 2).

-- A party's objection to a member of the case's panel, decided once by a coordinator or an admin.
CREATE TABLE objections (
    id          uuid PRIMARY KEY,
    case_id     uuid NOT NULL REFERENCES cases (id),
    staff_id    uuid NOT NULL REFERENCES staff (id),
    party       text NOT NULL CHECK (party IN ('employee', 'employer')),
    reason      text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 5000),
    lodged_at   timestamptz NOT NULL,
    upheld      boolean,
    motivation  text CHECK (char_length(motivation) BETWEEN 1 AND 5000),
    decided_at  timestamptz,
    decided_by  uuid REFERENCES staff (id),
    CONSTRAINT objection_decision_complete CHECK (
        (upheld IS NULL) = (decided_at IS NULL) AND (decided_at IS NULL) = (decided_by IS NULL)
        AND (decided_at IS NULL) = (motivation IS NULL))
);
-- One undecided objection per member and party.
CREATE UNIQUE INDEX objections_one_undecided ON objections (case_id, staff_id, party) WHERE decided_at IS NULL;
-- The coordinators' list of undecided objections, oldest first.
CREATE INDEX objections_undecided_idx ON objections (lodged_at, id) WHERE decided_at IS NULL;
CREATE INDEX objections_case_idx ON objections (case_id, lodged_at, id);

-- An objection only while the panel works, against a member on it now. The
-- case row is read FOR SHARE, so an objection waits for a change of the case
-- in progress and then sees it.
CREATE FUNCTION guard_objection_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT status FROM cases WHERE id = NEW.case_id FOR SHARE) NOT IN ('awaiting_panel', 'in_review') THEN
        RAISE EXCEPTION 'case % is not with its panel', NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'objection_while_panel_works';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM panel_assignments
                    WHERE case_id = NEW.case_id AND staff_id = NEW.staff_id AND released_at IS NULL) THEN
        RAISE EXCEPTION 'staff % is not on the panel of case %', NEW.staff_id, NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'objection_against_member';
    END IF;
    IF NEW.party = 'employee' AND employee_link_unverified(NEW.case_id) THEN
        RAISE EXCEPTION 'the invited employee of case % is not verified yet', NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'employee_not_verified';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER objections_guard_insert BEFORE INSERT ON objections FOR EACH ROW EXECUTE FUNCTION guard_objection_insert();

-- Decided once: only the decision columns change, from undecided to decided.
-- The retention purge may remove the texts.
CREATE FUNCTION guard_objection_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('eenloket.retention', true) = 'on'
       AND (NEW.id, NEW.case_id, NEW.staff_id, NEW.party, NEW.lodged_at, NEW.upheld, NEW.decided_at, NEW.decided_by)
           IS NOT DISTINCT FROM (OLD.id, OLD.case_id, OLD.staff_id, OLD.party, OLD.lodged_at, OLD.upheld, OLD.decided_at, OLD.decided_by) THEN
        RETURN NEW;
    END IF;
    IF OLD.decided_at IS NOT NULL
       OR (NEW.id, NEW.case_id, NEW.staff_id, NEW.party, NEW.reason, NEW.lodged_at)
          IS DISTINCT FROM (OLD.id, OLD.case_id, OLD.staff_id, OLD.party, OLD.reason, OLD.lodged_at) THEN
        RAISE EXCEPTION 'an objection is decided once, and nothing else of it changes'
            USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'objection_decided_once';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER objections_decided_once BEFORE UPDATE ON objections FOR EACH ROW EXECUTE FUNCTION guard_objection_update();
CREATE TRIGGER objections_no_delete BEFORE DELETE ON objections FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER objections_no_truncate BEFORE TRUNCATE ON objections FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();

-- A member who stepped aside, with their reason (for staff; the parties are
-- told that the member stepped aside, not why).
CREATE TABLE panel_step_asides (
    case_id    uuid NOT NULL REFERENCES cases (id),
    staff_id   uuid NOT NULL REFERENCES staff (id),
    reason     text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 5000),
    stepped_at timestamptz NOT NULL,
    PRIMARY KEY (case_id, staff_id)
);
-- Only the retention purge changes a row (it removes the reason).
CREATE TRIGGER panel_step_asides_no_change BEFORE UPDATE OR DELETE ON panel_step_asides
    FOR EACH ROW EXECUTE FUNCTION guard_draft_change();
CREATE TRIGGER panel_step_asides_no_truncate BEFORE TRUNCATE ON panel_step_asides FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();

-- Why a seat was given up. Seats released before this migration keep NULL.
ALTER TABLE panel_assignments
    ADD COLUMN release_reason text CHECK (release_reason IN ('replaced', 'objection_upheld', 'stepped_aside')),
    ADD CONSTRAINT release_reason_only_when_released CHECK (release_reason IS NULL OR released_at IS NOT NULL);

-- A member who left a case's panel (replaced, objected to, or stepping aside)
-- never takes a seat on that case again.
CREATE FUNCTION guard_seat_not_retaken() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM panel_assignments
                WHERE case_id = NEW.case_id AND staff_id = NEW.staff_id AND released_at IS NOT NULL) THEN
        RAISE EXCEPTION 'member % left the panel of case % and never returns to it', NEW.staff_id, NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'member_never_returns';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER panel_assignments_never_return BEFORE INSERT ON panel_assignments
    FOR EACH ROW EXECUTE FUNCTION guard_seat_not_retaken();

-- The retention purge removes the free texts with the rest.
CREATE FUNCTION purge_objections() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    removed constant text := 'Verwijderd na afloop van de bewaartermijn.';
BEGIN
    UPDATE objections SET reason = removed, motivation = CASE WHEN motivation IS NULL THEN NULL ELSE removed END
     WHERE case_id = NEW.id;
    UPDATE panel_step_asides SET reason = removed WHERE case_id = NEW.id;
    RETURN NEW;
END;
$$;
CREATE TRIGGER cases_purge_objections AFTER UPDATE OF purged_at ON cases
    FOR EACH ROW WHEN (NEW.purged_at IS NOT NULL AND OLD.purged_at IS NULL) EXECUTE FUNCTION purge_objections();

INSERT INTO event_types (type) VALUES ('objection_lodged'), ('objection_decided'), ('member_stepped_aside');
