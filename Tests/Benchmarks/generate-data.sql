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
-- open_cases/last_assignment, the case_reference_<year> sequences, rulings.binding,
-- case_parties' turns of the hearing (responded_at, reply_window_ends_at,
-- replied_at), what the purge triggers leave of a purged case. Cases are
-- added to whatever is there (new staff per run; references continue the sequences).
--
-- Life of a case, over the 5 years before now(): filed (70% by the employee);
-- triaged after 2 h to 6 days (62% accepted, 18% referred, 20% answered; 2%
-- withdrawn before triage); accepted cases get their physicians at once and an
-- arbeidsdeskundige at once or up to 8 days later (meanwhile awaiting_panel);
-- the chair issues a draft ruling once both sides were heard and any objection
-- and appointment are done, plus 1 to 25 days; the parties have 5 working days
-- to comment; the ruling follows within 3 days (median 26 days after triage;
-- 3% withdrawn while in review or in the draft round); 6% of rulings appealed;
-- after-care check-ins answered or missed; cases closed longer than the
-- retention period ago are purged as the service purges them.
-- Part 2 (migrations 0020-0039), per accepted case unless said otherwise:
--   case_statements     1 to 3 (1.9): the filer's, the invited party's response
--                       (60% respond, within 4 days), the filer's reply (half of
--                       them); 20% of an employee filer's are medical (10% of all;
--                       medical is a column, there is no separate table)
--   documents           2, one chunk each of 1,024 to 2,047 bytes (a PDF or JPEG
--                       signature, then random bytes: size and sha256 are those of
--                       the chunk); 10% medical (from employee filers)
--   appointments        0.3 per case that reached review (3/4 hearings, 1/4
--                       examinations with appointment_medical notes when held);
--                       held/not held/cancelled, scheduled only on cases in review;
--                       80% of the invited parties answer (appointment_responses)
--   objections          2% of panels, by the filer against the chair, decided
--                       (never upheld) within 4 days, before the draft
--   draft_rulings       every drafted case (draft_ruling, ruled, some withdrawn),
--                       draft_ruling_medical as ruling_medical (half); draft_comments
--                       0.6 comments per draft (10% medical) and 0.3 no_comments,
--                       at most one per party
--   binding_agreements  85% of filers while filing, 80% of the responding parties;
--                       a ruling binds when both agreed
--   consent_changes     40%/20% of employee filers consent (treating physician /
--                       own physician), a tenth of the first withdraw it later
--   appeal_outcomes     90% of the appeals decided by now
--   follow_ups.signals  30% of the employee's answers (0038); after-care answers
--                       asking for help or not working escalate (after_care_help, 0036)
--   cases               10% name an earlier spell (0032); binding_basis agreement
--   case_parties        first_used_at and, for invited employees, verified_at before
--                       they act (the link of 0021)
-- and the events the service writes for each (binding_agreed, party_link_first_used,
-- party_verified, statement_added, document_added, consent_changed,
-- objection_lodged/decided, appointment_scheduled/answered/cancelled/reported,
-- draft_issued, draft_commented, appeal_decided), numbered with the others.
-- Left out, as not read by the case view or the queue: access_link_requests
-- (0033/0039), staff two-step login (0020), medical_data_viewed events of Part 2
-- reads, the messages of Part 2 events (notifications), fired timers of draft
-- windows and appointment reminders (the pending ones are there). Left out as they
-- would re-plan what is generated: panel_step_asides and upheld objections (they
-- re-seat a panel), returned_to_work_on (0037 re-plans the check-ins; it stays
-- NULL), the letter window of 0034 (every invitation's window starts at once,
-- letters too). Also left out: staff uploads, panel members' statements.
-- The medical file is never purged: EENLOKET_MEDICAL_RETENTION_DAYS (20 years)
-- outlasts the 5 years generated, so it stays with the personal-data purge (0035).
-- Open cases' seats go round-robin over the generated panel members, so none
-- is over max_open_cases; arbeidsdeskundigen are full while cases wait for one.
-- Timers: both of every deadline (fired or pending) and the pending ones of
-- after-care, draft windows and appointment reminders; notifications (for
-- unpurged cases): receipt, new-case notice, invitation (letters of the last 3
-- days not printed yet) and ruling.
-- Simplifications: working days skip weekends but not public holidays;
-- rulings are not sealed (chain columns NULL, which the schema allows); the
-- agreement digest is a stand-in, not that of the service's text.

-- Sorts and hashes of a few million rows stay in memory.
SET LOCAL work_mem = '1GB';
SET LOCAL maintenance_work_mem = '512MB';
SET LOCAL synchronous_commit = off;
-- Planner estimates on fresh temp tables are far off; JIT compiling for them costs more than it saves.
SET LOCAL jit = off;
-- random() in a LATERAL subquery is drawn anew for every outer row only if the
-- planner does not cache the subquery's result per parameter value (Memoize).
SET LOCAL enable_memoize = off;

CREATE TEMP TABLE gen_settings ON COMMIT DROP AS
SELECT n, t_now, retention_days, tag,
       greatest(50, n / 8) AS n_employers,
       greatest(3, least(40, n / 25000)) AS n_intake,
       greatest(2, least(12, n / 100000)) AS n_coordinators,
       -- A document's stand-in content: 1,024 to 2,047 bytes (see the header).
       1024 AS doc_bytes, 1024 AS doc_bytes_spread
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
          'Rechtbank Limburg', 'Rechtbank Overijssel', 'Rechtbank Zeeland-West-Brabant'] AS courts,
    -- Part 2: the hearing, the case file, appointments, objections, the draft round, the court.
    'Verwijderd na afloop van de bewaartermijn.'::text AS removed,
    -- A stand-in for the digest of the agreement's text (BindingAgreement, version 2026-12-3).
    '2026-12-3'::text AS agreement_version, encode(sha256('Eenloket bindend advies 2026-12-3'::bytea), 'hex') AS agreement_digest,
    ARRAY['Ik wil het panel laten weten hoe mijn werkdag er nu uitziet en wat wel en niet lukt.',
          'Hierbij de laatste terugkoppeling van de bedrijfsarts; de afspraken daarin zijn niet haalbaar gebleken.',
          'Ik herken mij niet in wat de werkgever schrijft over de gemaakte afspraken.',
          'Het aangeboden werk past niet bij mijn beperkingen; dat heeft de bedrijfsarts ook gezegd.'] AS statements_employee,
    ARRAY['Wij hebben de werknemer twee keer aangepast werk aangeboden; beide keren is dat geweigerd.',
          'De afspraken uit het plan van aanpak zijn niet nagekomen, zie de bijgevoegde evaluatie.',
          'Graag wijzen wij het panel op het evaluatiegesprek van vorige maand en het verslag daarvan.',
          'Wij zijn het eens met de feiten, maar niet met de conclusie die de werknemer eraan verbindt.'] AS statements_employer,
    ARRAY['Op de reactie wil ik nog zeggen dat het gesprek in mei anders is gegaan dan beschreven.',
          'Wij blijven bij ons standpunt; de stukken in het dossier laten dat zien.',
          'Ik heb niets toe te voegen, behalve de brief die ik vandaag heb bijgevoegd.'] AS replies,
    ARRAY['Mijn behandelaar ziet vooruitgang, maar na twee uur werken ben ik uitgeput.',
          'Ik gebruik sinds kort andere medicijnen en heb daar overdag last van.',
          'De fysiotherapeut adviseert nog zes weken geen tilwerk en geen lange diensten.'] AS statements_medical,
    ARRAY['Probleemanalyse van de bedrijfsarts', 'Plan van aanpak, tweede versie', 'Verslag van het evaluatiegesprek',
          'Functieomschrijving van de eigen functie', 'Brief aan de werkgever'] AS document_descriptions,
    ARRAY['Dit panellid heeft eerder voor onze arbodienst gewerkt.', 'Ik twijfel aan de onafhankelijkheid van deze arts.',
          'De arts kent mijn leidinggevende persoonlijk.'] AS objection_reasons,
    ARRAY['Er is geen aanwijzing dat het panellid niet onafhankelijk is.',
          'De eerdere werkzaamheden liggen meer dan vijf jaar terug en raken deze zaak niet.'] AS objection_motivations,
    ARRAY['Eenloket, Catharijnesingel 20, Utrecht', 'Eenloket, Stationsplein 45, Rotterdam', 'Eenloket, Piet Heinkade 55, Amsterdam',
          'Eenloket, Kennedyplein 200, Eindhoven', 'Eenloket, Eendrachtsweg 8, Zwolle'] AS locations,
    ARRAY['Beide partijen zijn gehoord; de afspraken uit het plan van aanpak zijn doorgenomen.',
          'Het panel heeft de werkplek en het aangeboden werk met beide partijen besproken.',
          'De werknemer is onderzocht; het panel neemt de bevindingen mee in het oordeel.'] AS appointment_summaries,
    ARRAY['Ik neem mijn leidinggevende mee.', 'Ik kom met een tolk.', 'Graag een ruimte die met een rolstoel bereikbaar is.']
        AS appointment_notes,
    ARRAY['Beperkte belastbaarheid van de rechterschouder; geen tilwerk boven 5 kg.',
          'Snel vermoeid na inspanning; opbouw in uren per dag aanbevolen, niet in dagen per week.'] AS medical_notes,
    ARRAY['In het concept staat dat het gesprek op 3 maart was; dat was op 10 maart.',
          'De werknemer werkte voor de ziekmelding 24 uur per week, niet 32.',
          'Het plan van aanpak is in juni aangepast, niet in mei.'] AS draft_comments,
    ARRAY['De diagnose in het concept klopt niet: het gaat om een hernia, niet om spit.',
          'Ik ben sinds april onder behandeling, niet sinds juni.'] AS draft_comments_medical;

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
       a.decision, a.case_type, a.disciplines, a.pre_wd, a.post_wd, b.tri_at, b.ad_at, b.panel_at, d.ruled_at,
       d.wd_at, c.status, c.triaged, c.closed_at, c.updated_at, c.appeal_at,
       h.hearing_ends_at, h.resp_at, h.reply_until, h.replied_at, h.obj_at, h.obj_decided_at,
       h.appt_planned_at, h.appt_starts_at, h.appt_minutes, h.appt_fate, h.appt_done_at, d.draft_at, d.comments_until,
       CASE WHEN c.closed_at IS NOT NULL
                 AND greatest(c.closed_at, c.appeal_at) + make_interval(days => s.retention_days) < s.t_now
            THEN date_trunc('milliseconds', least(s.t_now - interval '1 second',
                     greatest(c.closed_at, c.appeal_at) + make_interval(days => s.retention_days) + r.u_purge * interval '59 minutes'))
       END AS purged_at,
       r.u_mail1 < 0.92 AS filer_email, r.u_mail2 < 0.6 AS other_email, r.u_med < 0.6 AND a.filer_role = 'employee' AS has_medical,
       r.u_phys < 0.8 AS has_physician, r.u_out, r.u_rmed, r.u_view
  FROM gen_settings s,
       -- Filing moments rise with i (one random moment per 1/n of the range), so
       -- references follow i without sorting.
       LATERAL (SELECT g AS i, gen_random_uuid() AS id, (g - 1 + random()) / s.n AS u_age, random() AS u_role, random() AS u_emp,
                       random() AS u_dec, random() AS u_type, random() AS u_disc, random() AS u_tri, random() AS u_pan,
                       random() AS u_rule, random() AS u_wd, random() AS u_wdt, random() AS u_app, random() AS u_appt,
                       random() AS u_purge, random() AS u_mail1, random() AS u_mail2, random() AS u_med, random() AS u_phys,
                       random() AS u_resp, random() AS u_out, random() AS u_rmed, random() AS u_view,
                       random() AS u_reply, random() AS u_replyt, random() AS u_obj, random() AS u_objt, random() AS u_objd,
                       random() AS u_meet, random() AS u_meett, random() AS u_meets, random() AS u_meetd, random() AS u_rdel
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
       LATERAL (SELECT tri_at, ad_at, ad_at AS panel_at
                  FROM (SELECT tri_at,
                               CASE WHEN 'arbeidsdeskundige' = ANY (a.disciplines) AND r.u_pan >= 0.75
                                    THEN date_trunc('milliseconds', tri_at + interval '1 day' * (r.u_pan - 0.75) * 32)
                                    ELSE tri_at END AS ad_at
                          FROM (SELECT date_trunc('milliseconds', a.filed_at + interval '1 hour' * (2 + 140 * r.u_tri * r.u_tri)) AS tri_at OFFSET 0) t0
                        OFFSET 0) t1
                OFFSET 0) b,
       -- What the panel waits for before it decides (CaseActions.readyToDecide): both
       -- sides heard in turn (the invited party within 5 working days, 60% respond
       -- within 4 days; then the filer's reply window of 5 working days, half reply),
       -- an objection decided (2%), an appointment held, not held or cancelled (30%).
       LATERAL (SELECT h1.*,
                       CASE WHEN r.u_reply < 0.5 THEN date_trunc('milliseconds', h1.resp_at + (h1.reply_until - h1.resp_at) * r.u_replyt) END
                           AS replied_at,
                       CASE WHEN h1.appt_fate = 'cancelled'
                            THEN date_trunc('milliseconds', h1.appt_planned_at + (h1.appt_starts_at - h1.appt_planned_at) * r.u_meetd)
                            ELSE date_trunc('milliseconds', h1.appt_starts_at + make_interval(mins => h1.appt_minutes)
                                                            + interval '1 hour' * (1 + 20 * r.u_meetd)) END
                           AS appt_done_at
                  FROM (SELECT pg_temp.gen_passing(pg_temp.gen_wd((b.tri_at AT TIME ZONE 'Europe/Amsterdam')::date, 5)) AS hearing_ends_at,
                               h0.resp_at, pg_temp.gen_passing(pg_temp.gen_wd((h0.resp_at AT TIME ZONE 'Europe/Amsterdam')::date, 5)) AS reply_until,
                               h0.obj_at, date_trunc('milliseconds', h0.obj_at + interval '1 day' * (1 + 3 * r.u_objd)) AS obj_decided_at,
                               h0.appt_planned_at,
                               (pg_temp.gen_wd((h0.appt_planned_at AT TIME ZONE 'Europe/Amsterdam')::date, 3 + floor(6 * r.u_meets)::integer)
                                + time '09:00' + interval '30 minutes' * floor(14 * (6 * r.u_meets - floor(6 * r.u_meets))))
                                   AT TIME ZONE 'Europe/Amsterdam' AS appt_starts_at,
                               CASE WHEN r.u_meetd < 0.6 THEN 60 ELSE 90 END AS appt_minutes,
                               CASE WHEN r.u_meet < 0.3 * 0.08 THEN 'cancelled' WHEN r.u_meet < 0.3 * 0.13 THEN 'not_held' ELSE 'held' END
                                   AS appt_fate
                          FROM (SELECT CASE WHEN r.u_resp < 0.6 THEN date_trunc('milliseconds', b.tri_at + interval '4 days' * r.u_resp) END AS resp_at,
                                       CASE WHEN r.u_obj < 0.02 THEN date_trunc('milliseconds', b.tri_at + interval '3 days' * r.u_objt) END AS obj_at,
                                       CASE WHEN r.u_meet < 0.3 THEN date_trunc('milliseconds', b.panel_at + interval '2 days' * r.u_meett) END
                                           AS appt_planned_at OFFSET 0) h0
                        OFFSET 0) h1
                OFFSET 0) h,
       -- The draft 1 to 25 days after that (the panel's work), the parties' 5 working
       -- days to comment, the ruling within 3 days after the window closed.
       LATERAL (SELECT d1.*,
                       date_trunc('milliseconds', CASE WHEN a.pre_wd THEN a.filed_at + (b.tri_at - a.filed_at) * r.u_wdt
                                                       ELSE b.panel_at + (d1.ruled_at - b.panel_at) * r.u_wdt END) AS wd_at
                  FROM (SELECT d0.*, date_trunc('milliseconds', d0.comments_until + interval '8 hours' + interval '3 days' * r.u_rdel) AS ruled_at
                          FROM (SELECT draft_at, pg_temp.gen_passing(pg_temp.gen_wd((draft_at AT TIME ZONE 'Europe/Amsterdam')::date, 5)) AS comments_until
                                  FROM (SELECT date_trunc('milliseconds',
                                                   greatest(b.panel_at, coalesce(h.replied_at, h.reply_until, h.hearing_ends_at), h.obj_decided_at,
                                                            h.appt_done_at)
                                                   + interval '1 day' * (1 + 24 * power(r.u_rule, 1.5))) AS draft_at OFFSET 0) dd
                                OFFSET 0) d0
                        OFFSET 0) d1
                OFFSET 0) d,
       LATERAL (SELECT status, triaged,
                       CASE status WHEN 'withdrawn' THEN d.wd_at WHEN 'referred' THEN b.tri_at WHEN 'answered' THEN b.tri_at
                                   WHEN 'ruled' THEN d.ruled_at END AS closed_at,
                       CASE status WHEN 'submitted' THEN a.filed_at WHEN 'awaiting_panel' THEN b.tri_at
                                   WHEN 'in_review' THEN b.panel_at WHEN 'draft_ruling' THEN d.draft_at WHEN 'withdrawn' THEN d.wd_at
                                   WHEN 'ruled' THEN d.ruled_at ELSE b.tri_at END AS updated_at,
                       CASE WHEN status = 'ruled' AND r.u_app < 0.06
                                 AND d.ruled_at + interval '1 day' * (5 + 50 * r.u_appt) < s.t_now
                            THEN date_trunc('milliseconds', d.ruled_at + interval '1 day' * (5 + 50 * r.u_appt)) END AS appeal_at
                  FROM (SELECT CASE WHEN a.pre_wd AND d.wd_at <= s.t_now THEN 'withdrawn'
                                    WHEN a.pre_wd OR b.tri_at > s.t_now THEN 'submitted'
                                    WHEN a.decision = 'refer' THEN 'referred'
                                    WHEN a.decision = 'answer' THEN 'answered'
                                    WHEN b.panel_at > s.t_now THEN 'awaiting_panel'
                                    WHEN a.post_wd AND d.wd_at <= s.t_now THEN 'withdrawn'
                                    WHEN d.ruled_at <= s.t_now THEN 'ruled'
                                    WHEN d.draft_at <= s.t_now THEN 'draft_ruling'
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
            THEN format('werknemer-%s-%s@example.nl', s.tag, p.i) END AS employee_email,
       -- Part 2: what happened while the case was open (until it closed, or now).
       p.triaged AND p.decision = 'accept' AS accepted,
       CASE WHEN p.filer_role = 'employee' THEN 'employer' ELSE 'employee' END AS other_role,
       k.id AS coordinator, q.open_until,
       coalesce(p.resp_at < q.open_until, false) AS responded,
       coalesce(p.replied_at < q.open_until, false) AS replied,
       p.status IN ('draft_ruling', 'ruled') OR (p.status = 'withdrawn' AND p.post_wd AND p.draft_at < p.wd_at) AS drafted,
       -- An invited party that responded opened its link first; an invited employee was
       -- verified by the intake officer before it could write (0021).
       CASE WHEN p.resp_at < q.open_until THEN date_trunc('milliseconds', p.tri_at + (p.resp_at - p.tri_at) * 0.3) END AS link_used_at,
       CASE WHEN p.resp_at < q.open_until AND p.filer_role = 'employer'
            THEN date_trunc('milliseconds', p.tri_at + (p.resp_at - p.tri_at) * 0.6) END AS verified_at,
       -- Binding advice (0024): 85% of filers agree while filing, 80% of responding invited parties before they respond.
       random() < 0.85 AS filer_agreed,
       CASE WHEN p.resp_at < q.open_until AND random() < 0.8
            THEN date_trunc('milliseconds', p.tri_at + (p.resp_at - p.tri_at) * 0.8) END AS other_agreed_at
  FROM gen_plan p
  JOIN gen_years y ON y.y = extract(year FROM p.filed_on)::integer
  CROSS JOIN gen_settings s
  CROSS JOIN gen_words w
  CROSS JOIN LATERAL (SELECT coalesce(p.closed_at, s.t_now) AS open_until) q
  JOIN gen_staff o ON o.role = 'intake_officer' AND o.k = 1 + p.i % s.n_intake
  JOIN gen_staff k ON k.role = 'coordinator' AND k.k = 1 + p.i % s.n_coordinators
  JOIN gen_employers e ON e.idx = p.emp_idx
 -- In case order from here on: every index on case_id is then filled left to right.
 ORDER BY p.id;
ANALYZE gen_cases;

-- Panel seats and the members who hold them.
CREATE TEMP TABLE gen_seats0 ON COMMIT DROP AS
SELECT c.id AS case_id, d.discipline, d.ord,
       d.discipline = CASE WHEN 'bedrijfsarts' = ANY (c.disciplines) THEN 'bedrijfsarts' ELSE 'verzekeringsarts' END AS is_chair,
       CASE WHEN d.discipline = 'arbeidsdeskundige' THEN c.ad_at ELSE c.tri_at END AS assigned_at,
       c.status IN ('awaiting_panel', 'in_review', 'draft_ruling') AS open
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
               u.h < 0.1 AS needs_help, u.m < 0.15 AS has_remarks,
               -- 30% of the employee's answers name signals of a relapse (0038), in the service's (sorted) order.
               CASE WHEN p.party = 'employee' AND u.g < 0.3
                    THEN ARRAY(SELECT x FROM unnest(ARRAY['fatigue', 'irritability', 'more_errors', 'withdrawal', 'worry'])
                                             WITH ORDINALITY AS t(x, k)
                                WHERE (1 + floor(u.g / 0.3 * 31)::integer) & (1 << (k::integer - 1)) <> 0 ORDER BY x)
                    ELSE '{}'::text[] END AS signals
          FROM gen_cases c, gen_settings s,
               LATERAL (VALUES (c.filer_role), (CASE WHEN c.filer_role = 'employee' THEN 'employer' ELSE 'employee' END)) AS p(party),
               LATERAL (SELECT (c.ruled_at AT TIME ZONE 'Europe/Amsterdam')::date AS ruled_on) o,
               LATERAL (SELECT dr.sequence, ((o.ruled_on + dr.preferred_days) + time '09:00') AT TIME ZONE 'Europe/Amsterdam' AS due_at,
                               ((o.ruled_on + dr.due_days) + time '09:00') AT TIME ZONE 'Europe/Amsterdam' AS answer_by
                          FROM gen_follow_up_rules dr) r,
               -- Correlated (it names p and r), so drawn anew for every row.
               LATERAL (SELECT random() AS a, random() AS t, random() AS c, random() AS w, random() AS h, random() AS m, random() AS g
                         WHERE p.party IS NOT NULL AND r.sequence IS NOT NULL) u
         WHERE c.status = 'ruled') f, gen_settings s;

ANALYZE gen_follow_ups;

INSERT INTO follow_ups (id, case_id, party, sequence, due_at, answer_by, answered_at, carried_out, return_to_work, needs_help,
                        remarks, missed_at, signals)
SELECT id, case_id, party, sequence, due_at, answer_by, answered_at,
       CASE WHEN answered_at IS NOT NULL THEN carried_out END, CASE WHEN answered_at IS NOT NULL THEN return_to_work END,
       CASE WHEN answered_at IS NOT NULL THEN needs_help END,
       CASE WHEN answered_at IS NOT NULL AND has_remarks AND purged_at IS NULL THEN 'Het gaat redelijk, de opbouw loopt volgens plan.' END,
       missed_at, CASE WHEN answered_at IS NOT NULL THEN signals ELSE '{}' END
  FROM gen_follow_ups;

INSERT INTO gen_escalations (case_id, kind, detail, created_at, resolved_at)
SELECT f.case_id, 'ruling_not_carried_out',
       format('de %s meldt dat het oordeel niet wordt uitgevoerd', CASE WHEN f.party = 'employee' THEN 'werknemer' ELSE 'werkgever' END),
       f.answered_at,
       CASE WHEN f.answered_at + interval '3 days' <= s.t_now THEN f.answered_at + interval '3 days' END
  FROM gen_follow_ups f, gen_settings s
 WHERE f.answered_at IS NOT NULL AND f.carried_out = 'no';

-- An answer that asks for help or says the employee is not working puts the case
-- before the coordinators too (0036, FollowThrough.helpWanted); they call within 2 days.
INSERT INTO gen_escalations (case_id, kind, detail, created_at, resolved_at)
SELECT f.case_id, 'after_care_help',
       CASE WHEN f.party = 'employee' THEN 'de werknemer' ELSE 'de werkgever' END
           || CASE WHEN f.needs_help AND f.return_to_work = 'not_working' THEN ' vraagt om hulp en meldt dat de werknemer niet (meer) werkt'
                   WHEN f.needs_help THEN ' vraagt om hulp bij de terugkeer naar werk'
                   ELSE ' meldt dat de werknemer niet (meer) werkt' END,
       f.answered_at,
       CASE WHEN f.answered_at + interval '2 days' <= s.t_now THEN f.answered_at + interval '2 days' END
  FROM gen_follow_ups f, gen_settings s
 WHERE f.answered_at IS NOT NULL AND (f.needs_help OR f.return_to_work = 'not_working');

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

-- Part 2 (migrations 0024-0038): what the parties and the panel added while a
-- case was open. Each row lies between the moments of the plan, so every step
-- was allowed when it happened (the statuses and guards of those migrations).

-- Statements (0004, 0024): the filer's first statement before the other party's
-- turn, the invited party's response (its responded_at), the filer's reply (its
-- replied_at). 20% of an employee filer's statements are medical.
CREATE TEMP TABLE gen_statements ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, x.case_id, x.i, x.author_role, x.created_at, x.turn, x.purged_at,
       x.author_role = 'employee' AND x.filer_role = 'employee' AND random() < 0.2 AS medical
  FROM (SELECT c.id AS case_id, c.i, c.filer_role, c.purged_at, c.open_until, t.author_role, t.created_at, t.turn
          FROM gen_cases c,
               LATERAL (VALUES (c.filer_role, 'first',
                                date_trunc('milliseconds', c.tri_at + (coalesce(c.resp_at, c.tri_at + interval '3 days') - c.tri_at) * random())),
                               (c.other_role, 'response', CASE WHEN c.responded THEN c.resp_at END),
                               (c.filer_role, 'reply', CASE WHEN c.replied THEN c.replied_at END)) AS t(author_role, turn, created_at)
         WHERE c.accepted) x
 WHERE x.created_at < x.open_until;

-- The case file (0030): two documents per accepted case, the filer's with the
-- filing and one with the response (or the filer's, when nobody responded).
-- Medical ones (10% of all) come from an employee filer. The content is a stand-in
-- (see the header): a PDF or JPEG signature, the document's id, then bytes from a
-- pool of random ones at a random place, so every document's digest differs.
CREATE TEMP TABLE gen_doc_pool ON COMMIT DROP AS
SELECT string_agg(uuid_send(gen_random_uuid()), ''::bytea) AS bytes FROM generate_series(1, 8192);

CREATE FUNCTION pg_temp.gen_doc_content(id uuid, content_type text, size integer, pool_at integer, pool bytea) RETURNS bytea
LANGUAGE sql IMMUTABLE AS $$
    SELECT h || uuid_send(id) || substr(pool, pool_at + 1, size - 16 - octet_length(h))
      FROM (SELECT CASE WHEN content_type = 'image/jpeg' THEN '\xffd8ffe000104a4649460001'::bytea
                        ELSE '\x255044462d312e370a25e2e3cfd30a'::bytea END AS h) x
$$;

CREATE TEMP TABLE gen_documents0 ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, x.*,
       CASE WHEN x.medical THEN CASE WHEN x.u_kind < 0.6 THEN 'treating_physician_info' ELSE 'physician_advice' END
            WHEN x.uploaded_by = 'employee' THEN (ARRAY['problem_analysis', 'correspondence', 'evaluation', 'other'])[1 + floor(4 * x.u_kind)::integer]
            ELSE (ARRAY['action_plan', 'job_description', 'reintegration_report', 'problem_analysis', 'evaluation'])[1 + floor(5 * x.u_kind)::integer]
       END AS kind,
       CASE WHEN x.u_type < 0.1 THEN 'image/jpeg' ELSE 'application/pdf' END AS content_type,
       s.doc_bytes + floor(s.doc_bytes_spread * random())::integer AS size,
       floor((8192 * 16 - s.doc_bytes - s.doc_bytes_spread) * random())::integer AS pool_at
  FROM (SELECT c.id AS case_id, c.i, c.purged_at, d.n, d.uploaded_by, d.uploaded_at, u.u_kind, u.u_type, u.u_desc,
               d.uploaded_by = 'employee' AND c.filer_role = 'employee' AND d.by_filer AND u.u_med < 0.2 AS medical
          FROM gen_cases c,
               LATERAL (VALUES (1, c.filer_role, true, date_trunc('milliseconds', c.filed_at + (c.tri_at - c.filed_at) * random())),
                               (2, CASE WHEN c.responded THEN c.other_role ELSE c.filer_role END, NOT c.responded,
                                CASE WHEN c.responded THEN c.resp_at + interval '10 minutes'
                                     ELSE date_trunc('milliseconds', c.tri_at + interval '3 days' * random()) END))
                   AS d(n, uploaded_by, by_filer, uploaded_at),
               LATERAL (SELECT random() AS u_kind, random() AS u_type, random() AS u_desc, random() AS u_med WHERE d.n IS NOT NULL) u
         WHERE c.accepted AND d.uploaded_at < c.open_until) x,
       gen_settings s;

CREATE TEMP TABLE gen_documents ON COMMIT DROP AS
SELECT d.*,
       encode(sha256(pg_temp.gen_doc_content(d.id, d.content_type, d.size, d.pool_at, p.bytes)), 'hex') AS sha256,
       -- The personal-data purge removes non-medical documents; the medical file stays (see the header).
       CASE WHEN NOT d.medical THEN d.purged_at END AS doc_purged_at
  FROM gen_documents0 d, gen_doc_pool p;

-- Appointments (0029) for 30% of the cases that reached review, planned by the
-- chair; a quarter are examinations of the employee by the chair. Done (held 87%,
-- not held 5%, cancelled 8%) before the draft; scheduled only while the case is
-- in review; called off when the case was withdrawn first.
CREATE TEMP TABLE gen_appointments ON COMMIT DROP AS
SELECT a.*,
       CASE WHEN a.called_off THEN least(s.t_now, a.wd_at + interval '2 hours') WHEN a.status = 'cancelled' THEN a.done_at END AS cancelled_at,
       CASE WHEN a.status IN ('held', 'not_held') THEN a.done_at END AS reported_at
  FROM (SELECT gen_random_uuid() AS id, c.id AS case_id, c.i, c.purged_at, c.filer_role, c.responded, c.resp_at, c.wd_at, x.staff_id AS chair,
               CASE WHEN u.k < 0.25 THEN 'examination' ELSE 'hearing' END AS kind,
               CASE WHEN u.k < 0.25 THEN ARRAY['employee'] WHEN u.p < 0.85 THEN ARRAY['employee', 'employer'] ELSE ARRAY[c.filer_role] END
                   AS parties,
               u.l < 0.6 AS in_person, c.appt_planned_at AS planned_at, c.appt_starts_at AS starts_at, c.appt_minutes AS minutes,
               c.appt_done_at AS done_at, c.status = 'withdrawn' AND c.appt_done_at > c.wd_at AS called_off,
               CASE WHEN c.status = 'withdrawn' AND c.appt_done_at > c.wd_at THEN 'cancelled'
                    WHEN c.appt_done_at <= s.t_now THEN c.appt_fate
                    ELSE 'scheduled' END AS status
          FROM gen_cases c
          JOIN gen_seats x ON x.case_id = c.id AND x.is_chair
          CROSS JOIN gen_settings s
          CROSS JOIN LATERAL (SELECT random() AS k, random() AS p, random() AS l WHERE c.id IS NOT NULL) u
         WHERE c.accepted AND c.appt_planned_at < c.open_until) a,
       gen_settings s;

-- Each invited party answers (80%) while the appointment is scheduled, once it may act.
CREATE TEMP TABLE gen_appointment_responses ON COMMIT DROP AS
SELECT a.id AS appointment_id, a.case_id, a.i, a.purged_at, pt.party, r.attending, r.has_note, r.answered_at
  FROM gen_appointments a
  CROSS JOIN gen_settings s
  CROSS JOIN LATERAL unnest(a.parties) AS pt(party)
  CROSS JOIN LATERAL (SELECT random() < 0.95 AS attending, random() < 0.2 AS has_note, random() AS u,
                             date_trunc('milliseconds', a.planned_at
                                 + (least(a.starts_at, coalesce(a.cancelled_at, a.reported_at, s.t_now)) - a.planned_at) * random()) AS answered_at
                       WHERE pt.party IS NOT NULL) r
 WHERE r.u < 0.8 AND (pt.party = a.filer_role OR (a.responded AND a.resp_at < r.answered_at));

-- Objections (0028) by the filer against the chair, 2% of panels, within 3 days
-- of the panel's start; a coordinator decides within 1 to 4 days (not upheld: see the header).
CREATE TEMP TABLE gen_objections ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, c.id AS case_id, c.i, c.purged_at, x.staff_id, c.filer_role AS party, c.obj_at AS lodged_at,
       CASE WHEN c.obj_decided_at <= s.t_now THEN c.obj_decided_at END AS decided_at, c.coordinator
  FROM gen_cases c
  JOIN gen_seats x ON x.case_id = c.id AND x.is_chair
  CROSS JOIN gen_settings s
 WHERE c.accepted AND c.obj_at < c.open_until;

-- The draft round (0027): every decided case had one (the default draft window of
-- 5 working days); its medical considerations as the ruling's.
CREATE TEMP TABLE gen_drafts ON COMMIT DROP AS
SELECT c.id AS case_id, c.i, c.purged_at, c.filer_role, c.other_role, c.responded, c.status, c.u_rmed,
       CASE WHEN c.u_out < 0.45 THEN 'upheld' WHEN c.u_out < 0.70 THEN 'partly_upheld' ELSE 'overturned' END AS outcome,
       c.draft_at AS issued_at, c.comments_until, least(c.comments_until, c.open_until) AS window_end, x.staff_id AS chair
  FROM gen_cases c
  JOIN gen_seats x ON x.case_id = c.id AND x.is_chair
 WHERE c.drafted;

-- Each party that may act comments (30%, a fifth of them twice) or says it has
-- none (20%, once) within the window; 20% of an employee filer's comments are medical.
CREATE TEMP TABLE gen_draft_comments ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, d.case_id, d.i, d.purged_at, p0.party, k.n, p.u >= 0.3 AS no_comments, t.created_at,
       p.u < 0.3 AND p0.party = 'employee' AND d.filer_role = 'employee' AND t.m < 0.2 AS medical
  FROM gen_drafts d
  CROSS JOIN LATERAL (VALUES (d.filer_role, true), (d.other_role, d.responded)) AS p0(party, may_act)
  CROSS JOIN LATERAL (SELECT random() AS u, random() AS v WHERE p0.party IS NOT NULL) p
  CROSS JOIN LATERAL generate_series(1, CASE WHEN p.u < 0.3 AND p.v < 0.2 THEN 2 WHEN p.u < 0.5 THEN 1 ELSE 0 END) AS k(n)
  CROSS JOIN LATERAL (SELECT date_trunc('milliseconds', d.issued_at + (d.window_end - d.issued_at) * random()) AS created_at, random() AS m
                       WHERE k.n IS NOT NULL) t
 WHERE p0.may_act AND t.created_at < d.window_end;

-- Agreements to be bound (0024), as planned in gen_cases.
CREATE TEMP TABLE gen_agreements ON COMMIT DROP AS
SELECT c.id AS case_id, a.party, a.agreed_at, a.filing,
       CASE WHEN c.purged_at IS NULL THEN CASE WHEN a.party = 'employee' THEN c.employee_name ELSE c.employer_name END END AS name
  FROM gen_cases c
  CROSS JOIN LATERAL (VALUES (c.filer_role, CASE WHEN c.filer_agreed THEN c.filed_at END, true),
                             (c.other_role, c.other_agreed_at, false)) AS a(party, agreed_at, filing)
 WHERE a.agreed_at IS NOT NULL;

-- Consents (0031) of employee filers: 40% consent to information from treating
-- physicians within 2 days of triage (a tenth withdraw it later), 20% to sharing with their own physician.
CREATE TEMP TABLE gen_consents ON COMMIT DROP AS
SELECT c.id AS case_id, k.kind, k.given, k.changed_at
  FROM gen_cases c
  CROSS JOIN LATERAL (SELECT random() AS a, random() AS b, random() AS t, random() AS w, random() AS x WHERE c.id IS NOT NULL) u
  CROSS JOIN LATERAL (VALUES ('treating_physician', true, date_trunc('milliseconds', c.tri_at + interval '2 days' * u.t), u.a < 0.4),
                             ('treating_physician', false,
                              date_trunc('milliseconds', c.tri_at + interval '2 days' * u.t + interval '1 day' * (5 + 25 * u.w)), u.a < 0.04),
                             ('share_with_own_physician', true, date_trunc('milliseconds', c.tri_at + interval '2 days' * u.x), u.b < 0.2))
      AS k(kind, given, changed_at, happens)
 WHERE c.accepted AND c.filer_role = 'employee' AND k.happens AND k.changed_at < c.open_until;

-- The court's outcome (0025) of an appeal, 2 to 12 months after it was lodged,
-- recorded by a coordinator 1 to 9 days later (90% of those due by now).
CREATE TEMP TABLE gen_appeal_outcomes ON COMMIT DROP AS
SELECT c.id AS case_id, c.purged_at, c.coordinator, o.outcome, o.decided_on,
       ((o.decided_on + 1 + floor(9 * o.w)::integer) + time '10:00') AT TIME ZONE 'Europe/Amsterdam' AS recorded_at
  FROM gen_cases c
  CROSS JOIN LATERAL (SELECT CASE WHEN u.u < 0.70 THEN 'upheld' WHEN u.u < 0.82 THEN 'set_aside' WHEN u.u < 0.92 THEN 'settled'
                                  ELSE 'withdrawn' END AS outcome,
                             (c.appeal_at AT TIME ZONE 'Europe/Amsterdam')::date - 2 + 60 + floor(300 * u.v)::integer AS decided_on, u.w, u.x
                        FROM (SELECT random() AS u, random() AS v, random() AS w, random() AS x WHERE c.id IS NOT NULL) u) o
  CROSS JOIN gen_settings s
 WHERE c.appeal_at IS NOT NULL AND o.x < 0.9
   AND ((o.decided_on + 1 + floor(9 * o.w)::integer) + time '10:00') AT TIME ZONE 'Europe/Amsterdam' <= s.t_now;

ANALYZE gen_statements;
ANALYZE gen_documents;
ANALYZE gen_appointments;
ANALYZE gen_drafts;

-- Pending timers of the draft windows and appointment reminders (one working day
-- before, at 09:00); fired ones are left out, as for after-care.
INSERT INTO timers (kind, case_id, due_at, created_at, next_attempt_at)
SELECT 'draft_window_closed', d.case_id, d.comments_until, d.issued_at, d.comments_until
  FROM gen_drafts d, gen_settings s
 WHERE d.status = 'draft_ruling' AND d.comments_until > s.t_now;

INSERT INTO timers (kind, case_id, subject_id, due_at, created_at, next_attempt_at)
SELECT 'appointment_reminder', a.case_id, a.id, r.due_at, a.planned_at, r.due_at
  FROM gen_appointments a, gen_settings s,
       LATERAL (SELECT greatest(a.planned_at,
                                ((d - CASE WHEN extract(isodow FROM d) = 1 THEN 3 ELSE 1 END) + time '09:00') AT TIME ZONE 'Europe/Amsterdam') AS due_at
                  FROM (SELECT (a.starts_at AT TIME ZONE 'Europe/Amsterdam')::date AS d) x) r
 WHERE a.status = 'scheduled' AND r.due_at > s.t_now;

-- The history. seq numbers each case's events in time order, as the trigger would.
CREATE TEMP TABLE gen_event_counts (case_id uuid PRIMARY KEY, events integer NOT NULL) ON COMMIT DROP;

WITH events AS (
    SELECT c.id AS case_id, c.filed_at AS at, 1.0 AS ord, 'case_filed' AS type, c.filer_role AS actor_role, NULL::uuid AS actor_staff_id,
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
                              'hearing_ends_at', to_char(c.hearing_ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
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
    SELECT e.case_id, e.created_at, CASE e.kind WHEN 'ruling_not_carried_out' THEN 17 WHEN 'after_care_help' THEN 17.5 ELSE 11 END,
           'escalated', 'system', NULL, jsonb_build_object('kind', e.kind)
      FROM gen_escalations e
    UNION ALL
    SELECT c.id, c.wd_at, 12, 'case_withdrawn', c.filer_role, NULL,
           jsonb_build_object('from', CASE WHEN c.pre_wd THEN 'submitted' WHEN c.drafted THEN 'draft_ruling' ELSE 'in_review' END,
                              'status', 'withdrawn')
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
           '{"removed": ["statements", "names_and_addresses", "question", "physician", "messages", "follow_up_remarks", "documents"]}'
      FROM gen_cases c WHERE c.purged_at IS NOT NULL
    -- Part 2, with the data the service's events carry.
    UNION ALL
    SELECT a.case_id, a.agreed_at, CASE WHEN a.filing THEN 1.5 ELSE 4.3 END, 'binding_agreed', a.party, NULL,
           jsonb_build_object('party', a.party, 'digest', w.agreement_digest)
      FROM gen_agreements a, gen_words w
    UNION ALL
    SELECT c.id, c.link_used_at, 4.1, 'party_link_first_used', c.other_role, NULL, jsonb_build_object('party', c.other_role)
      FROM gen_cases c WHERE c.link_used_at IS NOT NULL
    UNION ALL
    SELECT c.id, c.verified_at, 4.2, 'party_verified', 'intake_officer', c.officer, '{"party": "employee", "how": "phone"}'
      FROM gen_cases c WHERE c.verified_at IS NOT NULL
    UNION ALL
    SELECT x.case_id, x.created_at, 4.5, 'statement_added', x.author_role, NULL,
           jsonb_build_object('author_role', x.author_role, 'medical', x.medical)
      FROM gen_statements x
    UNION ALL
    SELECT d.case_id, d.uploaded_at, 4.6, 'document_added', d.uploaded_by, NULL,
           jsonb_build_object('document_id', d.id, 'kind', d.kind, 'medical', d.medical, 'size', d.size)
      FROM gen_documents d
    UNION ALL
    SELECT k.case_id, k.changed_at, 4.7, 'consent_changed', 'employee', NULL, jsonb_build_object('consent', k.kind, 'given', k.given)
      FROM gen_consents k
    UNION ALL
    SELECT o.case_id, o.lodged_at, 8, 'objection_lodged', o.party, NULL, jsonb_build_object('party', o.party, 'staff_id', o.staff_id)
      FROM gen_objections o
    UNION ALL
    SELECT o.case_id, o.decided_at, 8.5, 'objection_decided', 'coordinator', o.coordinator,
           jsonb_build_object('upheld', false, 'party', o.party, 'staff_id', o.staff_id)
      FROM gen_objections o WHERE o.decided_at IS NOT NULL
    UNION ALL
    SELECT a.case_id, a.planned_at, 9.5, 'appointment_scheduled', 'panel_member', a.chair,
           jsonb_build_object('appointment_id', a.id, 'kind', a.kind,
                              'starts_at', to_char(a.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
      FROM gen_appointments a
    UNION ALL
    SELECT r.case_id, r.answered_at, 9.6, 'appointment_answered', r.party, NULL,
           jsonb_build_object('appointment_id', r.appointment_id, 'attending', r.attending)
      FROM gen_appointment_responses r
    UNION ALL
    SELECT a.case_id, coalesce(a.cancelled_at, a.reported_at), 9.7,
           CASE WHEN a.status = 'cancelled' THEN 'appointment_cancelled' ELSE 'appointment_reported' END, 'panel_member', a.chair,
           CASE WHEN a.status = 'cancelled' THEN jsonb_build_object('appointment_id', a.id)
                ELSE jsonb_build_object('appointment_id', a.id, 'held', a.status = 'held') END
      FROM gen_appointments a WHERE a.status <> 'scheduled'
    UNION ALL
    SELECT d.case_id, d.issued_at, 12.5, 'draft_issued', 'panel_member', d.chair,
           jsonb_build_object('outcome', d.outcome, 'status', 'draft_ruling',
                              'comments_until', to_char(d.comments_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
      FROM gen_drafts d
    UNION ALL
    SELECT k.case_id, k.created_at, 12.6, 'draft_commented', k.party, NULL,
           jsonb_build_object('party', k.party, 'no_comments', k.no_comments, 'medical', k.medical)
      FROM gen_draft_comments k
    UNION ALL
    SELECT o.case_id, o.recorded_at, 15.5, 'appeal_decided', 'coordinator', o.coordinator,
           jsonb_build_object('outcome', o.outcome, 'decided_on', o.decided_on::text)
      FROM gen_appeal_outcomes o
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
                   employee_email, closed_at, purged_at, earlier_spell_started_on, earlier_spell_ended_on)
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
       c.employer_email, c.employee_email, c.closed_at, c.purged_at,
       -- 10% name an earlier spell that ended fewer than 28 days before this one (0032).
       CASE WHEN c.i % 10 = 3 THEN c.filed_on - (7 + (c.i * 31) % 600) - (1 + (c.i * 13) % 27) - (14 + (c.i * 17) % 150) END,
       CASE WHEN c.i % 10 = 3 THEN c.filed_on - (7 + (c.i * 31) % 600) - (1 + (c.i * 13) % 27) END
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
       CASE WHEN NOT p.is_filer THEN c.hearing_ends_at END AS hearing_ends_at,
       -- The turns of the hearing as the statements took them (CaseRepository.takeTurn).
       CASE WHEN NOT p.is_filer AND c.responded THEN c.resp_at END AS responded_at,
       CASE WHEN NOT p.is_filer THEN c.link_used_at END AS first_used_at,
       CASE WHEN NOT p.is_filer THEN c.verified_at END AS verified_at,
       CASE WHEN NOT p.is_filer AND c.verified_at IS NOT NULL THEN c.officer END AS verified_by,
       CASE WHEN p.is_filer AND c.responded THEN c.reply_until END AS reply_window_ends_at,
       CASE WHEN p.is_filer AND c.replied THEN c.replied_at END AS replied_at,
       c.purged_at, c.reference, c.filed_at, c.tri_at, c.ruled_at, c.status
  FROM gen_cases c
  CROSS JOIN gen_settings s
  CROSS JOIN LATERAL (SELECT c.filer_role AS role, true AS is_filer
                      UNION ALL
                      SELECT CASE WHEN c.filer_role = 'employee' THEN 'employer' ELSE 'employee' END, false
                       WHERE c.triaged AND c.decision = 'accept') p;

ANALYZE gen_parties;

INSERT INTO case_parties (id, case_id, role, is_filer, name, email, token_hash, created_at, invited_at, hearing_ends_at, responded_at,
                          first_used_at, verified_at, verified_by, reply_window_ends_at, replied_at)
SELECT id, case_id, role, is_filer, name, email, sha256(gen_random_uuid()::text::bytea), created_at, invited_at, hearing_ends_at,
       responded_at, first_used_at, verified_at, verified_by, reply_window_ends_at, replied_at
  FROM gen_parties;

-- The medical file outlives the personal-data purge (0035; see the header).
INSERT INTO case_medical (case_id, medical_information)
SELECT c.id, w.medical[1 + (c.i * 7) % cardinality(w.medical)]
  FROM gen_cases c, gen_words w WHERE c.has_medical;

-- binding as the trigger of 0024/0026 finds it (both parties agreed); the appeal
-- window of 2 months (0025), moved past a weekend; the answer to the draft's comments (0027).
INSERT INTO rulings (case_id, outcome, decision, motivation, decided_at, decided_on, decided_by, panel, digest, binding,
                     appeal_window_ends_on, comments_response)
SELECT c.id, CASE WHEN c.u_out < 0.45 THEN 'upheld' WHEN c.u_out < 0.70 THEN 'partly_upheld' ELSE 'overturned' END,
       w.decisions[1 + (c.i * 3) % cardinality(w.decisions)], w.ruling_motivations[1 + c.i % cardinality(w.ruling_motivations)],
       c.ruled_at, o.ruled_on, x.chair, x.panel, encode(sha256(c.id::text::bytea), 'hex'),
       coalesce(ag.n = 2, false),
       e.ends_on + CASE extract(isodow FROM e.ends_on) WHEN 6 THEN 2 WHEN 7 THEN 1 ELSE 0 END,
       -- (The purge leaves rulings as they are.)
       CASE WHEN cm.case_id IS NOT NULL
            THEN 'Het panel heeft de opmerkingen over de feiten verwerkt; het oordeel verandert daardoor niet.' END
  FROM gen_cases c
  JOIN (SELECT case_id, (array_agg(staff_id) FILTER (WHERE is_chair))[1] AS chair,
               array_agg(staff_id ORDER BY assigned_at, ord) AS panel
          FROM gen_seats GROUP BY case_id) x ON x.case_id = c.id
  LEFT JOIN (SELECT case_id, count(*) AS n FROM gen_agreements GROUP BY case_id) ag ON ag.case_id = c.id
  LEFT JOIN (SELECT DISTINCT case_id FROM gen_draft_comments WHERE NOT no_comments) cm ON cm.case_id = c.id
  CROSS JOIN gen_words w
  CROSS JOIN LATERAL (SELECT (c.ruled_at AT TIME ZONE 'Europe/Amsterdam')::date AS ruled_on) o
  CROSS JOIN LATERAL (SELECT (o.ruled_on + interval '2 months')::date AS ends_on) e
 WHERE c.status = 'ruled';

INSERT INTO ruling_medical (case_id, medical_considerations)
SELECT c.id, w.considerations[1 + c.i % cardinality(w.considerations)]
  FROM gen_cases c, gen_words w WHERE c.status = 'ruled' AND c.u_rmed < 0.5;

INSERT INTO appeals (case_id, court, lodged_on, recorded_at, recorded_by)
SELECT c.id, w.courts[1 + abs(hashtext(c.id::text)) % cardinality(w.courts)], (c.appeal_at AT TIME ZONE 'Europe/Amsterdam')::date - 2,
       c.appeal_at, c.filer_role
  FROM gen_cases c, gen_words w WHERE c.appeal_at IS NOT NULL;

-- Part 2 rows, with what the purge triggers of 0024-0035 leave of a purged case:
-- non-medical texts replaced, names and non-medical documents removed, the medical file kept.
INSERT INTO appeal_outcomes (case_id, outcome, decided_on, summary, recorded_at, recorded_by)
SELECT o.case_id, o.outcome, o.decided_on,
       CASE WHEN o.purged_at IS NOT NULL AND o.purged_at > o.recorded_at THEN w.removed
            ELSE CASE o.outcome WHEN 'upheld' THEN 'De rechter laat het oordeel in stand.'
                                WHEN 'set_aside' THEN 'De rechter zet het oordeel opzij: een partij is onvoldoende gehoord.'
                                WHEN 'settled' THEN 'De partijen hebben een schikking getroffen.'
                                ELSE 'Het beroep is ingetrokken.' END END,
       o.recorded_at, o.coordinator
  FROM gen_appeal_outcomes o, gen_words w;

INSERT INTO binding_agreements (case_id, party, name, agreed_at, version, digest)
SELECT a.case_id, a.party, a.name, a.agreed_at, w.agreement_version, w.agreement_digest
  FROM gen_agreements a, gen_words w
 ORDER BY a.case_id;

-- In time order: the last change (highest id) is the consent now.
INSERT INTO consent_changes (case_id, kind, given, changed_at)
SELECT case_id, kind, given, changed_at FROM gen_consents ORDER BY changed_at, case_id, kind;

INSERT INTO case_statements (id, case_id, author_role, author_staff_id, text, medical, created_at)
SELECT x.id, x.case_id, x.author_role, NULL,
       CASE WHEN x.medical THEN w.statements_medical[1 + x.i % cardinality(w.statements_medical)]
            WHEN x.purged_at IS NOT NULL THEN w.removed
            WHEN x.turn = 'reply' THEN w.replies[1 + x.i % cardinality(w.replies)]
            WHEN x.author_role = 'employee' THEN w.statements_employee[1 + (x.i + length(x.turn)) % cardinality(w.statements_employee)]
            ELSE w.statements_employer[1 + (x.i + length(x.turn)) % cardinality(w.statements_employer)] END,
       x.medical, x.created_at
  FROM gen_statements x, gen_words w
 ORDER BY x.case_id, x.created_at;

INSERT INTO documents (id, case_id, kind, filename, content_type, size, sha256, medical, description, uploaded_by, uploaded_by_staff,
                       uploaded_at, purged_at)
SELECT d.id, d.case_id, d.kind,
       CASE WHEN d.doc_purged_at IS NOT NULL THEN 'verwijderd'
            ELSE CASE d.kind WHEN 'problem_analysis' THEN 'probleemanalyse' WHEN 'action_plan' THEN 'plan-van-aanpak'
                             WHEN 'physician_advice' THEN 'advies-bedrijfsarts' WHEN 'evaluation' THEN 'evaluatie'
                             WHEN 'job_description' THEN 'functieomschrijving' WHEN 'treating_physician_info' THEN 'brief-behandelaar'
                             WHEN 'reintegration_report' THEN 're-integratieverslag' WHEN 'correspondence' THEN 'correspondentie'
                             ELSE 'bijlage' END
                 || '-' || d.n || CASE WHEN d.content_type = 'image/jpeg' THEN '.jpg' ELSE '.pdf' END END,
       d.content_type, d.size, d.sha256, d.medical,
       CASE WHEN d.doc_purged_at IS NULL AND d.u_desc < 0.5
            THEN w.document_descriptions[1 + (d.i + d.n) % cardinality(w.document_descriptions)] END,
       d.uploaded_by, NULL, d.uploaded_at, d.doc_purged_at
  FROM gen_documents d, gen_words w
 ORDER BY d.case_id, d.uploaded_at;

-- One chunk per document still holding its content.
INSERT INTO document_chunks (document_id, seq, bytes)
SELECT d.id, 0, pg_temp.gen_doc_content(d.id, d.content_type, d.size, d.pool_at, p.bytes)
  FROM gen_documents d, gen_doc_pool p
 WHERE d.doc_purged_at IS NULL
 ORDER BY d.id;

INSERT INTO objections (id, case_id, staff_id, party, reason, lodged_at, upheld, motivation, decided_at, decided_by)
SELECT o.id, o.case_id, o.staff_id, o.party,
       CASE WHEN o.purged_at IS NOT NULL THEN w.removed ELSE w.objection_reasons[1 + o.i % cardinality(w.objection_reasons)] END,
       o.lodged_at,
       CASE WHEN o.decided_at IS NOT NULL THEN false END,
       CASE WHEN o.decided_at IS NULL THEN NULL WHEN o.purged_at IS NOT NULL THEN w.removed
            ELSE w.objection_motivations[1 + o.i % cardinality(w.objection_motivations)] END,
       o.decided_at, CASE WHEN o.decided_at IS NOT NULL THEN o.coordinator END
  FROM gen_objections o, gen_words w
 ORDER BY o.case_id;

INSERT INTO appointments (id, case_id, kind, starts_at, duration_minutes, location, online_url, parties, examiner_id, status, planned_by,
                          planned_at, cancel_reason, cancelled_at, summary, reported_at, reported_by)
SELECT a.id, a.case_id, a.kind, a.starts_at, a.minutes,
       CASE WHEN NOT a.in_person THEN NULL WHEN a.purged_at IS NOT NULL THEN w.removed
            ELSE w.locations[1 + a.i % cardinality(w.locations)] END,
       CASE WHEN NOT a.in_person THEN format('https://meet.eenloket.example/%s', a.id) END,
       a.parties, CASE WHEN a.kind = 'examination' THEN a.chair END, a.status, a.chair, a.planned_at,
       CASE WHEN a.status <> 'cancelled' THEN NULL WHEN a.purged_at IS NOT NULL THEN w.removed
            WHEN a.called_off THEN 'De zaak is ingetrokken.' ELSE 'De werknemer is verhinderd; een nieuwe afspraak volgt.' END,
       a.cancelled_at,
       CASE WHEN a.status NOT IN ('held', 'not_held') THEN NULL WHEN a.purged_at IS NOT NULL THEN w.removed
            WHEN a.status = 'not_held' THEN 'De afspraak ging niet door: de uitgenodigde partij is niet gekomen.'
            ELSE w.appointment_summaries[1 + a.i % cardinality(w.appointment_summaries)] END,
       a.reported_at, CASE WHEN a.reported_at IS NOT NULL THEN a.chair END
  FROM gen_appointments a, gen_words w
 ORDER BY a.case_id, a.starts_at;

INSERT INTO appointment_responses (appointment_id, party, attending, note, answered_at)
SELECT r.appointment_id, r.party, r.attending,
       CASE WHEN r.has_note AND r.purged_at IS NULL THEN w.appointment_notes[1 + r.i % cardinality(w.appointment_notes)] END,
       r.answered_at
  FROM gen_appointment_responses r, gen_words w;

-- The examiner's notes of an examination held (medical: kept).
INSERT INTO appointment_medical (appointment_id, medical_notes)
SELECT a.id, w.medical_notes[1 + a.i % cardinality(w.medical_notes)]
  FROM gen_appointments a, gen_words w WHERE a.kind = 'examination' AND a.status = 'held';

INSERT INTO draft_rulings (case_id, outcome, decision, motivation, issued_at, issued_by, comments_until)
SELECT d.case_id, d.outcome,
       CASE WHEN d.purged_at IS NOT NULL THEN w.removed ELSE w.decisions[1 + (d.i * 3) % cardinality(w.decisions)] END,
       CASE WHEN d.purged_at IS NOT NULL THEN w.removed ELSE w.ruling_motivations[1 + d.i % cardinality(w.ruling_motivations)] END,
       d.issued_at, d.chair, d.comments_until
  FROM gen_drafts d, gen_words w
 ORDER BY d.case_id;

INSERT INTO draft_ruling_medical (case_id, medical_considerations)
SELECT d.case_id, w.considerations[1 + d.i % cardinality(w.considerations)]
  FROM gen_drafts d, gen_words w WHERE d.u_rmed < 0.5;

INSERT INTO draft_comments (id, case_id, party, no_comments, text, medical, created_at)
SELECT k.id, k.case_id, k.party, k.no_comments,
       CASE WHEN k.no_comments THEN NULL
            WHEN k.medical THEN w.draft_comments_medical[1 + (k.i + k.n) % cardinality(w.draft_comments_medical)]
            WHEN k.purged_at IS NOT NULL THEN w.removed
            ELSE w.draft_comments[1 + (k.i + k.n) % cardinality(w.draft_comments)] END,
       k.medical, k.created_at
  FROM gen_draft_comments k, gen_words w
 ORDER BY k.case_id, k.created_at;

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
