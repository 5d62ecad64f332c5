-- Indexes for the hot queries at national scale (a million cases and more).
-- Tests/EenloketTests/Performance/QueryPlanTests.swift runs every hot query
-- under EXPLAIN on a filled database and fails on a sequential scan of a big table.

-- Routing reads the panels of waiting cases with every seat ever taken, also
-- released ones (a member who left is not chosen again); the partial indexes
-- of 0003 hold only the current seats, so this join read all assignments.
CREATE INDEX panel_assignments_case_idx ON panel_assignments (case_id);

-- The outbox page lists failed messages oldest first; they are few among millions.
CREATE INDEX notifications_failed_idx ON notifications (created_at, id) WHERE failed_at IS NOT NULL;

-- Escalations newest first, handled ones included (escalations_open_idx serves the open ones).
CREATE INDEX escalations_created_idx ON escalations (created_at, id);
