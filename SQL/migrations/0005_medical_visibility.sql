-- The medical-field rule, repeated in the database: reads of case pages ask
-- this function, so even a faulty query in the service returns medical text
-- only to the employee, intake officers and the case's panel physicians.
-- CaseAccessPolicy in Swift is the same rule; a test keeps the two equal.
CREATE FUNCTION medical_visible_to(p_case uuid, p_kind text, p_role text, p_viewer uuid, p_viewer_case uuid)
RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT CASE
        WHEN p_kind = 'party' THEN p_role = 'employee' AND p_viewer_case = p_case
        WHEN p_kind = 'staff' AND p_role = 'intake_officer' THEN true
        WHEN p_kind = 'staff' AND p_role = 'panel_member' THEN EXISTS (
            SELECT 1 FROM panel_assignments pa JOIN cases c ON c.id = pa.case_id
             WHERE pa.case_id = p_case AND pa.staff_id = p_viewer AND pa.released_at IS NULL
               AND pa.discipline IN ('bedrijfsarts', 'verzekeringsarts') AND c.status <> 'withdrawn')
        ELSE false
    END
$$;
