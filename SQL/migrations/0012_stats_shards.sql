-- Accepted cases per month, spread over shards.
--
-- Every accept of a month and case type added to one row of
-- stats_accepted_months, at commit: each accepting transaction held that row
-- through its commit's WAL flush, so accepts queued one by one on it (4.5 ms
-- per triage in the routing benchmark). Like the case counts of 0009, the row
-- is now one per shard (the transaction's, see stats_shard()); readers already
-- add up the rows of a month and type. rebuild_stats() writes shard 0.

ALTER TABLE stats_accepted_months ADD COLUMN shard smallint NOT NULL DEFAULT 0;
ALTER TABLE stats_accepted_months DROP CONSTRAINT stats_accepted_months_pkey;
ALTER TABLE stats_accepted_months ADD PRIMARY KEY (month, case_type, shard);

CREATE OR REPLACE FUNCTION stats_count_accepted() RETURNS trigger
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
    INSERT INTO stats_accepted_months AS t (month, case_type, shard, cases)
    VALUES (date_trunc('month', NEW.filed_on)::date, NEW.case_type, stats_shard(), 1)
    ON CONFLICT (month, case_type, shard) DO UPDATE SET cases = t.cases + 1;
    RETURN NULL;
END;
$$;

