-- Invariants the triggers and foreign keys normally keep, checked over the
-- whole database after a bulk load with them switched off (generate-data.sh,
-- and the query-plan test). One row per check: its name and how many rows break it.
SET jit = off;
SET work_mem = '256MB';

SELECT 'events_of_unknown_case', count(*) FROM case_events e WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = e.case_id)
UNION ALL
SELECT 'events_by_unknown_staff', count(*) FROM case_events e
 WHERE e.actor_staff_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM staff s WHERE s.id = e.actor_staff_id)
UNION ALL
-- seq runs 1..event_count (case_event_counters) without gaps.
SELECT 'event_numbering', count(*) FROM case_event_counters k
  FULL JOIN (SELECT case_id, count(*) AS n, min(seq) AS first, max(seq) AS last FROM case_events GROUP BY case_id) e ON e.case_id = k.case_id
 WHERE k.case_id IS NULL OR e.case_id IS NULL OR k.event_count <> e.n OR e.first <> 1 OR e.last <> e.n
UNION ALL
SELECT 'parties_of_unknown_case', count(*) FROM case_parties p WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = p.case_id)
UNION ALL
SELECT 'cases_without_one_filer', count(*) FROM cases c
 WHERE (SELECT count(*) FROM case_parties p WHERE p.case_id = c.id AND p.is_filer) <> 1
UNION ALL
SELECT 'accepted_without_invited_party', count(*) FROM cases c
 WHERE c.triage_decision = 'accept'
   AND NOT EXISTS (SELECT 1 FROM case_parties p WHERE p.case_id = c.id AND NOT p.is_filer AND p.invited_at IS NOT NULL)
UNION ALL
SELECT 'deadlines_of_unknown_case', count(*) FROM case_deadlines d WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = d.case_id)
UNION ALL
SELECT 'next_due_by', count(*) FROM cases c
  LEFT JOIN (SELECT case_id, min(due_by) AS due FROM case_deadlines WHERE met_at IS NULL GROUP BY case_id) d ON d.case_id = c.id
 WHERE c.next_due_by IS DISTINCT FROM CASE WHEN c.status IN ('ruled', 'referred', 'answered', 'withdrawn') THEN NULL ELSE d.due END
UNION ALL
SELECT 'closed_at', count(*) FROM cases c
 WHERE (c.closed_at IS NOT NULL) <> (c.status IN ('ruled', 'referred', 'answered', 'withdrawn'))
    OR (c.purged_at IS NOT NULL AND c.closed_at IS NULL)
UNION ALL
SELECT 'triaged_by_unknown_staff', count(*) FROM cases c
 WHERE c.triaged_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM staff s WHERE s.id = c.triaged_by)
UNION ALL
SELECT 'seats_of_unknown_case_or_member', count(*) FROM panel_assignments pa
 WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = pa.case_id)
    OR NOT EXISTS (SELECT 1 FROM panel_members m WHERE m.staff_id = pa.staff_id)
UNION ALL
SELECT 'members_without_staff', count(*) FROM panel_members m
 WHERE NOT EXISTS (SELECT 1 FROM staff s WHERE s.id = m.staff_id AND s.role = 'panel_member')
UNION ALL
-- open_cases counts the current seats on open cases and stays within max_open_cases.
SELECT 'member_loads', count(*) FROM panel_members m
  LEFT JOIN (SELECT pa.staff_id, count(*) AS n FROM panel_assignments pa JOIN cases c ON c.id = pa.case_id
              WHERE pa.released_at IS NULL AND c.status IN ('awaiting_panel', 'in_review') GROUP BY pa.staff_id) l
    ON l.staff_id = m.staff_id
 WHERE m.open_cases <> coalesce(l.n, 0) OR m.open_cases > m.max_open_cases
UNION ALL
SELECT 'last_assignment', count(*) FROM panel_members m
 WHERE m.last_assignment IS DISTINCT FROM (SELECT max(pa.id) FROM panel_assignments pa WHERE pa.staff_id = m.staff_id)
UNION ALL
SELECT 'in_review_panel_incomplete', count(*) FROM cases c
 WHERE c.status = 'in_review'
   AND (NOT c.requested_disciplines <@ ARRAY(SELECT pa.discipline FROM panel_assignments pa WHERE pa.case_id = c.id AND pa.released_at IS NULL)
        OR NOT EXISTS (SELECT 1 FROM panel_assignments pa WHERE pa.case_id = c.id AND pa.is_chair AND pa.released_at IS NULL))
UNION ALL
SELECT 'ruled_without_ruling', count(*) FROM cases c
 WHERE (c.status = 'ruled') <> EXISTS (SELECT 1 FROM rulings r WHERE r.case_id = c.id)
UNION ALL
SELECT 'ruling_not_by_chair', count(*) FROM rulings r
 WHERE NOT EXISTS (SELECT 1 FROM panel_assignments pa WHERE pa.case_id = r.case_id AND pa.staff_id = r.decided_by AND pa.is_chair)
UNION ALL
SELECT 'medical_of_unknown_or_employer_case', count(*) FROM case_medical m
 WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = m.case_id AND c.filer_role = 'employee')
UNION ALL
SELECT 'ruling_details_without_ruling', (SELECT count(*) FROM ruling_medical m WHERE NOT EXISTS (SELECT 1 FROM rulings r WHERE r.case_id = m.case_id))
     + (SELECT count(*) FROM appeals a WHERE NOT EXISTS (SELECT 1 FROM rulings r WHERE r.case_id = a.case_id))
     + (SELECT count(*) FROM follow_ups f WHERE NOT EXISTS (SELECT 1 FROM rulings r WHERE r.case_id = f.case_id))
UNION ALL
SELECT 'timers_notifications_escalations_of_unknown_case',
       (SELECT count(*) FROM timers t WHERE t.case_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = t.case_id))
     + (SELECT count(*) FROM notifications n WHERE n.case_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = n.case_id))
     + (SELECT count(*) FROM escalations e WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = e.case_id))
UNION ALL
-- The next reference of every year is still free.
SELECT 'reference_sequences', count(*) FROM (
    SELECT substr(reference, 4, 4) AS y, max(substr(reference, 9)::integer) AS last FROM cases GROUP BY 1) r
 WHERE coalesce((SELECT s.last_value FROM pg_sequences s WHERE s.sequencename = 'case_reference_' || r.y), 0) < r.last
UNION ALL
-- No event, ruling or purge in the future.
SELECT 'moments_in_the_future', (SELECT count(*) FROM cases WHERE greatest(created_at, updated_at, closed_at, purged_at) > now())
     + (SELECT count(*) FROM case_events WHERE at > now());
