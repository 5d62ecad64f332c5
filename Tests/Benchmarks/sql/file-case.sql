-- pgbench: the service's own filing statement, `file_case(...)`, with the arguments
-- a filing of Tests/Benchmarks/file-case.lua gets (the employer drawn from 1,000 KvK
-- numbers; the message texts, with the reference mark, read from a real filing by
-- run.sh and given with -D). Runs as eenloket_app, so row-level security applies
-- as it does for the service. The triage deadline stands in for the working-day
-- arithmetic the service does in Swift.
\set employer random(1, 1000)
\set a random(1, 4611686018427387903)
\set b random(1, 4611686018427387903)
SELECT file_case(
  p_id => (lpad(to_hex(:a::bigint), 16, '0') || lpad(to_hex(:b::bigint), 16, '0'))::uuid,
  p_filed_on => (now() AT TIME ZONE 'Europe/Amsterdam')::date, p_now => now(),
  p_filer_role => 'employee', p_filer_name => 'Sanne de Vries', p_filer_email => 'sanne@example.nl',
  p_party_id => gen_random_uuid(), p_token_hash => sha256(int8send(:a::bigint) || int8send(:b::bigint)),
  p_employee_name => 'Sanne de Vries', p_employee_email => NULL, p_employee_address => NULL,
  p_employer_name => 'Werkgever ' || :employer || ' B.V.', p_employer_kvk => lpad(:employer::text, 8, '0'),
  p_employer_email => NULL,
  p_employer_address => '{"street":"Marktstraat 1","postal_code":"1011 AA","city":"Amsterdam"}'::jsonb,
  p_sick_since => '2026-03-02', p_question => 'De bedrijfsarts vindt dat ik 20 uur kan werken, maar dat lukt mij niet.',
  p_physician_name => 'J. Bakker', p_physician_organisation => 'ArboNed',
  p_medical => 'Sinds maart behandeld voor een burn-out.',
  p_triage_preferred_by => current_date + 5, p_triage_due_by => current_date + 10,
  p_preferred_passes_at => ((current_date + 6)::timestamp AT TIME ZONE 'Europe/Amsterdam'),
  p_due_passes_at => ((current_date + 11)::timestamp AT TIME ZONE 'Europe/Amsterdam'),
  p_reference_mark => E'\x01reference\x01',
  p_receipt_subject => :receipt_subject, p_receipt_body => :receipt_body,
  p_news_subject => :news_subject, p_news_body => :news_body,
  p_binding_basis => 'agreement', p_agreed_name => NULL, p_agreement_version => 'bench', p_agreement_digest => 'bench');
