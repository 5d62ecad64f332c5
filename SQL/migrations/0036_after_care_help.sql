-- After-care that acts (issue 14): a check-in answer that asks for help, or
-- says the employee is not working (again), puts the case before the
-- coordinators at once. Every such answer is its own escalation.

ALTER TABLE escalations
    DROP CONSTRAINT escalations_kind_check,
    ADD CONSTRAINT escalations_kind_check CHECK (
        kind IN ('deadline_missed', 'awaiting_panel', 'chair_absent', 'ruling_not_carried_out', 'follow_ups_missed',
                 'after_care_help'));
