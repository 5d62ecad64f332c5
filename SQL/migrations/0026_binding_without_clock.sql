-- A ruling binds when both parties had agreed before it was recorded. The
-- case's row lock orders an agreement and a ruling, and no agreement can be
-- added to a ruled case, so "before" is "exists when the ruling is stored":
-- comparing the two clocks' readings (0024) could call a ruling advice after
-- an agreement that took the lock first, or when instances' clocks differ.
CREATE OR REPLACE FUNCTION ruling_binds(p_case uuid, p_at timestamptz) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$
    SELECT c.binding_basis = 'statute'
           OR (SELECT count(*) FROM binding_agreements a WHERE a.case_id = c.id) = 2
      FROM cases c WHERE c.id = p_case
$$;

-- The case's status is read under a share lock, so an agreement written
-- directly in SQL cannot slip past a ruling recorded at the same moment.
CREATE OR REPLACE FUNCTION guard_binding_agreement() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.name IS NULL THEN
            RAISE EXCEPTION 'an agreement names who agreed' USING ERRCODE = 'check_violation';
        END IF;
        IF (SELECT status FROM cases WHERE id = NEW.case_id FOR SHARE) IN ('ruled', 'referred', 'answered', 'withdrawn') THEN
            RAISE EXCEPTION 'case % is closed: no agreement can be added', NEW.case_id
                USING ERRCODE = 'check_violation', CONSTRAINT = 'binding_agreement_case_open';
        END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND current_setting('eenloket.retention', true) = 'on' AND NEW.name IS NULL
       AND (NEW.case_id, NEW.party, NEW.agreed_at, NEW.version, NEW.digest)
           = (OLD.case_id, OLD.party, OLD.agreed_at, OLD.version, OLD.digest) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'binding_agreements is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
