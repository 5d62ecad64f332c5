-- The medical-field rule and closing the medical tables, as PL/pgSQL (BENCHMARKS.md, issue 16).
-- Measured: both were SQL functions, called from PL/pgSQL (open_medical, the medical accessors,
-- draft_for). A SQL function that is not inlined is planned again on every call, so reading one
-- case planned medical_visible_to's lookups two to four times: the accessors of a case read took
-- 0.38 ms against 0.09 ms as PL/pgSQL, whose statements are planned once per connection. The rule
-- itself is unchanged (0016), a NULL answer included; CaseAccessPolicy is still the same rule.
CREATE OR REPLACE FUNCTION medical_visible_to(p_case uuid, p_kind text, p_role text, p_viewer uuid, p_viewer_case uuid)
RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
BEGIN
    IF p_kind = 'party' THEN
        RETURN p_role = 'employee' AND p_viewer_case = p_case AND EXISTS (
            SELECT 1 FROM case_parties p
             WHERE p.case_id = p_case AND p.role = 'employee' AND (p.is_filer OR p.verified_at IS NOT NULL));
    ELSIF p_kind = 'staff' AND p_role = 'intake_officer' THEN
        RETURN true;
    ELSIF p_kind = 'staff' AND p_role = 'panel_member' THEN
        RETURN EXISTS (
            SELECT 1 FROM panel_assignments pa JOIN cases c ON c.id = pa.case_id
             WHERE pa.case_id = p_case AND pa.staff_id = p_viewer AND pa.released_at IS NULL
               AND pa.discipline IN ('bedrijfsarts', 'verzekeringsarts') AND c.status <> 'withdrawn');
    END IF;
    RETURN false;
END;
$$;

CREATE OR REPLACE FUNCTION close_medical() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('eenloket.medical_read', '', true);
END;
$$;
