-- The letter window (contract Part 2, "Hearing both sides"): a party invited
-- by a printed letter gets its response window when staff mark the letter
-- printed and sent, plus 2 working days for delivery. Until then the party
-- is invited but its window has no end yet (hearing_ends_at is NULL).

ALTER TABLE case_parties
    DROP CONSTRAINT invitation_complete,
    ADD CONSTRAINT window_only_when_invited CHECK (invited_at IS NOT NULL OR hearing_ends_at IS NULL),
    -- An e-mail invitation starts its window at once.
    ADD CONSTRAINT emailed_invitation_has_a_window CHECK (invited_at IS NULL OR hearing_ends_at IS NOT NULL OR email IS NULL);
