-- Where the employee is in the sickness years (contract Part 2): an earlier
-- spell named at filing that ended fewer than 28 healthy days before this one
-- counts with it (Civil Code 7:629(10)); the period's start follows from it.

ALTER TABLE cases
    ADD COLUMN earlier_spell_started_on date,
    ADD COLUMN earlier_spell_ended_on date,
    ADD CONSTRAINT earlier_spell_complete CHECK ((earlier_spell_started_on IS NULL) = (earlier_spell_ended_on IS NULL)),
    ADD CONSTRAINT earlier_spell_before_this_one
        CHECK (earlier_spell_started_on <= earlier_spell_ended_on AND earlier_spell_ended_on < sick_since);
