-- The draft round (contract Part 2, "Status draft_ruling", "Draft ruling and
-- comments"): the chair issues a draft, both parties may point out factual
-- errors within a window, then the chair records the ruling and answers the
-- comments.

-- A new status between in_review and ruled; it counts as open.
ALTER TABLE cases
    DROP CONSTRAINT cases_status_check,
    ADD CONSTRAINT cases_status_check CHECK (
        status IN ('submitted', 'awaiting_panel', 'in_review', 'draft_ruling', 'ruled', 'referred', 'answered', 'withdrawn')),
    DROP CONSTRAINT decision_matches_status,
    ADD CONSTRAINT decision_matches_status CHECK (
        status = 'submitted'
        OR (status = 'withdrawn' AND (triage_decision IS NULL OR triage_decision = 'accept'))
        OR (status IN ('awaiting_panel', 'in_review', 'draft_ruling', 'ruled') AND triage_decision = 'accept')
        OR (status = 'referred' AND triage_decision = 'refer')
        OR (status = 'answered' AND triage_decision = 'answer'));

INSERT INTO case_status_transitions (from_status, to_status) VALUES
    ('in_review', 'draft_ruling'), ('draft_ruling', 'ruled'), ('draft_ruling', 'withdrawn');

-- Seats stay taken through the draft round; they free up when the case closes.
DROP TRIGGER cases_free_panel_seats ON cases;
CREATE TRIGGER cases_free_panel_seats AFTER UPDATE OF status ON cases
    FOR EACH ROW
    WHEN (OLD.status IN ('awaiting_panel', 'in_review', 'draft_ruling')
          AND NEW.status NOT IN ('awaiting_panel', 'in_review', 'draft_ruling'))
    EXECUTE FUNCTION free_panel_seats();

-- One draft per case, written once when the case enters draft_ruling.
CREATE TABLE draft_rulings (
    case_id        uuid PRIMARY KEY REFERENCES cases (id),
    outcome        text NOT NULL CHECK (outcome IN ('upheld', 'partly_upheld', 'overturned')),
    decision       text NOT NULL CHECK (char_length(decision) BETWEEN 1 AND 20000),
    motivation     text NOT NULL CHECK (char_length(motivation) BETWEEN 1 AND 20000),
    issued_at      timestamptz NOT NULL,
    issued_by      uuid NOT NULL REFERENCES staff (id),
    comments_until timestamptz NOT NULL CHECK (comments_until > issued_at)
);

-- The draft's medical considerations, behind the same rule as the ruling's.
CREATE TABLE draft_ruling_medical (
    case_id                uuid PRIMARY KEY REFERENCES draft_rulings (case_id),
    medical_considerations text NOT NULL CHECK (char_length(medical_considerations) BETWEEN 1 AND 20000)
);
ALTER TABLE draft_ruling_medical ENABLE ROW LEVEL SECURITY;
ALTER TABLE draft_ruling_medical FORCE ROW LEVEL SECURITY;
CREATE POLICY draft_ruling_medical_read ON draft_ruling_medical FOR SELECT
    USING (current_setting('eenloket.medical_read', true) = 'on' OR current_setting('eenloket.retention', true) = 'on');
CREATE POLICY draft_ruling_medical_write ON draft_ruling_medical FOR INSERT WITH CHECK (true);
CREATE POLICY draft_ruling_medical_purge ON draft_ruling_medical FOR DELETE
    USING (current_setting('eenloket.retention', true) = 'on');

-- A party's comment on the draft (a factual correction), or its word that it
-- has none (once). Only the employee party may mark a comment medical.
CREATE TABLE draft_comments (
    id          uuid PRIMARY KEY,
    case_id     uuid NOT NULL REFERENCES draft_rulings (case_id),
    party       text NOT NULL CHECK (party IN ('employee', 'employer')),
    no_comments boolean NOT NULL,
    text        text CHECK (char_length(text) BETWEEN 1 AND 20000),
    medical     boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL,
    CHECK (no_comments = (text IS NULL)),
    CHECK (NOT medical OR (party = 'employee' AND NOT no_comments))
);
CREATE INDEX draft_comments_case_idx ON draft_comments (case_id, created_at, id);
CREATE UNIQUE INDEX draft_comments_one_no_comments ON draft_comments (case_id, party) WHERE no_comments;
ALTER TABLE draft_comments ENABLE ROW LEVEL SECURITY;
ALTER TABLE draft_comments FORCE ROW LEVEL SECURITY;
CREATE POLICY draft_comments_read ON draft_comments FOR SELECT
    USING (NOT medical OR current_setting('eenloket.medical_read', true) = 'on'
           OR current_setting('eenloket.retention', true) = 'on');
CREATE POLICY draft_comments_write ON draft_comments FOR INSERT WITH CHECK (true);
CREATE POLICY draft_comments_purge ON draft_comments FOR UPDATE
    USING (current_setting('eenloket.retention', true) = 'on') WITH CHECK (current_setting('eenloket.retention', true) = 'on');

-- A draft only for a case in draft_ruling (it moves first, in the same transaction).
CREATE FUNCTION guard_draft_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT status FROM cases WHERE id = NEW.case_id FOR SHARE) IS DISTINCT FROM 'draft_ruling' THEN
        RAISE EXCEPTION 'case % is not in draft_ruling', NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'draft_case_in_draft_ruling';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER draft_rulings_guard_insert BEFORE INSERT ON draft_rulings FOR EACH ROW EXECUTE FUNCTION guard_draft_insert();

-- Comments only while the case is in draft_ruling and its window is open, and
-- never from an invited employee whose link staff have not verified. The case
-- row is read FOR SHARE, so a comment waits for a ruling being recorded and
-- then sees it.
CREATE FUNCTION guard_draft_comment() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT status FROM cases WHERE id = NEW.case_id FOR SHARE) IS DISTINCT FROM 'draft_ruling' THEN
        RAISE EXCEPTION 'case % is not in draft_ruling', NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'draft_comment_case_in_draft_ruling';
    END IF;
    IF NEW.created_at >= (SELECT comments_until FROM draft_rulings WHERE case_id = NEW.case_id) THEN
        RAISE EXCEPTION 'the comment window of case % has closed', NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'draft_comment_in_window';
    END IF;
    IF NEW.party = 'employee' AND employee_link_unverified(NEW.case_id) THEN
        RAISE EXCEPTION 'the invited employee of case % is not verified yet', NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'employee_not_verified';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER draft_comments_guard_insert BEFORE INSERT ON draft_comments FOR EACH ROW EXECUTE FUNCTION guard_draft_comment();

-- Drafts and comments are never changed or deleted; only the retention purge
-- removes their text (below).
CREATE FUNCTION guard_draft_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('eenloket.retention', true) = 'on' THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER draft_rulings_append_only BEFORE UPDATE OR DELETE ON draft_rulings
    FOR EACH ROW EXECUTE FUNCTION guard_draft_change();
CREATE TRIGGER draft_ruling_medical_append_only BEFORE UPDATE OR DELETE ON draft_ruling_medical
    FOR EACH ROW EXECUTE FUNCTION guard_draft_change();
CREATE TRIGGER draft_comments_append_only BEFORE UPDATE OR DELETE ON draft_comments
    FOR EACH ROW EXECUTE FUNCTION guard_draft_change();
CREATE TRIGGER draft_rulings_no_truncate BEFORE TRUNCATE ON draft_rulings FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();
CREATE TRIGGER draft_ruling_medical_no_truncate BEFORE TRUNCATE ON draft_ruling_medical
    FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();
CREATE TRIGGER draft_comments_no_truncate BEFORE TRUNCATE ON draft_comments FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();

-- The ruling answers the comments: after a draft, `comments_response` is
-- required when a party commented, and the ruling waits for the window's end
-- unless every party commented or said it had none.
ALTER TABLE rulings ADD COLUMN comments_response text CHECK (char_length(comments_response) BETWEEN 1 AND 20000);

CREATE FUNCTION guard_ruling_after_draft() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    until timestamptz;
    commented boolean;
    answered integer;
BEGIN
    SELECT comments_until INTO until FROM draft_rulings WHERE case_id = NEW.case_id;
    IF NOT FOUND THEN
        IF NEW.comments_response IS NOT NULL THEN
            RAISE EXCEPTION 'case % had no draft: there are no comments to answer', NEW.case_id
                USING ERRCODE = 'check_violation', CONSTRAINT = 'ruling_answers_comments';
        END IF;
        RETURN NEW;
    END IF;
    -- Medical comments count too: look at every row.
    PERFORM set_config('eenloket.medical_read', 'on', true);
    SELECT bool_or(NOT no_comments), count(DISTINCT party) INTO commented, answered
      FROM draft_comments WHERE case_id = NEW.case_id;
    PERFORM close_medical();
    IF coalesce(commented, false) AND NEW.comments_response IS NULL THEN
        RAISE EXCEPTION 'the ruling of case % must answer the comments on its draft', NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ruling_answers_comments';
    END IF;
    IF NEW.decided_at < until AND answered < (SELECT count(*) FROM case_parties WHERE case_id = NEW.case_id) THEN
        RAISE EXCEPTION 'the comment window of case % is still open', NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ruling_after_comment_window';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER rulings_after_draft BEFORE INSERT ON rulings FOR EACH ROW EXECUTE FUNCTION guard_ruling_after_draft();

-- The draft and its comments as one viewer may see them: medical text by the
-- medical-field rule. `responses` (per party: commented or no_comments) and
-- `has_comments` count every comment, medical ones too, without their text.
-- NULL when the case has no draft.
CREATE FUNCTION draft_for(p_case uuid, p_kind text, p_role text, p_viewer uuid, p_viewer_case uuid) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    facts jsonb;
    shown jsonb;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM draft_rulings WHERE case_id = p_case) THEN
        RETURN NULL;
    END IF;
    PERFORM set_config('eenloket.medical_read', 'on', true);
    SELECT jsonb_build_object(
               'responses', coalesce((SELECT jsonb_object_agg(party, CASE WHEN only_none THEN 'no_comments' ELSE 'commented' END)
                                        FROM (SELECT party, every(no_comments) AS only_none FROM draft_comments
                                               WHERE case_id = p_case GROUP BY party) p), '{}'),
               'has_comments', EXISTS (SELECT 1 FROM draft_comments WHERE case_id = p_case AND NOT no_comments),
               'has_medical', EXISTS (SELECT 1 FROM draft_ruling_medical WHERE case_id = p_case))
      INTO facts;
    PERFORM close_medical();
    PERFORM open_medical(p_case, p_kind, p_role, p_viewer, p_viewer_case);
    SELECT jsonb_build_object(
               'outcome', d.outcome, 'decision', d.decision, 'motivation', d.motivation,
               'issued_at_ms', floor(extract(epoch FROM d.issued_at) * 1000)::bigint,
               'comments_until_ms', floor(extract(epoch FROM d.comments_until) * 1000)::bigint,
               'medical_considerations', (SELECT m.medical_considerations FROM draft_ruling_medical m WHERE m.case_id = d.case_id),
               'comments', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                                   'id', c.id, 'party', c.party, 'no_comments', c.no_comments, 'text', c.text,
                                   'medical', c.medical, 'created_at_ms', floor(extract(epoch FROM c.created_at) * 1000)::bigint)
                                   ORDER BY c.created_at, c.id), '[]')
                              FROM draft_comments c WHERE c.case_id = d.case_id))
      INTO shown
      FROM draft_rulings d WHERE d.case_id = p_case;
    PERFORM close_medical();
    RETURN shown || facts;
END;
$$;

-- The retention purge removes the draft's and the comments' text with the rest.
CREATE FUNCTION purge_drafts() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    removed constant text := 'Verwijderd na afloop van de bewaartermijn.';
BEGIN
    DELETE FROM draft_ruling_medical WHERE case_id = NEW.id;
    UPDATE draft_rulings SET decision = removed, motivation = removed WHERE case_id = NEW.id;
    UPDATE draft_comments SET text = removed WHERE case_id = NEW.id AND text IS NOT NULL;
    RETURN NEW;
END;
$$;
CREATE TRIGGER cases_purge_drafts AFTER UPDATE OF purged_at ON cases
    FOR EACH ROW WHEN (NEW.purged_at IS NOT NULL AND OLD.purged_at IS NULL) EXECUTE FUNCTION purge_drafts();

-- When the comment window closes, the chair and the parties are told.
ALTER TABLE timers
    DROP CONSTRAINT timers_kind_check,
    ADD CONSTRAINT timers_kind_check CHECK (
        kind IN ('preferred_passed', 'due_passed', 'follow_up_due', 'follow_up_missed', 'absence_ended', 'draft_window_closed'));

INSERT INTO event_types (type) VALUES ('draft_issued'), ('draft_commented');
