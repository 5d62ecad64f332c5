-- At most one open escalation per case for the kinds that describe a state
-- rather than an event: a chair who is absent, check-ins that go unanswered.
--
-- Two paths raise chair_absent (recording the absence, and the reminder
-- before the preferred ruling date), and each checked for an open one before
-- inserting; two transactions could both pass that check. The coordinators
-- then got the same message twice. The index makes the database the judge;
-- Escalations.raise inserts with ON CONFLICT DO NOTHING and writes the
-- history event and the messages only when it inserted.
--
-- Deadline misses stay one row per missed stage, and every "ruling not
-- carried out" answer stays its own row: each is a separate fact.

-- An instance of the previous version may still be running (a rolling
-- upgrade): no new duplicate may slip in between the clean-up and the index.
LOCK TABLE escalations IN SHARE ROW EXCLUSIVE MODE;

-- Earlier duplicates: keep the oldest open row of each group. Their history
-- events stay in case_events, so nothing the parties or auditors rely on goes.
DELETE FROM escalations e
 USING escalations older
 WHERE e.resolved_at IS NULL AND older.resolved_at IS NULL
   AND e.case_id = older.case_id AND e.kind = older.kind
   AND e.kind IN ('chair_absent', 'follow_ups_missed')
   AND older.id < e.id;

CREATE UNIQUE INDEX escalations_one_open_idx ON escalations (case_id, kind)
    WHERE resolved_at IS NULL AND kind IN ('chair_absent', 'follow_ups_missed');
