-- Set-based generation of realistic cases, run by generate-data.sh (usage there)
-- and by the query-plan test. Plain SQL (no psql meta-commands), in ONE transaction:
--
--   SET session_replication_role = replica;   -- superuser: no triggers, no FK checks
--   SET eenloket_gen.cases = 1000000;          -- how many cases to add
--   SET eenloket_gen.retention_days = 730;     -- optional, as EENLOKET_RETENTION_DAYS
--   <the statements of this file>
--
-- Everything the triggers would keep is written here instead: case_events.seq
-- and case_event_counters, cases.next_due_by/closed_at/purged_at, panel_members
-- open_cases/last_assignment, the case_reference_<year> sequences. Cases are
-- added to whatever is there (new staff per run; references continue the sequences).
--
-- Life of a case, over the 5 years before now(): filed (70% by the employee);
-- triaged after 2 h to 6 days (62% accepted, 18% referred, 20% answered; 2%
-- withdrawn before triage); accepted cases get their physicians at once and an
-- arbeidsdeskundige at once or up to 8 days later (meanwhile awaiting_panel);
-- ruled 8 to 53 days after the panel is complete (3% withdrawn while in review);
-- 6% of rulings appealed; after-care check-ins answered or missed; cases closed
-- longer than the retention period ago are purged as the service purges them.
-- Open cases' seats go round-robin over the generated panel members, so none
-- is over max_open_cases; arbeidsdeskundigen are full while cases wait for one.
-- Timers: both of every deadline (fired or pending) and the pending ones of
-- after-care; notifications (for unpurged cases): receipt, new-case notice,
-- invitation (letters of the last 3 days not printed yet) and ruling.
-- Simplifications: working days skip weekends but not public holidays;
-- rulings are not sealed (chain columns NULL, which the schema allows).

-- Sorts and hashes of a few million rows stay in memory.
SET LOCAL work_mem = '1GB';
SET LOCAL maintenance_work_mem = '512MB';
SET LOCAL synchronous_commit = off;
-- Planner estimates on fresh temp tables are far off; JIT compiling for them costs more than it saves.
SET LOCAL jit = off;

CREATE TEMP TABLE gen_settings ON COMMIT DROP AS
SELECT n, t_now, retention_days, tag,
       greatest(50, n / 8) AS n_employers,
       greatest(3, least(40, n / 25000)) AS n_intake,
       greatest(2, least(12, n / 100000)) AS n_coordinators
  FROM (SELECT current_setting('eenloket_gen.cases')::integer AS n,
               date_trunc('milliseconds', now()) AS t_now,
               coalesce(nullif(current_setting('eenloket_gen.retention_days', true), ''), '730')::integer AS retention_days,
               substr(md5(gen_random_uuid()::text), 1, 8) AS tag) s;

-- Working days after a date (weekends skipped): the k-th weekday after d.
CREATE FUNCTION pg_temp.gen_wd(d date, k integer) RETURNS date
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN extract(isodow FROM d)::integer > 5 THEN d - (extract(isodow FROM d)::integer - 5) ELSE d END
           + k + 2 * ((least(extract(isodow FROM d)::integer, 5) - 1 + k) / 5)
$$;

-- Start of the day after d in Amsterdam: when a deadline on d has passed.
CREATE FUNCTION pg_temp.gen_passing(d date) RETURNS timestamptz
LANGUAGE sql IMMUTABLE AS $$ SELECT ((d + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam') $$;

CREATE TEMP TABLE gen_words ON COMMIT DROP AS SELECT
    ARRAY['Sanne', 'Daan', 'Emma', 'Lucas', 'Julia', 'Sem', 'Anna', 'Finn', 'Lisa', 'Milan', 'Eva', 'Thijs', 'Sophie',
          'Bram', 'Fleur', 'Jesse', 'Noor', 'Ruben', 'Iris', 'Lars', 'Fatima', 'Mohamed', 'Yasmin', 'Ahmed', 'Lotte',
          'Tim', 'Sara', 'Joost', 'Ilse', 'Kevin', 'Marieke', 'Henk', 'Ingrid', 'Pieter', 'Annelies', 'Gerrit', 'Mustafa']
        AS first_names,
    ARRAY['de Vries', 'Jansen', 'de Jong', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos',
          'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'Smits', 'de Graaf',
          'van der Meer', 'Yilmaz', 'El Amrani', 'Kok', 'Jacobs', 'Vermeulen', 'van den Berg', 'Willems', 'Schouten',
          'Hoekstra', 'Koster', 'Prins', 'Postma', 'Kuipers', 'van Dam', 'Boukhari', 'Sahin', 'Huisman', 'Wouters']
        AS last_names,
    ARRAY['Bakkerij', 'Transportbedrijf', 'Zorggroep', 'Bouwbedrijf', 'Installatietechniek', 'Schoonmaakbedrijf',
          'Logistiek', 'Thuiszorg', 'Metaalbewerking', 'ICT-diensten', 'Kinderopvang', 'Hoveniersbedrijf', 'Drukkerij',
          'Supermarkt', 'Accountantskantoor', 'Autobedrijf', 'Uitzendbureau', 'Verpleeghuis', 'Horecagroep',
          'Beveiliging', 'Gemeente', 'Woningcorporatie', 'Scholengroep', 'Vleesverwerking', 'Tuinbouw'] AS sectors,
    ARRAY['B.V.', 'B.V.', 'B.V.', 'B.V.', 'N.V.', 'V.O.F.', 'Holding B.V.', '& Zonen B.V.', 'Groep B.V.'] AS forms,
    ARRAY['ArboNed', 'Arbo Unie', 'HumanCapitalCare', 'Zorg van de Zaak', 'Perspectief', '365 Arbodienst',
          'Arbodienst Noord', 'Bedrijfsartsenpraktijk Midden', 'Arbo Vitale', 'Bedrijfsartsengroep West'] AS arbo,
    -- Panel members' affiliations: none of them is an employer or arbodienst of a generated case.
    ARRAY['Academie Sociale Geneeskunde', 'Eigen praktijk', 'UMC Utrecht', 'Expertisecentrum Arbeid en Gezondheid',
          'Intervisiegroep Zuid', 'Verzekeringsgeneeskunde Oost', 'Register Arbeidsdeskundigen'] AS affiliations,
    ARRAY['De bedrijfsarts vindt dat ik 20 uur kan werken, maar dat lukt mij niet door mijn klachten.',
          'Mijn werkgever biedt mij ander werk aan, maar ik vind dat werk niet passend voor mij.',
          'Wij twijfelen of onze medewerker zich voldoende inspant om te re-integreren.',
          'De medewerker wil sneller opbouwen dan de bedrijfsarts adviseert. Wie heeft gelijk?',
          'Is terugkeer in mijn eigen functie nog realistisch, of moet ik werk buiten het bedrijf zoeken?',
          'De bedrijfsarts zegt dat ik volledig arbeidsongeschikt ben, maar ik wil graag aangepast werk doen.',
          'Wij hebben een plan van aanpak opgesteld, maar de werknemer houdt zich er niet aan.',
          'Na mijn burn-out wil mijn werkgever dat ik terugkom in hetzelfde team. Dat gaat niet.',
          'Moeten wij als werkgever een tweede spoor starten, nu de medewerker bijna een jaar ziek is?',
          'Ik ben het niet eens met de probleemanalyse van de bedrijfsarts over mijn belastbaarheid.'] AS questions,
    ARRAY['Sinds maart behandeld voor een burn-out.', 'Hernia, in behandeling bij de fysiotherapeut.',
          'Na een operatie aan mijn knie herstel ik langzamer dan verwacht.', 'Ik heb long covid en ben snel vermoeid.',
          'Depressieve klachten, onder behandeling van een psycholoog.', 'Schouderklachten na een val op het werk.',
          'Migraine die vaker voorkomt sinds de reorganisatie.', 'Hartrevalidatie na een hartinfarct.'] AS medical,
    ARRAY['De andere mogelijkheden zijn benut; het geschil gaat over de belastbaarheid.',
          'De bedrijfsarts heeft heroverweging geweigerd; het panel moet oordelen.',
          'Beide partijen staan lijnrecht tegenover elkaar over passend werk.',
          'Mediation is geprobeerd zonder resultaat; de vraag is medisch van aard.'] AS motivations_accept,
    ARRAY['Vraag eerst de eigen bedrijfsarts om heroverweging.', 'Dit is een arbeidsconflict zonder medische oorzaak: mediation.',
          'Een klacht over de bedrijfsarts hoort bij de klachtenprocedure.', 'Dit gaat over een UWV-besluit: bezwaar bij UWV.']
        AS motivations_refer,
    ARRAY['Uitgelegd hoe de opbouw in het plan van aanpak werkt.', 'De termijnen van de Wet verbetering poortwachter toegelicht.',
          'Uitgelegd wat een second opinion inhoudt en wie die betaalt.'] AS motivations_answer,
    ARRAY['Werknemer is belastbaar voor 12 uur per week in aangepast werk.',
          'Het aangeboden werk is passend; de werknemer hervat daarin binnen twee weken.',
          'De werkgever heeft onvoldoende gedaan; binnen een maand start een tweede spoor.',
          'De werknemer kan de eigen functie niet meer doen; terugkeer is niet realistisch.',
          'De opbouw volgt het advies van de bedrijfsarts, met een evaluatie na zes weken.'] AS decisions,
    ARRAY['Het panel heeft beide partijen gehoord en het dossier bestudeerd.',
          'Het panel heeft de bedrijfsarts gesproken en de werkplek laten beoordelen.',
          'Op grond van de stukken en het gesprek met beide partijen komt het panel tot dit oordeel.'] AS ruling_motivations,
    ARRAY['Het herstel verloopt langzamer dan verwacht.', 'De belastbaarheid is beperkt door vermoeidheid.',
          'Er zijn geen medische beperkingen voor het aangeboden werk.'] AS considerations,
    ARRAY['Rechtbank Amsterdam', 'Rechtbank Rotterdam', 'Rechtbank Midden-Nederland', 'Rechtbank Gelderland',
          'Rechtbank Oost-Brabant', 'Rechtbank Noord-Holland', 'Rechtbank Den Haag', 'Rechtbank Noord-Nederland',
          'Rechtbank Limburg', 'Rechtbank Overijssel', 'Rechtbank Zeeland-West-Brabant'] AS courts;

-- bcrypt (cost 4) of the hex SHA-256 of "gegenereerd-wachtwoord", as the service hashes
-- passwords: generated staff can log in with that password.
CREATE TEMP TABLE gen_staff ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, role, k,
       format('gen-%s-%s-%s@generated.eenloket.invalid', s.tag, replace(role, '_', '-'), k) AS email,
       w.first_names[1 + (k * 7) % cardinality(w.first_names)] || ' ' || w.last_names[1 + (k * 11) % cardinality(w.last_names)] AS name
  FROM gen_settings s, gen_words w,
       LATERAL (SELECT 'intake_officer' AS role, k FROM generate_series(1, s.n_intake) k
                UNION ALL SELECT 'coordinator', k FROM generate_series(1, s.n_coordinators) k
                UNION ALL SELECT 'inspector', 1) r;

CREATE TEMP TABLE gen_employers ON COMMIT DROP AS
SELECT e AS idx, lpad((20000000 + e)::text, 8, '0') AS kvk,
       w.sectors[1 + (e * 7) % cardinality(w.sectors)] || ' ' || w.last_names[1 + (e * 13 / 5) % cardinality(w.last_names)]
           || ' ' || w.forms[1 + (e * 3) % cardinality(w.forms)] AS name
  FROM gen_settings s, gen_words w, generate_series(1, s.n_employers) e;
ALTER TABLE gen_employers ADD PRIMARY KEY (idx);

-- The plan: every decision about each case, and the moments things happen.
-- (OFFSET 0 keeps each step a step: flattened, later steps would repeat the
-- expressions of the earlier ones many times over.)
CREATE TEMP TABLE gen_plan ON COMMIT DROP AS
SELECT r.i, r.id, a.filer_role, a.emp_idx, a.filed_at, (a.filed_at AT TIME ZONE 'Europe/Amsterdam')::date AS filed_on,
       a.decision, a.case_type, a.disciplines, a.pre_wd, a.post_wd, b.tri_at, b.ad_at, b.panel_at, b.ruled_at,
       b.wd_at, c.status, c.triaged, c.closed_at, c.updated_at, c.appeal_at,
       CASE WHEN c.closed_at IS NOT NULL
                 AND greatest(c.closed_at, c.appeal_at) + make_interval(days => s.retention_days) < s.t_now
            THEN date_trunc('milliseconds', least(s.t_now - interval '1 second',
                     greatest(c.closed_at, c.appeal_at) + make_interval(days => s.retention_days) + r.u_purge * interval '59 minutes'))
       END AS purged_at,
       r.u_mail1 < 0.92 AS filer_email, r.u_mail2 < 0.6 AS other_email, r.u_med < 0.6 AND a.filer_role = 'employee' AS has_medical,
       r.u_phys < 0.8 AS has_physician, r.u_resp, r.u_out, r.u_rmed, r.u_view
  FROM gen_settings s,
       -- Filing moments rise with i (one random moment per 1/n of the range), so
       -- references follow i without sorting.
       LATERAL (SELECT g AS i, gen_random_uuid() AS id, (g - 1 + random()) / s.n AS u_age, random() AS u_role, random() AS u_emp,
                       random() AS u_dec, random() AS u_type, random() AS u_disc, random() AS u_tri, random() AS u_pan,
                       random() AS u_rule, random() AS u_wd, random() AS u_wdt, random() AS u_app, random() AS u_appt,
                       random() AS u_purge, random() AS u_mail1, random() AS u_mail2, random() AS u_med, random() AS u_phys,
                       random() AS u_resp, random() AS u_out, random() AS u_rmed, random() AS u_view
                  FROM generate_series(1, s.n) g) r,
       LATERAL (SELECT date_trunc('milliseconds', s.t_now - interval '1 day' * 1826 * (1 - power(r.u_age, 0.8))) AS filed_at,
                       CASE WHEN r.u_role < 0.7 THEN 'employee' ELSE 'employer' END AS filer_role,
                       1 + floor(s.n_employers * power(r.u_emp, 3))::integer AS emp_idx,
                       CASE WHEN r.u_dec < 0.62 THEN 'accept' WHEN r.u_dec < 0.80 THEN 'refer' ELSE 'answer' END AS decision,
                       CASE WHEN r.u_dec >= 0.62 THEN NULL WHEN r.u_type < 0.30 THEN 'second_opinion'
                            WHEN r.u_type < 0.55 THEN 'work_capacity' WHEN r.u_type < 0.73 THEN 'suitable_work'
                            WHEN r.u_type < 0.88 THEN 'reintegration_effort' WHEN r.u_type < 0.96 THEN 'track_two'
                            ELSE 'other' END AS case_type,
                       CASE WHEN r.u_dec >= 0.62 THEN '{}'::text[]
                            WHEN r.u_disc < 0.30 THEN ARRAY['bedrijfsarts']
                            WHEN r.u_disc < 0.62 THEN ARRAY['bedrijfsarts', 'verzekeringsarts']
                            WHEN r.u_disc < 0.77 THEN ARRAY['bedrijfsarts', 'arbeidsdeskundige']
                            WHEN r.u_disc < 0.90 THEN ARRAY['verzekeringsarts', 'arbeidsdeskundige']
                            ELSE ARRAY['bedrijfsarts', 'verzekeringsarts', 'arbeidsdeskundige'] END AS disciplines,
                       r.u_wd < 0.02 AS pre_wd, r.u_wd >= 0.02 AND r.u_wd < 0.05 AS post_wd OFFSET 0) a,
       LATERAL (SELECT tri_at, ad_at, panel_at, ruled_at,
                       date_trunc('milliseconds', CASE WHEN a.pre_wd THEN a.filed_at + (tri_at - a.filed_at) * r.u_wdt
                                                       ELSE panel_at + (ruled_at - panel_at) * r.u_wdt END) AS wd_at
                  FROM (SELECT tri_at, ad_at, ad_at AS panel_at,
                               date_trunc('milliseconds', ad_at + interval '1 day' * (8 + 45 * power(r.u_rule, 1.5))) AS ruled_at
                          FROM (SELECT tri_at,
                                       CASE WHEN 'arbeidsdeskundige' = ANY (a.disciplines) AND r.u_pan >= 0.75
                                            THEN date_trunc('milliseconds', tri_at + interval '1 day' * (r.u_pan - 0.75) * 32)
                                            ELSE tri_at END AS ad_at
                                  FROM (SELECT date_trunc('milliseconds', a.filed_at + interval '1 hour' * (2 + 140 * r.u_tri * r.u_tri)) AS tri_at OFFSET 0) t0
                                OFFSET 0) t1
                        OFFSET 0) t2
                OFFSET 0) b,
       LATERAL (SELECT status, triaged,
                       CASE status WHEN 'withdrawn' THEN b.wd_at WHEN 'referred' THEN b.tri_at WHEN 'answered' THEN b.tri_at
                                   WHEN 'ruled' THEN b.ruled_at END AS closed_at,
                       CASE status WHEN 'submitted' THEN a.filed_at WHEN 'awaiting_panel' THEN b.tri_at
                                   WHEN 'in_review' THEN b.panel_at WHEN 'withdrawn' THEN b.wd_at WHEN 'ruled' THEN b.ruled_at
                                   ELSE b.tri_at END AS updated_at,
                       CASE WHEN status = 'ruled' AND r.u_app < 0.06
                                 AND b.ruled_at + interval '1 day' * (5 + 50 * r.u_appt) < s.t_now
                            THEN date_trunc('milliseconds', b.ruled_at + interval '1 day' * (5 + 50 * r.u_appt)) END AS appeal_at
                  FROM (SELECT CASE WHEN a.pre_wd AND b.wd_at <= s.t_now THEN 'withdrawn'
                                    WHEN a.pre_wd OR b.tri_at > s.t_now THEN 'submitted'
                                    WHEN a.decision = 'refer' THEN 'referred'
                                    WHEN a.decision = 'answer' THEN 'answered'
                                    WHEN b.panel_at > s.t_now THEN 'awaiting_panel'
                                    WHEN a.post_wd AND b.wd_at <= s.t_now THEN 'withdrawn'
                                    WHEN b.ruled_at <= s.t_now THEN 'ruled'
                                    ELSE 'in_review' END AS status,
                               NOT a.pre_wd AND b.tri_at <= s.t_now AS triaged OFFSET 0) st
                OFFSET 0) c;

-- References continue the service's per-year sequences (next_case_reference
-- creates a missing one); the block of numbers is reserved at once.
CREATE TEMP TABLE gen_years ON COMMIT DROP AS
SELECT y, k, first_i, substr(next_case_reference(y), 9)::integer AS base
  FROM (SELECT extract(year FROM filed_on)::integer AS y, count(*)::integer AS k, min(i) AS first_i FROM gen_plan GROUP BY 1) c;
SELECT setval(format('case_reference_%s', y)::regclass, base + k - 1) FROM gen_years;

CREATE TEMP TABLE gen_cases ON COMMIT DROP AS
SELECT p.*, format('EL-%s-%s', y.y, lpad((y.base + p.i - y.first_i)::text, 6, '0'))
           AS reference,
       o.id AS officer, e.name AS employer_name, e.kvk AS employer_kvk,
       CASE WHEN p.purged_at IS NOT NULL THEN 'Verwijderd'
            ELSE w.first_names[1 + (p.i * 7) % cardinality(w.first_names)] || ' '
                 || w.last_names[1 + (p.i * 13 / 11) % cardinality(w.last_names)] END AS employee_name,
       CASE WHEN (p.filer_role = 'employer' AND p.filer_email) OR (p.filer_role = 'employee' AND p.other_email)
            THEN format('personeelszaken@werkgever-%s.example.nl', p.emp_idx) END AS employer_email,
       CASE WHEN (p.filer_role = 'employee' AND p.filer_email) OR (p.filer_role = 'employer' AND p.other_email)
            THEN format('werknemer-%s-%s@example.nl', s.tag, p.i) END AS employee_email
  FROM gen_plan p
  JOIN gen_years y ON y.y = extract(year FROM p.filed_on)::integer
  CROSS JOIN gen_settings s
  CROSS JOIN gen_words w
  JOIN gen_staff o ON o.role = 'intake_officer' AND o.k = 1 + p.i % s.n_intake
  JOIN gen_employers e ON e.idx = p.emp_idx
 -- In case order from here on: every index on case_id is then filled left to right.
 ORDER BY p.id;
ANALYZE gen_cases;

-- Panel seats and the members who hold them.
CREATE TEMP TABLE gen_seats0 ON COMMIT DROP AS
SELECT c.id AS case_id, d.discipline, d.ord,
       d.discipline = CASE WHEN 'bedrijfsarts' = ANY (c.disciplines) THEN 'bedrijfsarts' ELSE 'verzekeringsarts' END AS is_chair,
       CASE WHEN d.discipline = 'arbeidsdeskundige' THEN c.ad_at ELSE c.tri_at END AS assigned_at,
       c.status IN ('awaiting_panel', 'in_review') AS open
  FROM gen_cases c, gen_settings s, unnest(c.disciplines) WITH ORDINALITY AS d(discipline, ord)
 WHERE c.triaged AND c.decision = 'accept'
   AND (d.discipline <> 'arbeidsdeskundige' OR c.ad_at <= s.t_now);

-- Enough members that each holds at most 38 open seats, and a few hundred at national scale.
CREATE TEMP TABLE gen_member_counts ON COMMIT DROP AS
SELECT d.discipline,
       greatest(CASE WHEN d.discipline = 'arbeidsdeskundige' THEN greatest(2, s.n / 12000) ELSE greatest(3, s.n / 4000) END,
                (SELECT ceil(count(*) / 38.0)::integer FROM gen_seats0 x WHERE x.discipline = d.discipline AND x.open)) AS m,
       EXISTS (SELECT 1 FROM gen_cases c WHERE c.status = 'awaiting_panel') AS someone_waits
  FROM gen_settings s, unnest(ARRAY['bedrijfsarts', 'verzekeringsarts', 'arbeidsdeskundige']) AS d(discipline);

CREATE TEMP TABLE gen_members ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, mc.discipline, k,
       format('gen-%s-%s-%s@generated.eenloket.invalid', s.tag, mc.discipline, k) AS email,
       CASE WHEN mc.discipline = 'arbeidsdeskundige' THEN 'Drs. ' ELSE 'Dr. ' END
           || w.first_names[1 + (k * 5) % cardinality(w.first_names)] || ' '
           || w.last_names[1 + (k * 17 / 3) % cardinality(w.last_names)] AS name,
       CASE WHEN mc.discipline <> 'arbeidsdeskundige' THEN lpad((49000000000 + floor(random() * 999999999))::bigint::text, 11, '0') END
           AS big_number,
       CASE WHEN mc.discipline <> 'arbeidsdeskundige' THEN date '1995-01-01' + floor(random() * 8000)::integer END AS registered_since,
       CASE WHEN random() < 0.3 THEN ARRAY[w.affiliations[1 + floor(random() * cardinality(w.affiliations))::integer]]
            ELSE '{}'::text[] END AS affiliations,
       mc.m, mc.someone_waits
  FROM gen_member_counts mc, gen_settings s, gen_words w, generate_series(1, mc.m) k;
ALTER TABLE gen_members ADD PRIMARY KEY (discipline, k);

-- Open seats go round-robin over the members of their discipline; ids follow
-- assigned_at (the routing ordinal), reserved from the sequence in one block.
CREATE TEMP TABLE gen_seat_ids ON COMMIT DROP AS
SELECT setval('panel_assignments_id_seq', nextval('panel_assignments_id_seq') + (SELECT count(*) FROM gen_seats0) - 1) AS last;

CREATE TEMP TABLE gen_seats ON COMMIT DROP AS
SELECT x.*, m.id AS staff_id,
       b.last - count(*) OVER () + row_number() OVER (ORDER BY x.assigned_at, x.case_id, x.ord) AS id
  FROM (SELECT x.*, 1 + (row_number() OVER (PARTITION BY x.discipline ORDER BY x.case_id) - 1) % mc.m AS k
          FROM gen_seats0 x JOIN gen_member_counts mc USING (discipline) WHERE x.open
        UNION ALL
        SELECT x.*, 1 + floor(random() * mc.m)::integer
          FROM gen_seats0 x JOIN gen_member_counts mc USING (discipline) WHERE NOT x.open) x
  JOIN gen_members m ON m.discipline = x.discipline AND m.k = x.k
  CROSS JOIN gen_seat_ids b
 ORDER BY x.case_id, x.ord;
ANALYZE gen_seats;

INSERT INTO staff (id, email, name, role, password_hash, active, created_at, updated_at)
SELECT id, email, name, role, '$2b$04$GEKxsniULIZyqPyxTyc2Ouyqq2X0zOK9H2xEeaCx9wb89r.k3XepC', true,
       s.t_now - interval '5 years', s.t_now - interval '5 years'
  FROM gen_staff, gen_settings s
UNION ALL
SELECT id, email, name, 'panel_member', '$2b$04$GEKxsniULIZyqPyxTyc2Ouyqq2X0zOK9H2xEeaCx9wb89r.k3XepC', true,
       s.t_now - interval '5 years', s.t_now - interval '5 years'
  FROM gen_members, gen_settings s;

INSERT INTO panel_assignments (id, case_id, staff_id, discipline, is_chair, assigned_at)
SELECT id, case_id, staff_id, discipline, is_chair, assigned_at FROM gen_seats;

-- Loads as the seat triggers keep them; arbeidsdeskundigen are full while a case waits for one.
INSERT INTO panel_members (staff_id, discipline, big_number, registered_since, affiliations, max_open_cases, open_cases, last_assignment)
SELECT m.id, m.discipline, m.big_number, m.registered_since, m.affiliations,
       CASE WHEN m.discipline = 'arbeidsdeskundige' AND m.someone_waits THEN greatest(1, coalesce(l.open, 0))
            ELSE least(50, greatest(coalesce(l.open, 0) + 1 + floor(random() * 12)::integer, 20)) END,
       coalesce(l.open, 0), l.last
  FROM gen_members m
  LEFT JOIN (SELECT staff_id, (count(*) FILTER (WHERE open))::integer AS open, max(id) AS last FROM gen_seats GROUP BY staff_id) l
    ON l.staff_id = m.id;

-- Deadlines of every stage reached, with when each was met.
CREATE TEMP TABLE gen_deadlines ON COMMIT DROP AS
SELECT d.*, pg_temp.gen_passing(d.preferred_by) AS preferred_passes, pg_temp.gen_passing(d.due_by) AS due_passes
  FROM (SELECT c.id AS case_id, r.stage, r.started_at, pg_temp.gen_wd(r.day, dr.preferred_days) AS preferred_by,
               pg_temp.gen_wd(r.day, dr.due_days) AS due_by, r.met_at, c.closed_at, c.status
          FROM gen_cases c, gen_settings s,
               LATERAL (SELECT 'triage' AS stage, c.filed_at AS started_at, c.filed_on AS day,
                               CASE WHEN c.triaged THEN c.tri_at END AS met_at
                        UNION ALL
                        SELECT 'panel', c.tri_at, (c.tri_at AT TIME ZONE 'Europe/Amsterdam')::date,
                               CASE WHEN c.panel_at <= s.t_now THEN c.panel_at END
                         WHERE c.triaged AND c.decision = 'accept'
                        UNION ALL
                        SELECT 'ruling', c.panel_at, (c.panel_at AT TIME ZONE 'Europe/Amsterdam')::date,
                               CASE WHEN c.status = 'ruled' THEN c.ruled_at END
                         WHERE c.triaged AND c.decision = 'accept' AND c.panel_at <= s.t_now) r
          JOIN deadline_rules dr ON dr.stage = r.stage) d;

ANALYZE gen_deadlines;

INSERT INTO case_deadlines (case_id, stage, started_at, preferred_by, due_by, met_at)
SELECT case_id, stage, started_at, preferred_by, due_by, met_at FROM gen_deadlines;

-- Both timers of every deadline: fired a few seconds after their moment (moot when
-- the stage was met or the case closed by then), or still pending.
CREATE TEMP TABLE gen_deadline_timers ON COMMIT DROP AS
SELECT t.*, d.started_at,
       CASE WHEN t.fired_at IS NULL THEN NULL
            WHEN (d.met_at IS NOT NULL AND d.met_at <= t.fired_at) OR (d.closed_at IS NOT NULL AND d.closed_at <= t.fired_at) THEN 'moot'
            WHEN t.kind = 'preferred_passed' THEN 'reminded' ELSE 'escalated' END AS outcome,
       d.stage, d.preferred_by, d.due_by, d.met_at, d.closed_at
  FROM gen_deadlines d, gen_settings s,
       LATERAL (SELECT d.case_id, k.kind, k.due_at,
                       CASE WHEN k.due_at <= s.t_now
                            THEN date_trunc('milliseconds', least(s.t_now, k.due_at + random() * interval '20 seconds')) END AS fired_at
                  FROM (VALUES ('preferred_passed', d.preferred_passes), ('due_passed', d.due_passes)) AS k(kind, due_at)) t;

ANALYZE gen_deadline_timers;

-- next_attempt_at and attempts as the service sets them (no trigger runs here).
INSERT INTO timers (kind, case_id, stage, due_at, created_at, fired_at, outcome, next_attempt_at, attempts)
SELECT kind, case_id, stage, due_at, started_at, fired_at, outcome, due_at, CASE WHEN fired_at IS NULL THEN 0 ELSE 1 END
  FROM gen_deadline_timers;

-- Escalations of missed deadlines; handled once the stage was met or the case closed.
CREATE TEMP TABLE gen_escalations ON COMMIT DROP AS
SELECT t.case_id, CASE WHEN t.stage = 'panel' THEN 'awaiting_panel' ELSE 'deadline_missed' END AS kind,
       format('de uiterste termijn voor de %s (%s) is verstreken',
              CASE t.stage WHEN 'triage' THEN 'beoordeling' WHEN 'panel' THEN 'samenstelling panel' ELSE 'uitspraak' END, t.due_by) AS detail,
       t.fired_at AS created_at,
       CASE WHEN coalesce(t.met_at, t.closed_at) + interval '2 hours' <= s.t_now
            THEN date_trunc('milliseconds', coalesce(t.met_at, t.closed_at) + interval '2 hours') END AS resolved_at
  FROM gen_deadline_timers t, gen_settings s
 WHERE t.outcome = 'escalated';

-- After-care check-ins for ruled cases, for both parties.
CREATE TEMP TABLE gen_follow_up_rules ON COMMIT DROP AS
SELECT substr(stage, 11)::integer AS sequence, preferred_days, due_days FROM deadline_rules WHERE stage LIKE 'follow\_up\_%';

CREATE TEMP TABLE gen_follow_ups ON COMMIT DROP AS
SELECT f.*,
       CASE WHEN f.answered_at IS NULL AND f.answer_by <= s.t_now
            THEN date_trunc('milliseconds', least(s.t_now, f.answer_by + random() * interval '20 seconds')) END AS missed_at
  FROM (SELECT gen_random_uuid() AS id, c.id AS case_id, p.party, r.sequence, r.due_at, r.answer_by, c.purged_at,
               CASE WHEN u.a < 0.6 AND r.due_at + (r.answer_by - r.due_at) * u.t <= s.t_now
                    THEN date_trunc('milliseconds', r.due_at + (r.answer_by - r.due_at) * u.t) END AS answered_at,
               CASE WHEN u.c < 0.70 THEN 'yes' WHEN u.c < 0.90 THEN 'partly' ELSE 'no' END AS carried_out,
               CASE WHEN u.w < 0.55 THEN 'working_as_agreed' WHEN u.w < 0.75 THEN 'working_less'
                    WHEN u.w < 0.90 THEN 'not_working' ELSE 'not_applicable' END AS return_to_work,
               u.h < 0.1 AS needs_help, u.m < 0.15 AS has_remarks
          FROM gen_cases c, gen_settings s,
               LATERAL (VALUES (c.filer_role), (CASE WHEN c.filer_role = 'employee' THEN 'employer' ELSE 'employee' END)) AS p(party),
               LATERAL (SELECT (c.ruled_at AT TIME ZONE 'Europe/Amsterdam')::date AS ruled_on) o,
               LATERAL (SELECT dr.sequence, ((o.ruled_on + dr.preferred_days) + time '09:00') AT TIME ZONE 'Europe/Amsterdam' AS due_at,
                               ((o.ruled_on + dr.due_days) + time '09:00') AT TIME ZONE 'Europe/Amsterdam' AS answer_by
                          FROM gen_follow_up_rules dr) r,
               -- Correlated (it names p and r), so drawn anew for every row.
               LATERAL (SELECT random() AS a, random() AS t, random() AS c, random() AS w, random() AS h, random() AS m
                         WHERE p.party IS NOT NULL AND r.sequence IS NOT NULL) u
         WHERE c.status = 'ruled') f, gen_settings s;

ANALYZE gen_follow_ups;

INSERT INTO follow_ups (id, case_id, party, sequence, due_at, answer_by, answered_at, carried_out, return_to_work, needs_help,
                        remarks, missed_at)
SELECT id, case_id, party, sequence, due_at, answer_by, answered_at,
       CASE WHEN answered_at IS NOT NULL THEN carried_out END, CASE WHEN answered_at IS NOT NULL THEN return_to_work END,
       CASE WHEN answered_at IS NOT NULL THEN needs_help END,
       CASE WHEN answered_at IS NOT NULL AND has_remarks AND purged_at IS NULL THEN 'Het gaat redelijk, de opbouw loopt volgens plan.' END,
       missed_at
  FROM gen_follow_ups;

INSERT INTO gen_escalations (case_id, kind, detail, created_at, resolved_at)
SELECT f.case_id, 'ruling_not_carried_out',
       format('de %s meldt dat het oordeel niet wordt uitgevoerd', CASE WHEN f.party = 'employee' THEN 'werknemer' ELSE 'werkgever' END),
       f.answered_at,
       CASE WHEN f.answered_at + interval '3 days' <= s.t_now THEN f.answered_at + interval '3 days' END
  FROM gen_follow_ups f, gen_settings s
 WHERE f.answered_at IS NOT NULL AND f.carried_out = 'no';

INSERT INTO escalations (case_id, kind, detail, created_at, resolved_at, resolved_by)
SELECT e.case_id, e.kind, e.detail, e.created_at, e.resolved_at,
       CASE WHEN e.resolved_at IS NOT NULL
            THEN (SELECT id FROM gen_staff st WHERE st.role = 'coordinator' AND st.k = 1 + abs(hashtext(e.case_id::text)) % s.n_coordinators) END
  FROM gen_escalations e, gen_settings s
 ORDER BY e.created_at;

-- Pending after-care timers (fired ones of the past are left out: they only add volume).
INSERT INTO timers (kind, case_id, subject_id, due_at, created_at, next_attempt_at)
SELECT k.kind, f.case_id, f.id, k.due_at, f.due_at - interval '14 days', k.due_at
  FROM gen_follow_ups f, gen_settings s,
       LATERAL (VALUES ('follow_up_due', f.due_at), ('follow_up_missed', f.answer_by)) AS k(kind, due_at)
 WHERE k.due_at > s.t_now;

-- The history. seq numbers each case's events in time order, as the trigger would.
CREATE TEMP TABLE gen_event_counts (case_id uuid PRIMARY KEY, events integer NOT NULL) ON COMMIT DROP;

WITH events AS (
    SELECT c.id AS case_id, c.filed_at AS at, 1 AS ord, 'case_filed' AS type, c.filer_role AS actor_role, NULL::uuid AS actor_staff_id,
           '{"status": "submitted"}'::jsonb AS data
      FROM gen_cases c
    UNION ALL
    SELECT c.id, c.tri_at - interval '7 minutes', 2, 'medical_data_viewed', 'intake_officer', c.officer,
           '{"fields": ["medical_information"], "role": "intake_officer"}'
      FROM gen_cases c WHERE c.triaged AND c.has_medical AND c.u_view < 0.8
    UNION ALL
    SELECT c.id, c.tri_at, 3, 'case_triaged', 'intake_officer', c.officer,
           jsonb_strip_nulls(jsonb_build_object(
               'decision', c.decision,
               'status', CASE c.decision WHEN 'accept' THEN 'awaiting_panel' WHEN 'refer' THEN 'referred' ELSE 'answered' END,
               'case_type', c.case_type,
               'disciplines', CASE WHEN c.decision = 'accept' THEN to_jsonb(c.disciplines) END))
      FROM gen_cases c WHERE c.triaged
    UNION ALL
    SELECT c.id, c.tri_at, 4, 'party_invited', 'system', NULL,
           jsonb_build_object('party', CASE WHEN c.filer_role = 'employee' THEN 'employer' ELSE 'employee' END,
                              'channel', CASE WHEN c.other_email THEN 'email' ELSE 'letter' END,
                              'hearing_ends_at', to_char((c.tri_at + interval '7 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
      FROM gen_cases c WHERE c.triaged AND c.decision = 'accept'
    UNION ALL
    SELECT x.case_id, x.assigned_at, 4 + x.ord::integer, 'member_assigned', 'system', NULL,
           jsonb_build_object('staff_id', x.staff_id, 'discipline', x.discipline, 'chair', x.is_chair)
      FROM gen_seats x
    UNION ALL
    SELECT c.id, c.panel_at, 9, 'panel_completed', 'system', NULL, '{"status": "in_review"}'
      FROM gen_cases c, gen_settings s WHERE c.triaged AND c.decision = 'accept' AND c.panel_at <= s.t_now
    UNION ALL
    SELECT t.case_id, t.fired_at, 10, CASE WHEN t.outcome = 'reminded' THEN 'reminder_sent' ELSE 'deadline_missed' END, 'system', NULL,
           CASE WHEN t.outcome = 'reminded' THEN jsonb_build_object('stage', t.stage, 'preferred_by', t.preferred_by::text)
                ELSE jsonb_build_object('stage', t.stage, 'due_by', t.due_by::text) END
      FROM gen_deadline_timers t WHERE t.outcome IN ('reminded', 'escalated')
    UNION ALL
    SELECT e.case_id, e.created_at, CASE WHEN e.kind = 'ruling_not_carried_out' THEN 17 ELSE 11 END, 'escalated', 'system', NULL, jsonb_build_object('kind', e.kind)
      FROM gen_escalations e
    UNION ALL
    SELECT c.id, c.wd_at, 12, 'case_withdrawn', c.filer_role, NULL,
           jsonb_build_object('from', CASE WHEN c.pre_wd THEN 'submitted' ELSE 'in_review' END, 'status', 'withdrawn')
      FROM gen_cases c WHERE c.status = 'withdrawn'
    UNION ALL
    SELECT c.id, c.ruled_at - interval '3 hours', 13, 'medical_data_viewed', 'panel_member', x.staff_id,
           '{"fields": ["medical_information"], "role": "panel_member"}'
      FROM gen_cases c JOIN gen_seats x ON x.case_id = c.id AND x.is_chair
     WHERE c.status = 'ruled' AND c.has_medical
    UNION ALL
    SELECT c.id, c.ruled_at, 14, 'ruling_recorded', 'panel_member', x.staff_id,
           jsonb_build_object('outcome', CASE WHEN c.u_out < 0.45 THEN 'upheld' WHEN c.u_out < 0.70 THEN 'partly_upheld' ELSE 'overturned' END,
                              'digest', encode(sha256(c.id::text::bytea), 'hex'), 'status', 'ruled')
      FROM gen_cases c JOIN gen_seats x ON x.case_id = c.id AND x.is_chair
     WHERE c.status = 'ruled'
    UNION ALL
    SELECT c.id, c.appeal_at, 15, 'appeal_lodged', c.filer_role, NULL,
           jsonb_build_object('court', w.courts[1 + abs(hashtext(c.id::text)) % cardinality(w.courts)],
                              'lodged_on', ((c.appeal_at AT TIME ZONE 'Europe/Amsterdam')::date - 2)::text)
      FROM gen_cases c, gen_words w WHERE c.appeal_at IS NOT NULL
    UNION ALL
    SELECT f.case_id, f.answered_at, 16, 'follow_up_answered', f.party, NULL,
           jsonb_build_object('sequence', f.sequence, 'carried_out', f.carried_out, 'needs_help', f.needs_help)
      FROM gen_follow_ups f WHERE f.answered_at IS NOT NULL
    UNION ALL
    SELECT f.case_id, f.missed_at, 16, 'follow_up_missed', 'system', NULL, jsonb_build_object('party', f.party, 'sequence', f.sequence)
      FROM gen_follow_ups f WHERE f.missed_at IS NOT NULL
    UNION ALL
    SELECT c.id, c.purged_at, 18, 'personal_data_purged', 'system', NULL,
           '{"removed": ["medical_information", "medical_considerations", "statements", "names_and_addresses", "question", "physician", "messages", "follow_up_remarks"]}'
      FROM gen_cases c WHERE c.purged_at IS NOT NULL
), numbered AS (
    INSERT INTO case_events (case_id, seq, at, type, actor_role, actor_staff_id, data)
    SELECT case_id, row_number() OVER (PARTITION BY case_id ORDER BY at, ord), at, type, actor_role, actor_staff_id, data
      FROM events
    RETURNING case_id, seq
)
INSERT INTO gen_event_counts SELECT case_id, max(seq) FROM numbered GROUP BY case_id;

INSERT INTO cases (id, reference, status, filer_role, employee_name, employer_name, employer_kvk, sick_since, question,
                   physician_name, physician_organisation, case_type, triage_decision, triage_motivation, requested_disciplines,
                   triaged_at, triaged_by, created_at, updated_at, filed_on, next_due_by, employer_email,
                   employee_email, closed_at, purged_at)
SELECT c.id, c.reference, c.status, c.filer_role, c.employee_name, c.employer_name, c.employer_kvk, c.filed_on - (7 + (c.i * 31) % 600),
       CASE WHEN c.purged_at IS NOT NULL THEN 'Verwijderd na afloop van de bewaartermijn.'
            ELSE w.questions[1 + (c.i * 3) % cardinality(w.questions)] END,
       CASE WHEN c.has_physician AND c.purged_at IS NULL
            THEN chr(65 + (c.i * 5) % 26) || '. ' || w.last_names[1 + (c.i * 19 / 7) % cardinality(w.last_names)] END,
       CASE WHEN c.has_physician AND c.purged_at IS NULL THEN w.arbo[1 + (c.i * 11) % cardinality(w.arbo)] END,
       CASE WHEN c.triaged THEN c.case_type END,
       CASE WHEN c.triaged THEN c.decision END,
       CASE WHEN NOT c.triaged THEN NULL
            WHEN c.purged_at IS NOT NULL THEN 'Verwijderd na afloop van de bewaartermijn.'
            WHEN c.decision = 'accept' THEN w.motivations_accept[1 + c.i % cardinality(w.motivations_accept)]
            WHEN c.decision = 'refer' THEN w.motivations_refer[1 + c.i % cardinality(w.motivations_refer)]
            ELSE w.motivations_answer[1 + c.i % cardinality(w.motivations_answer)] END,
       CASE WHEN c.triaged THEN c.disciplines ELSE '{}' END,
       CASE WHEN c.triaged THEN c.tri_at END,
       CASE WHEN c.triaged THEN c.officer END,
       c.filed_at, c.updated_at, c.filed_on,
       CASE WHEN c.closed_at IS NULL THEN nd.due_by END,
       c.employer_email, c.employee_email, c.closed_at, c.purged_at
  FROM gen_cases c
  LEFT JOIN (SELECT case_id, min(due_by) AS due_by FROM gen_deadlines WHERE met_at IS NULL GROUP BY case_id) nd ON nd.case_id = c.id
  CROSS JOIN gen_words w;

INSERT INTO case_event_counters (case_id, event_count) SELECT case_id, events FROM gen_event_counts;

-- The filer, and for accepted cases the invited other party (names and addresses as the case has them).
CREATE TEMP TABLE gen_parties ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, c.id AS case_id, p.role, p.is_filer,
       CASE WHEN c.purged_at IS NULL THEN
           CASE WHEN p.role = 'employee' THEN c.employee_name WHEN p.is_filer THEN 'Afdeling personeelszaken' ELSE c.employer_name END END
           AS name,
       CASE WHEN c.purged_at IS NULL THEN CASE WHEN p.role = 'employee' THEN c.employee_email ELSE c.employer_email END END AS email,
       CASE WHEN p.is_filer THEN c.filed_at ELSE c.tri_at END AS created_at,
       CASE WHEN NOT p.is_filer THEN c.tri_at END AS invited_at,
       CASE WHEN NOT p.is_filer THEN date_trunc('milliseconds', c.tri_at + interval '7 days') END AS hearing_ends_at,
       CASE WHEN NOT p.is_filer AND c.u_resp < 0.6 AND c.tri_at + interval '4 days' * c.u_resp <= s.t_now
            THEN date_trunc('milliseconds', c.tri_at + interval '4 days' * c.u_resp) END AS responded_at,
       c.purged_at, c.reference, c.filed_at, c.tri_at, c.ruled_at, c.status
  FROM gen_cases c
  CROSS JOIN gen_settings s
  CROSS JOIN LATERAL (SELECT c.filer_role AS role, true AS is_filer
                      UNION ALL
                      SELECT CASE WHEN c.filer_role = 'employee' THEN 'employer' ELSE 'employee' END, false
                       WHERE c.triaged AND c.decision = 'accept') p;

ANALYZE gen_parties;

INSERT INTO case_parties (id, case_id, role, is_filer, name, email, token_hash, created_at, invited_at, hearing_ends_at, responded_at)
SELECT id, case_id, role, is_filer, name, email, sha256(gen_random_uuid()::text::bytea), created_at, invited_at, hearing_ends_at,
       responded_at
  FROM gen_parties;

INSERT INTO case_medical (case_id, medical_information)
SELECT c.id, w.medical[1 + (c.i * 7) % cardinality(w.medical)]
  FROM gen_cases c, gen_words w WHERE c.has_medical AND c.purged_at IS NULL;

INSERT INTO rulings (case_id, outcome, decision, motivation, decided_at, decided_on, decided_by, panel, digest)
SELECT c.id, CASE WHEN c.u_out < 0.45 THEN 'upheld' WHEN c.u_out < 0.70 THEN 'partly_upheld' ELSE 'overturned' END,
       w.decisions[1 + (c.i * 3) % cardinality(w.decisions)], w.ruling_motivations[1 + c.i % cardinality(w.ruling_motivations)],
       c.ruled_at, (c.ruled_at AT TIME ZONE 'Europe/Amsterdam')::date, x.chair, x.panel, encode(sha256(c.id::text::bytea), 'hex')
  FROM gen_cases c
  JOIN (SELECT case_id, (array_agg(staff_id) FILTER (WHERE is_chair))[1] AS chair,
               array_agg(staff_id ORDER BY assigned_at, ord) AS panel
          FROM gen_seats GROUP BY case_id) x ON x.case_id = c.id
  CROSS JOIN gen_words w
 WHERE c.status = 'ruled';

INSERT INTO ruling_medical (case_id, medical_considerations)
SELECT c.id, w.considerations[1 + c.i % cardinality(w.considerations)]
  FROM gen_cases c, gen_words w WHERE c.status = 'ruled' AND c.purged_at IS NULL AND c.u_rmed < 0.5;

INSERT INTO appeals (case_id, court, lodged_on, recorded_at, recorded_by)
SELECT c.id, w.courts[1 + abs(hashtext(c.id::text)) % cardinality(w.courts)], (c.appeal_at AT TIME ZONE 'Europe/Amsterdam')::date - 2,
       c.appeal_at, c.filer_role
  FROM gen_cases c, gen_words w WHERE c.appeal_at IS NOT NULL;

-- The outbox of cases still holding personal data (a purge deletes a case's messages):
-- all delivered, but letters of the last three days wait to be printed.
INSERT INTO notifications (case_id, kind, channel, recipient_email, recipient_staff_id, recipient_party, recipient_name, subject, body,
                           created_at, next_attempt_at, attempts, sent_at)
SELECT m.case_id, m.kind, m.channel, m.email, m.staff_id, m.party, m.name, m.subject, m.body, m.at, m.at,
       CASE WHEN m.channel = 'letter' AND m.at > s.t_now - interval '3 days' THEN 0 ELSE 1 END,
       CASE WHEN m.channel = 'letter' AND m.at > s.t_now - interval '3 days' THEN NULL
            ELSE date_trunc('milliseconds', least(s.t_now, m.at + interval '1 second' + random() * interval '1 minute')) END
  FROM gen_settings s,
       LATERAL (
           SELECT p.case_id, 'case_received' AS kind, 'email' AS channel, p.email, NULL::uuid AS staff_id, p.role AS party,
                  p.name, format('Wij hebben uw vraag ontvangen (%s)', p.reference) AS subject,
                  format(E'Beste heer of mevrouw,\n\nWij hebben uw vraag ontvangen. Uw zaaknummer is %s.\n'
                         'Een medewerker bekijkt uw vraag binnen enkele werkdagen. U hoort dan wat er gebeurt.\n', p.reference) AS body,
                  p.filed_at AS at
             FROM gen_parties p
            WHERE p.is_filer AND p.purged_at IS NULL AND p.email IS NOT NULL
           UNION ALL
           SELECT c.id, 'new_case', 'email', st.email, st.id, NULL, st.name, format('Nieuwe zaak om te beoordelen (%s)', c.reference),
                  format(E'Er is een nieuwe zaak ingediend: %s.\n', c.reference), c.filed_at
             FROM gen_cases c JOIN gen_staff st ON st.id = c.officer
            WHERE c.purged_at IS NULL
           UNION ALL
           SELECT p.case_id, 'invitation', CASE WHEN p.email IS NULL THEN 'letter' ELSE 'email' END, p.email, NULL, p.role, p.name,
                  format('Uitnodiging: geef uw reactie (%s)', p.reference),
                  format(E'Beste heer of mevrouw,\n\nEr is bij Eenloket een vraag of geschil ingediend waarbij u betrokken bent.\n'
                         'Zaaknummer: %s.\n\nOpen uw zaak met deze persoonlijke link:\n{{PRIVE_LINK}}\n', p.reference),
                  p.tri_at
             FROM gen_parties p
            WHERE NOT p.is_filer AND p.purged_at IS NULL
           UNION ALL
           SELECT p.case_id, 'ruling_recorded', 'email', p.email, NULL, p.role, p.name,
                  format('Het panel heeft een bindend oordeel gegeven (%s)', p.reference),
                  format(E'Beste heer of mevrouw,\n\nHet panel heeft een bindend oordeel gegeven in uw zaak %s.\n', p.reference),
                  p.ruled_at
             FROM gen_parties p
            WHERE p.purged_at IS NULL AND p.status = 'ruled' AND p.email IS NOT NULL
       ) m;

-- Derived aggregates (statistics tables of later migrations) are rebuilt when present.
DO $$
BEGIN
    IF to_regproc('rebuild_stats') IS NOT NULL THEN
        PERFORM rebuild_stats();
    END IF;
END;
$$;

-- What this transaction added, per table (generate-data.sh prints rows per second from it).
SELECT relname::text AS table_name, n_tup_ins AS added
  FROM pg_stat_xact_user_tables
 WHERE schemaname NOT LIKE 'pg_temp%' AND relname NOT LIKE 'stats\_%' AND n_tup_ins > 0
 ORDER BY n_tup_ins DESC;
