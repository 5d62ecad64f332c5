-- The best-member query of routing (BestMembers in RoutingStore.swift) was
-- the largest single cost of a triage under load: per discipline it joined
-- every member to staff and ran the absence check per member. It now
-- collects the few staff who cannot sit (absent today, inactive, or the
-- case's own company doctor) once per statement, and only looks up the names
-- of the members it picks. These indexes serve that collection.
CREATE INDEX staff_inactive_idx ON staff (id) WHERE NOT active;
CREATE INDEX staff_name_normalized_idx ON staff (name_normalized);
-- Absences that have not ended yet are few; past ones pile up over the years.
CREATE INDEX member_absences_current_idx ON member_absences (ends_on, starts_on);
