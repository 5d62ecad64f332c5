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
-- non-ASCII letters alone), so SQL can use it to pre-filter (a member is
-- skipped when an affiliation equals the employer's name or KvK number or the
-- arbodienst, or their name is the disputed company doctor's) and Swift
-- checks the member it picks.
CREATE FUNCTION routing_normalize(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN lower(regexp_replace(regexp_replace(t, '^\s+|\s+$', '', 'g'), '\s+', ' ', 'g'));

-- All of a member's affiliations, normalised.
CREATE FUNCTION routing_normalize_all(ts text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN ARRAY(SELECT routing_normalize(t) FROM unnest(ts) AS t);

-- Kept normalised next to the originals, so the conflict check while routing
-- is an array overlap and a comparison, not regular expressions per row.
ALTER TABLE panel_members
    ADD COLUMN affiliations_normalized text[] GENERATED ALWAYS AS (routing_normalize_all(affiliations)) STORED;
ALTER TABLE staff
    ADD COLUMN name_normalized text GENERATED ALWAYS AS (routing_normalize(name)) STORED;

-- Every seat taken or freed updates its member's row (open_cases,
-- last_assignment). With those columns in an index, each update was a new
-- index entry and the routing query walked ever more dead ones (about 900
-- pages per call in the benchmark). Now no index holds them, and half of
-- each page stays free, so the updates are HOT (no index change, dead
-- versions pruned on the page). The query reads the members of one
-- discipline (hundreds) and sorts them in routing order.
DROP INDEX panel_members_routing_idx;
CREATE INDEX panel_members_discipline_idx ON panel_members (discipline);
ALTER TABLE panel_members SET (fillfactor = 50);
