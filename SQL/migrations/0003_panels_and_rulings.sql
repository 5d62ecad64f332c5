-- Panel assignments with capacity kept by the database, binding rulings and appeals.

CREATE TABLE panel_assignments (
    -- Also the routing ordinal: a larger id is a later assignment.
    id          bigserial PRIMARY KEY,
    case_id     uuid NOT NULL REFERENCES cases (id),
    staff_id    uuid NOT NULL REFERENCES panel_members (staff_id),
    discipline  text NOT NULL CHECK (discipline IN ('bedrijfsarts', 'verzekeringsarts', 'arbeidsdeskundige')),
    is_chair    boolean NOT NULL,
    assigned_at timestamptz NOT NULL,
    -- Set when the member leaves the panel before it rules (a replacement).
    released_at timestamptz,
    CHECK (NOT is_chair OR discipline IN ('bedrijfsarts', 'verzekeringsarts'))
);

CREATE UNIQUE INDEX panel_assignments_one_per_discipline ON panel_assignments (case_id, discipline) WHERE released_at IS NULL;
CREATE UNIQUE INDEX panel_assignments_one_chair ON panel_assignments (case_id) WHERE is_chair AND released_at IS NULL;
CREATE UNIQUE INDEX panel_assignments_member_once ON panel_assignments (case_id, staff_id) WHERE released_at IS NULL;
CREATE INDEX panel_assignments_member_idx ON panel_assignments (staff_id, case_id);

-- No member is ever on more open cases than max_open_cases, and only an active
-- member of the right discipline is assigned to an open case. The conditional
-- UPDATE takes the member's row lock, so concurrent assignments (from any
-- number of instances) queue here and the last one sees the others' counts.
CREATE FUNCTION take_panel_seat() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT status FROM cases WHERE id = NEW.case_id) NOT IN ('awaiting_panel', 'in_review') THEN
        RAISE EXCEPTION 'case % is not waiting for a panel', NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'panel_case_open';
    END IF;
    UPDATE panel_members pm
       SET open_cases = open_cases + 1, last_assignment = NEW.id
      FROM staff s
     WHERE pm.staff_id = NEW.staff_id AND s.id = pm.staff_id AND s.active
       AND pm.discipline = NEW.discipline AND pm.open_cases < pm.max_open_cases;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'member % cannot take another % seat', NEW.staff_id, NEW.discipline
            USING ERRCODE = 'check_violation', CONSTRAINT = 'panel_member_capacity';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER panel_assignments_take_seat BEFORE INSERT ON panel_assignments
    FOR EACH ROW EXECUTE FUNCTION take_panel_seat();

-- Only released_at may change, once; assignments are never deleted.
CREATE FUNCTION guard_panel_assignment() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'panel assignments are never deleted' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF (NEW.id, NEW.case_id, NEW.staff_id, NEW.discipline, NEW.is_chair, NEW.assigned_at)
       IS DISTINCT FROM (OLD.id, OLD.case_id, OLD.staff_id, OLD.discipline, OLD.is_chair, OLD.assigned_at)
       OR OLD.released_at IS NOT NULL THEN
        RAISE EXCEPTION 'a panel assignment can only be released, once' USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- A panel changes only while it works; after a ruling it is what the ruling names.
    IF (SELECT status FROM cases WHERE id = NEW.case_id) NOT IN ('awaiting_panel', 'in_review') THEN
        RAISE EXCEPTION 'the panel of case % can no longer change', NEW.case_id USING ERRCODE = 'check_violation';
    END IF;
    UPDATE panel_members SET open_cases = open_cases - 1 WHERE staff_id = NEW.staff_id;
    RETURN NEW;
END;
$$;

CREATE TRIGGER panel_assignments_guard BEFORE UPDATE OR DELETE ON panel_assignments
    FOR EACH ROW EXECUTE FUNCTION guard_panel_assignment();

-- When a case leaves awaiting_panel/in_review (ruled or withdrawn) its members' seats free up.
-- Member rows are locked in staff_id order, the order routing locks them in, so
-- the two never deadlock.
CREATE FUNCTION free_panel_seats() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM panel_members
     WHERE staff_id IN (SELECT staff_id FROM panel_assignments WHERE case_id = NEW.id AND released_at IS NULL)
     ORDER BY staff_id FOR UPDATE;
    UPDATE panel_members
       SET open_cases = open_cases - 1
     WHERE staff_id IN (SELECT staff_id FROM panel_assignments WHERE case_id = NEW.id AND released_at IS NULL);
    RETURN NULL;
END;
$$;

CREATE TRIGGER cases_free_panel_seats AFTER UPDATE OF status ON cases
    FOR EACH ROW
    WHEN (OLD.status IN ('awaiting_panel', 'in_review') AND NEW.status NOT IN ('awaiting_panel', 'in_review'))
    EXECUTE FUNCTION free_panel_seats();

-- Binding rulings: written once, never changed or deleted, not even by an admin.
CREATE TABLE rulings (
    case_id     uuid PRIMARY KEY REFERENCES cases (id),
    outcome     text NOT NULL CHECK (outcome IN ('upheld', 'partly_upheld', 'overturned')),
    decision    text NOT NULL CHECK (char_length(decision) BETWEEN 20 AND 20000),
    motivation  text NOT NULL CHECK (char_length(motivation) BETWEEN 20 AND 20000),
    decided_at  timestamptz NOT NULL,
    decided_on  date NOT NULL,  -- the Europe/Amsterdam date of decided_at
    decided_by  uuid NOT NULL REFERENCES staff (id),
    panel       uuid[] NOT NULL CHECK (cardinality(panel) > 0),
    digest      text NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$')
);

CREATE INDEX rulings_decided_at_idx ON rulings (decided_at);

-- Medical reasoning is kept apart from the functional decision.
CREATE TABLE ruling_medical (
    case_id                uuid PRIMARY KEY REFERENCES rulings (case_id),
    medical_considerations text NOT NULL CHECK (char_length(medical_considerations) BETWEEN 1 AND 20000)
);

-- A ruling is recorded only for a case that the same transaction moved to 'ruled'.
CREATE FUNCTION guard_ruling_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT status FROM cases WHERE id = NEW.case_id) IS DISTINCT FROM 'ruled' THEN
        RAISE EXCEPTION 'case % is not ruled', NEW.case_id USING ERRCODE = 'check_violation', CONSTRAINT = 'ruling_case_ruled';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER rulings_guard_insert BEFORE INSERT ON rulings
    FOR EACH ROW EXECUTE FUNCTION guard_ruling_insert();

CREATE TRIGGER rulings_append_only BEFORE UPDATE OR DELETE ON rulings
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER rulings_no_truncate BEFORE TRUNCATE ON rulings
    FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();
CREATE TRIGGER ruling_medical_append_only BEFORE UPDATE OR DELETE ON ruling_medical
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER ruling_medical_no_truncate BEFORE TRUNCATE ON ruling_medical
    FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();

-- An appeal to court against a ruling: at most one per case.
CREATE TABLE appeals (
    case_id        uuid PRIMARY KEY REFERENCES rulings (case_id),
    court          text NOT NULL CHECK (char_length(btrim(court)) BETWEEN 1 AND 200),
    lodged_on      date NOT NULL,
    recorded_at    timestamptz NOT NULL,
    recorded_by    text NOT NULL CHECK (recorded_by IN ('employee', 'employer', 'coordinator'))
);

CREATE TRIGGER appeals_append_only BEFORE UPDATE OR DELETE ON appeals
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
