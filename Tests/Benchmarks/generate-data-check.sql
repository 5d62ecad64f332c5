-- Invariants the triggers and foreign keys normally keep, checked over the
-- whole database after a bulk load with them switched off (generate-data.sh,
-- and the query-plan test). One row per check: its name and how many rows break it.
SET jit = off;
SET work_mem = '256MB';

SELECT 'events_of_unknown_case', count(*) FROM case_events e WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = e.case_id)
UNION ALL
SELECT 'events_of_unknown_type', count(*) FROM case_events e WHERE NOT EXISTS (SELECT 1 FROM event_types t WHERE t.type = e.type)
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
-- open_cases counts the current seats on open cases (the draft round included, 0027) and stays within max_open_cases.
SELECT 'member_loads', count(*) FROM panel_members m
  LEFT JOIN (SELECT pa.staff_id, count(*) AS n FROM panel_assignments pa JOIN cases c ON c.id = pa.case_id
              WHERE pa.released_at IS NULL AND c.status IN ('awaiting_panel', 'in_review', 'draft_ruling') GROUP BY pa.staff_id) l
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
-- No event, ruling, purge or Part 2 step in the future (appointments may start later).
SELECT 'moments_in_the_future', (SELECT count(*) FROM cases WHERE greatest(created_at, updated_at, closed_at, purged_at) > now())
     + (SELECT count(*) FROM case_events WHERE at > now())
     + (SELECT count(*) FROM case_statements WHERE created_at > now())
     + (SELECT count(*) FROM documents WHERE greatest(uploaded_at, purged_at) > now())
     + (SELECT count(*) FROM appointments WHERE greatest(planned_at, cancelled_at, reported_at) > now())
     + (SELECT count(*) FROM appointment_responses WHERE answered_at > now())
     + (SELECT count(*) FROM objections WHERE greatest(lodged_at, decided_at) > now())
     + (SELECT count(*) FROM draft_rulings WHERE issued_at > now())
     + (SELECT count(*) FROM draft_comments WHERE created_at > now())
     + (SELECT count(*) FROM binding_agreements WHERE agreed_at > now())
     + (SELECT count(*) FROM consent_changes WHERE changed_at > now())
     + (SELECT count(*) FROM appeal_outcomes WHERE recorded_at > now() OR decided_on > current_date)
UNION ALL
-- Part 2 (migrations 0024-0038): keys, and what their triggers guard.
SELECT 'part2_rows_of_unknown_case',
       (SELECT count(*) FROM case_statements x WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = x.case_id))
     + (SELECT count(*) FROM documents x WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = x.case_id))
     + (SELECT count(*) FROM appointments x WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = x.case_id))
     + (SELECT count(*) FROM objections x WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = x.case_id))
     + (SELECT count(*) FROM draft_rulings x WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = x.case_id))
     + (SELECT count(*) FROM binding_agreements x WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = x.case_id))
     + (SELECT count(*) FROM consent_changes x WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = x.case_id))
UNION ALL
SELECT 'part2_rows_of_unknown_parent',
       (SELECT count(*) FROM document_chunks x WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = x.document_id))
     + (SELECT count(*) FROM appointment_responses x WHERE NOT EXISTS (SELECT 1 FROM appointments a WHERE a.id = x.appointment_id))
     + (SELECT count(*) FROM appointment_medical x WHERE NOT EXISTS (SELECT 1 FROM appointments a WHERE a.id = x.appointment_id))
     + (SELECT count(*) FROM draft_ruling_medical x WHERE NOT EXISTS (SELECT 1 FROM draft_rulings d WHERE d.case_id = x.case_id))
     + (SELECT count(*) FROM draft_comments x WHERE NOT EXISTS (SELECT 1 FROM draft_rulings d WHERE d.case_id = x.case_id))
     + (SELECT count(*) FROM appeal_outcomes x WHERE NOT EXISTS (SELECT 1 FROM appeals a WHERE a.case_id = x.case_id))
     + (SELECT count(*) FROM timers t WHERE t.kind = 'appointment_reminder'
                                        AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.id = t.subject_id AND a.case_id = t.case_id))
UNION ALL
SELECT 'part2_rows_by_unknown_staff',
       (SELECT count(*) FROM case_statements x WHERE x.author_staff_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM staff s WHERE s.id = x.author_staff_id))
     + (SELECT count(*) FROM documents x WHERE x.uploaded_by_staff IS NOT NULL AND NOT EXISTS (SELECT 1 FROM staff s WHERE s.id = x.uploaded_by_staff))
     + (SELECT count(*) FROM appointments x
         WHERE NOT EXISTS (SELECT 1 FROM staff s WHERE s.id = x.planned_by)
            OR (x.examiner_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM staff s WHERE s.id = x.examiner_id))
            OR (x.reported_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM staff s WHERE s.id = x.reported_by)))
     + (SELECT count(*) FROM objections x
         WHERE NOT EXISTS (SELECT 1 FROM staff s WHERE s.id = x.staff_id)
            OR (x.decided_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM staff s WHERE s.id = x.decided_by AND s.role IN ('coordinator', 'admin'))))
     + (SELECT count(*) FROM draft_rulings x WHERE NOT EXISTS (SELECT 1 FROM staff s WHERE s.id = x.issued_by))
     + (SELECT count(*) FROM appeal_outcomes x WHERE NOT EXISTS (SELECT 1 FROM staff s WHERE s.id = x.recorded_by))
     + (SELECT count(*) FROM case_parties x WHERE x.verified_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM staff s WHERE s.id = x.verified_by))
UNION ALL
-- The hearing's turns (0024): the invited party responded with its first statement,
-- which opened the filer's reply window; the filer's first statement after it is the reply.
SELECT 'hearing_turns', count(*) FROM case_parties p
  LEFT JOIN case_parties i ON i.case_id = p.case_id AND NOT i.is_filer
 WHERE CASE WHEN p.is_filer
            THEN (p.reply_window_ends_at IS NOT NULL) <> (i.responded_at IS NOT NULL)
                 OR p.replied_at IS DISTINCT FROM (SELECT min(s.created_at) FROM case_statements s
                                                    WHERE s.case_id = p.case_id AND s.author_role = p.role AND s.created_at > i.responded_at)
            ELSE p.responded_at IS DISTINCT FROM (SELECT min(s.created_at) FROM case_statements s
                                                   WHERE s.case_id = p.case_id AND s.author_role = p.role) END
UNION ALL
-- An invited employee acts only once staff verified the link (0021, 0027, 0028).
SELECT 'unverified_employee_acted', count(*)
  FROM (SELECT case_id, created_at AS at FROM case_statements WHERE author_role = 'employee'
        UNION ALL SELECT case_id, uploaded_at FROM documents WHERE uploaded_by = 'employee'
        UNION ALL SELECT case_id, created_at FROM draft_comments WHERE party = 'employee'
        UNION ALL SELECT case_id, lodged_at FROM objections WHERE party = 'employee'
        UNION ALL SELECT a.case_id, r.answered_at FROM appointment_responses r JOIN appointments a ON a.id = r.appointment_id
                   WHERE r.party = 'employee') x
  JOIN case_parties p ON p.case_id = x.case_id AND p.role = 'employee' AND NOT p.is_filer
 WHERE p.verified_at IS NULL OR p.verified_at > x.at
UNION ALL
-- Statements before the draft (statuses submitted to in_review), documents while the case is open (0030).
SELECT 'written_while_closed',
       (SELECT count(*) FROM case_statements s JOIN cases c ON c.id = s.case_id LEFT JOIN draft_rulings d ON d.case_id = s.case_id
         WHERE s.created_at < c.created_at OR s.created_at >= least(d.issued_at, c.closed_at))
     + (SELECT count(*) FROM documents x JOIN cases c ON c.id = x.case_id
         WHERE x.uploaded_at < c.created_at OR x.uploaded_at >= c.closed_at)
     + (SELECT count(*) FROM binding_agreements x JOIN cases c ON c.id = x.case_id
         WHERE x.agreed_at < c.created_at OR x.agreed_at >= c.closed_at)
UNION ALL
-- Size and SHA-256 are those of the chunks, numbered from 0; the purges (0030,
-- 0035) delete the content of non-medical documents with the personal data and
-- of medical ones with the medical file, and keep size and digest.
SELECT 'document_content', count(*) FROM documents d
  JOIN cases c ON c.id = d.case_id
  LEFT JOIN LATERAL (SELECT count(*) AS n, max(k.seq) AS last, sum(octet_length(k.bytes)) AS size,
                            encode(sha256(string_agg(k.bytes, ''::bytea ORDER BY k.seq)), 'hex') AS sha256
                       FROM document_chunks k WHERE k.document_id = d.id) k ON true
 WHERE CASE WHEN d.purged_at IS NULL THEN k.n = 0 OR k.last <> k.n - 1 OR k.size <> d.size OR k.sha256 <> d.sha256
            ELSE k.n > 0 OR d.filename <> 'verwijderd' OR d.description IS NOT NULL END
    OR (d.purged_at IS NOT NULL)
       <> CASE WHEN d.medical THEN c.medical_purged_at IS NOT NULL ELSE c.purged_at IS NOT NULL END
UNION ALL
-- The draft round (0027): a draft only for a case that went through draft_ruling,
-- issued by its chair; comments within the window, at most one no_comments per party;
-- the ruling after the window (or once both parties answered), answering the comments.
SELECT 'draft_round',
       (SELECT count(*) FROM cases c LEFT JOIN draft_rulings d ON d.case_id = c.id
         WHERE (c.status = 'draft_ruling' AND d.case_id IS NULL)
            OR (d.case_id IS NOT NULL AND (c.status NOT IN ('draft_ruling', 'ruled', 'withdrawn')
                                           OR NOT EXISTS (SELECT 1 FROM panel_assignments pa
                                                           WHERE pa.case_id = c.id AND pa.staff_id = d.issued_by AND pa.is_chair))))
     + (SELECT count(*) FROM draft_comments k JOIN draft_rulings d ON d.case_id = k.case_id JOIN cases c ON c.id = k.case_id
         WHERE k.created_at < d.issued_at OR k.created_at >= d.comments_until OR k.created_at >= c.closed_at)
     + (SELECT count(*) FROM rulings r LEFT JOIN draft_rulings d ON d.case_id = r.case_id
         WHERE CASE WHEN d.case_id IS NULL THEN r.comments_response IS NOT NULL
                    ELSE (r.comments_response IS NULL
                          AND EXISTS (SELECT 1 FROM draft_comments k WHERE k.case_id = r.case_id AND NOT k.no_comments))
                         OR (r.decided_at < d.comments_until
                             AND (SELECT count(DISTINCT k.party) FROM draft_comments k WHERE k.case_id = r.case_id)
                                 < (SELECT count(*) FROM case_parties p WHERE p.case_id = r.case_id)) END)
UNION ALL
SELECT 'one_no_comments_per_party', count(*)
  FROM (SELECT 1 FROM draft_comments WHERE no_comments GROUP BY case_id, party HAVING count(*) > 1) x
UNION ALL
-- A ruling binds when both parties agreed (0024, 0026); an agreement's name goes with the purge.
SELECT 'binding', (SELECT count(*) FROM rulings r JOIN cases c ON c.id = r.case_id
                    WHERE r.binding <> (c.binding_basis = 'statute'
                                        OR (SELECT count(*) FROM binding_agreements a WHERE a.case_id = r.case_id) = 2))
     + (SELECT count(*) FROM binding_agreements a JOIN cases c ON c.id = a.case_id WHERE (a.name IS NULL) <> (c.purged_at IS NOT NULL))
UNION ALL
-- Appointments (0029): planned while in review, scheduled only on a case still in
-- review, reported after they started; answers only from invited parties while scheduled.
SELECT 'appointments',
       (SELECT count(*) FROM appointments a JOIN cases c ON c.id = a.case_id
         WHERE (a.status = 'scheduled' AND c.status <> 'in_review')
            OR a.planned_at < c.triaged_at OR a.planned_at >= coalesce(c.closed_at, 'infinity')
            OR a.reported_at < a.starts_at OR a.cancelled_at < a.planned_at
            OR EXISTS (SELECT 1 FROM draft_rulings d WHERE d.case_id = a.case_id
                                                    AND (a.planned_at >= d.issued_at OR coalesce(a.reported_at, a.cancelled_at) >= d.issued_at
                                                         OR a.status = 'scheduled')))
     + (SELECT count(*) FROM appointment_responses r JOIN appointments a ON a.id = r.appointment_id
         WHERE NOT r.party = ANY (a.parties) OR r.answered_at < a.planned_at
            OR r.answered_at >= coalesce(a.reported_at, a.cancelled_at, 'infinity'))
UNION ALL
-- Objections (0028): against a member of the case's panel; no draft or ruling while one waits.
SELECT 'objections', count(*) FROM objections o JOIN cases c ON c.id = o.case_id
 WHERE NOT EXISTS (SELECT 1 FROM panel_assignments pa WHERE pa.case_id = o.case_id AND pa.staff_id = o.staff_id AND pa.assigned_at <= o.lodged_at)
    OR o.decided_at < o.lodged_at
    OR (o.decided_at IS NULL AND c.status IN ('draft_ruling', 'ruled'))
    OR EXISTS (SELECT 1 FROM draft_rulings d WHERE d.case_id = o.case_id AND (o.lodged_at >= d.issued_at OR o.decided_at >= d.issued_at))
UNION ALL
-- Consents (0031): every change is a change, the first one a consent.
SELECT 'consent_changes', count(*)
  FROM (SELECT given, lag(given) OVER (PARTITION BY case_id, kind ORDER BY id) AS before FROM consent_changes) x
 WHERE x.given = coalesce(x.before, false)
UNION ALL
SELECT 'appeal_outcome_before_appeal', count(*) FROM appeal_outcomes o JOIN appeals a ON a.case_id = o.case_id WHERE o.decided_on < a.lodged_on;
