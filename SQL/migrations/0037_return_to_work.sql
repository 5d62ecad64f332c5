-- After-care counts from the return to work (issue 14): the check-ins at 2
-- weeks, 6 weeks, 3 months and 6 months are planned from the ruling and
-- re-planned from the day the employee returned to work once that is known
-- (asked at the first check-in, or recorded by staff).

ALTER TABLE cases
    ADD COLUMN returned_to_work_on date,
    ADD CONSTRAINT return_after_sickness_began CHECK (returned_to_work_on IS NULL OR returned_to_work_on >= sick_since);

INSERT INTO event_types (type) VALUES ('return_to_work_recorded');
