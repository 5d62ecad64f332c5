-- Routing a triaged case without a routing-wide lock.
--
-- Triage used to route under one advisory lock held until commit, so every
-- accept in the country waited for the one before it (about 25 cases/s).
-- Now a triage locks only the member it picks per discipline, with SKIP
-- LOCKED: concurrent triages take different members, and the take_panel_seat
-- trigger still re-checks capacity as each seat is stored. The routing pass
-- for waiting cases keeps its advisory lock (passes run one at a time) and
-- locks the member rows it plans with, so it waits for triages in flight.

-- Names and affiliations as routing compares them. Swift's
-- ConflictProfile.normalize is the rule; this one gives the same result for
-- ASCII text and never finds a conflict Swift would not (lower() leaves
-- non-ASCII letters alone), so SQL can use it to pre-filter and Swift checks
-- the member it picks.
CREATE FUNCTION routing_normalize(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN lower(regexp_replace(regexp_replace(t, '^\s+|\s+$', '', 'g'), '\s+', ' ', 'g'));

-- Whether a member may not sit on a case: their name is the disputed company
-- doctor's, or an affiliation equals a forbidden term (employer name, KvK
-- number, arbodienst; passed already normalised).
CREATE FUNCTION routing_conflict(member_name text, affiliations text[], forbidden text[], physician text)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (physician IS NOT NULL AND routing_normalize(member_name) = physician)
    OR EXISTS (SELECT 1 FROM unnest(affiliations) AS a (affiliation)
                WHERE routing_normalize(a.affiliation) = ANY (forbidden));

-- The routing order (fewest open cases, never assigned first, oldest last
-- assignment, lowest id), so picking a discipline's best member reads the
-- index in order and stops at the first eligible one.
CREATE INDEX panel_members_routing_order_idx
    ON panel_members (discipline, open_cases, last_assignment NULLS FIRST, staff_id);
DROP INDEX panel_members_routing_idx;
