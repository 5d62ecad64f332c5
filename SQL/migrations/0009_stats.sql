-- Supervision statistics kept up to date as cases change, so the figures
-- (GET /api/v1/stats/overview and /employers, the supervision page, /metrics)
-- read a few hundred rows instead of every case, ruling and check-in.
--
-- Triggers add each change to small aggregate tables; rebuild_stats()
-- recomputes them all from the base tables (at the end of this migration,
-- and after a bulk load that ran without triggers).
--
-- Counts that every filing touches are spread over shards (one per
-- transaction, at random), and the triggers that add to them are deferred to
-- commit, so concurrent filings do not queue on one row.

-- Cases per status and type ('' before triage).
CREATE TABLE stats_case_counts (
    shard     smallint NOT NULL,
    status    text NOT NULL,
    case_type text NOT NULL,
    cases     bigint NOT NULL,
    PRIMARY KEY (shard, status, case_type)
);

-- Accepted cases per employer over the three filing years ending with
-- window_year (the 3-2-1 weighted score's window), per year and in all, with the
-- employer's name on the latest of them (by created_at, then id). A case counts
-- in the windows of its filing year and the two years after it.
CREATE TABLE stats_employer_windows (
    window_year       integer NOT NULL,
    employer_kvk      text NOT NULL,
    cases_year_2      bigint NOT NULL,  -- filed in window_year - 2
    cases_year_1      bigint NOT NULL,  -- filed in window_year - 1
    cases_year_0      bigint NOT NULL,  -- filed in window_year
    cases             bigint NOT NULL,
    latest_created_at timestamptz NOT NULL,
    latest_id         uuid NOT NULL,
    latest_name       text NOT NULL,
    PRIMARY KEY (window_year, employer_kvk)
);

-- The employers of a year with at least so many cases.
CREATE INDEX stats_employer_windows_cases_idx ON stats_employer_windows (window_year, cases);

-- Accepted cases per filing month (its first day) and type.
CREATE TABLE stats_accepted_months (
    month     date NOT NULL,
    case_type text NOT NULL,
    cases     bigint NOT NULL,
    PRIMARY KEY (month, case_type)
);

-- Rulings per whole days from filing to ruling, whether they came by the
-- ruling stage's due_by (or the case had none), case type and outcome.
CREATE TABLE stats_rulings (
    days       integer NOT NULL,
    within_due boolean NOT NULL,
    case_type  text NOT NULL,
    outcome    text NOT NULL,
    rulings    bigint NOT NULL,
    PRIMARY KEY (days, within_due, case_type, outcome)
);

-- Per ruled case, its latest answered check-in (answered_at descending, then
-- id ascending), and the totals over those cases.
CREATE TABLE stats_follow_through (
    case_id      uuid PRIMARY KEY,
    answered_at  timestamptz NOT NULL,
    follow_up_id uuid NOT NULL,
    carried_out  boolean NOT NULL
);

CREATE TABLE stats_follow_through_totals (
    single      boolean PRIMARY KEY DEFAULT true CHECK (single),
    cases       bigint NOT NULL,
    carried_out bigint NOT NULL
);

CREATE FUNCTION stats_shard() RETURNS smallint
LANGUAGE sql VOLATILE AS $$ SELECT (txid_current() % 128)::smallint $$;

CREATE FUNCTION stats_count_case() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    this_shard smallint := stats_shard();
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.status = OLD.status AND NEW.case_type IS NOT DISTINCT FROM OLD.case_type THEN
        RETURN NULL;
    END IF;
    -- Both rows in one statement, in key order, so two transactions on one shard never deadlock here.
    INSERT INTO stats_case_counts AS t (shard, status, case_type, cases)
    SELECT this_shard, k.status, k.case_type, sum(k.delta)
      FROM (SELECT OLD.status, coalesce(OLD.case_type, ''), -1 WHERE TG_OP = 'UPDATE'
            UNION ALL
            SELECT NEW.status, coalesce(NEW.case_type, ''), 1) AS k(status, case_type, delta)
     GROUP BY k.status, k.case_type
     ORDER BY k.status, k.case_type
    ON CONFLICT (shard, status, case_type) DO UPDATE SET cases = t.cases + excluded.cases;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER cases_stats_count
    AFTER INSERT OR UPDATE OF status, case_type ON cases
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION stats_count_case();

-- A case counts for its employer and month once it is accepted (triage happens
-- once; employer, filing date and type do not change afterwards).
CREATE FUNCTION stats_count_accepted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stats_employer_windows AS t (window_year, employer_kvk, cases_year_2, cases_year_1, cases_year_0, cases,
                                            latest_created_at, latest_id, latest_name)
    SELECT NEW.filed_year + k, NEW.employer_kvk, (k = 2)::integer, (k = 1)::integer, (k = 0)::integer, 1,
           NEW.created_at, NEW.id, NEW.employer_name
      FROM generate_series(0, 2) AS k
     ORDER BY k
    ON CONFLICT (window_year, employer_kvk) DO UPDATE
       SET cases_year_2 = t.cases_year_2 + excluded.cases_year_2,
           cases_year_1 = t.cases_year_1 + excluded.cases_year_1,
           cases_year_0 = t.cases_year_0 + excluded.cases_year_0,
           cases = t.cases + 1,
           latest_created_at = CASE WHEN (excluded.latest_created_at, excluded.latest_id) > (t.latest_created_at, t.latest_id)
                                    THEN excluded.latest_created_at ELSE t.latest_created_at END,
           latest_id = CASE WHEN (excluded.latest_created_at, excluded.latest_id) > (t.latest_created_at, t.latest_id)
                            THEN excluded.latest_id ELSE t.latest_id END,
           latest_name = CASE WHEN (excluded.latest_created_at, excluded.latest_id) > (t.latest_created_at, t.latest_id)
                              THEN excluded.latest_name ELSE t.latest_name END;
    INSERT INTO stats_accepted_months AS t (month, case_type, cases)
    VALUES (date_trunc('month', NEW.filed_on)::date, NEW.case_type, 1)
    ON CONFLICT (month, case_type) DO UPDATE SET cases = t.cases + 1;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER cases_stats_accepted_insert
    AFTER INSERT ON cases
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
    WHEN (NEW.triage_decision = 'accept')
    EXECUTE FUNCTION stats_count_accepted();

CREATE CONSTRAINT TRIGGER cases_stats_accepted
    AFTER UPDATE OF triage_decision ON cases
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
    WHEN (NEW.triage_decision = 'accept' AND OLD.triage_decision IS DISTINCT FROM 'accept')
    EXECUTE FUNCTION stats_count_accepted();

-- Rulings are written once, for a case whose ruling deadline (if any) is set.
CREATE FUNCTION stats_count_ruling() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stats_rulings AS t (days, within_due, case_type, outcome, rulings)
    SELECT NEW.decided_on - c.filed_on,
           coalesce((SELECT NEW.decided_on <= d.due_by FROM case_deadlines d WHERE d.case_id = NEW.case_id AND d.stage = 'ruling'), true),
           coalesce(c.case_type, ''), NEW.outcome, 1
      FROM cases c WHERE c.id = NEW.case_id
    ON CONFLICT (days, within_due, case_type, outcome) DO UPDATE SET rulings = t.rulings + 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER rulings_stats_count AFTER INSERT ON rulings
    FOR EACH ROW EXECUTE FUNCTION stats_count_ruling();

-- A check-in is answered once; the case's latest answer decides whether it counts as carried out.
CREATE FUNCTION stats_count_follow_through() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    yes boolean := NEW.carried_out = 'yes';
    current stats_follow_through;
BEGIN
    INSERT INTO stats_follow_through (case_id, answered_at, follow_up_id, carried_out)
    VALUES (NEW.case_id, NEW.answered_at, NEW.id, yes)
    ON CONFLICT (case_id) DO NOTHING;
    IF FOUND THEN
        INSERT INTO stats_follow_through_totals AS t (cases, carried_out) VALUES (1, yes::integer)
        ON CONFLICT (single) DO UPDATE SET cases = t.cases + 1, carried_out = t.carried_out + excluded.carried_out;
        RETURN NULL;
    END IF;
    SELECT * INTO current FROM stats_follow_through WHERE case_id = NEW.case_id FOR UPDATE;
    IF NEW.answered_at > current.answered_at
       OR (NEW.answered_at = current.answered_at AND NEW.id < current.follow_up_id) THEN
        UPDATE stats_follow_through SET answered_at = NEW.answered_at, follow_up_id = NEW.id, carried_out = yes
         WHERE case_id = NEW.case_id;
        IF yes <> current.carried_out THEN
            UPDATE stats_follow_through_totals SET carried_out = carried_out + CASE WHEN yes THEN 1 ELSE -1 END;
        END IF;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER follow_ups_stats_answered AFTER UPDATE OF answered_at ON follow_ups
    FOR EACH ROW
    WHEN (OLD.answered_at IS NULL AND NEW.answered_at IS NOT NULL)
    EXECUTE FUNCTION stats_count_follow_through();

CREATE TRIGGER follow_ups_stats_inserted AFTER INSERT ON follow_ups
    FOR EACH ROW
    WHEN (NEW.answered_at IS NOT NULL)
    EXECUTE FUNCTION stats_count_follow_through();

-- Recomputes every aggregate from the base tables. Writers of the base tables
-- wait meanwhile, so the result is exact whatever runs concurrently.
CREATE FUNCTION rebuild_stats() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE cases, rulings, follow_ups, case_deadlines IN SHARE MODE;
    LOCK TABLE stats_case_counts, stats_employer_windows, stats_accepted_months, stats_rulings, stats_follow_through,
               stats_follow_through_totals IN EXCLUSIVE MODE;

    DELETE FROM stats_case_counts;
    INSERT INTO stats_case_counts (shard, status, case_type, cases)
    SELECT 0, status, coalesce(case_type, ''), count(*) FROM cases GROUP BY 2, 3;

    DELETE FROM stats_employer_windows;
    INSERT INTO stats_employer_windows (window_year, employer_kvk, cases_year_2, cases_year_1, cases_year_0, cases,
                                        latest_created_at, latest_id, latest_name)
    SELECT DISTINCT ON (w.window_year, c.employer_kvk) w.window_year, c.employer_kvk,
           count(*) FILTER (WHERE c.filed_year = w.window_year - 2) OVER per_window,
           count(*) FILTER (WHERE c.filed_year = w.window_year - 1) OVER per_window,
           count(*) FILTER (WHERE c.filed_year = w.window_year) OVER per_window,
           count(*) OVER per_window, c.created_at, c.id, c.employer_name
      FROM cases c
     CROSS JOIN LATERAL (SELECT c.filed_year + k AS window_year FROM generate_series(0, 2) AS k) w
     WHERE c.triage_decision = 'accept'
    WINDOW per_window AS (PARTITION BY w.window_year, c.employer_kvk)
     ORDER BY w.window_year, c.employer_kvk, c.created_at DESC, c.id DESC;

    DELETE FROM stats_accepted_months;
    INSERT INTO stats_accepted_months (month, case_type, cases)
    SELECT date_trunc('month', filed_on)::date, case_type, count(*) FROM cases WHERE triage_decision = 'accept' GROUP BY 1, 2;

    DELETE FROM stats_rulings;
    INSERT INTO stats_rulings (days, within_due, case_type, outcome, rulings)
    SELECT r.decided_on - c.filed_on, d.due_by IS NULL OR r.decided_on <= d.due_by, coalesce(c.case_type, ''), r.outcome, count(*)
      FROM rulings r
      JOIN cases c ON c.id = r.case_id
      LEFT JOIN case_deadlines d ON d.case_id = r.case_id AND d.stage = 'ruling'
     GROUP BY 1, 2, 3, 4;

    DELETE FROM stats_follow_through;
    INSERT INTO stats_follow_through (case_id, answered_at, follow_up_id, carried_out)
    SELECT DISTINCT ON (case_id) case_id, answered_at, id, carried_out = 'yes'
      FROM follow_ups WHERE answered_at IS NOT NULL
     ORDER BY case_id, answered_at DESC, id;

    DELETE FROM stats_follow_through_totals;
    INSERT INTO stats_follow_through_totals (cases, carried_out)
    SELECT count(*), count(*) FILTER (WHERE carried_out) FROM stats_follow_through;
END;
$$;

SELECT rebuild_stats();
