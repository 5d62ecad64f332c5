-- The schema as a fresh run of SQL/migrations leaves it (pg_dump --schema-only),
-- for reading: the migrations are what runs. A test compares this file with a
-- freshly migrated database; regenerate it after adding a migration with
--   EENLOKET_WRITE_SCHEMA=1 swift test --filter SchemaFileTests
--
-- PostgreSQL database dump
--

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: check_staff_panel_consistency(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.check_staff_panel_consistency() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    sid uuid;
    r text;
    has_panel boolean;
BEGIN
    IF TG_TABLE_NAME = 'staff' THEN sid := NEW.id; ELSE sid := NEW.staff_id; END IF;
    SELECT role INTO r FROM staff WHERE id = sid;
    SELECT EXISTS (SELECT 1 FROM panel_members WHERE staff_id = sid) INTO has_panel;
    IF (r = 'panel_member') IS DISTINCT FROM has_panel THEN
        RAISE EXCEPTION 'staff % with role % must % a panel row', sid, r,
            CASE WHEN has_panel THEN 'not have' ELSE 'have' END
            USING ERRCODE = 'check_violation', CONSTRAINT = 'staff_panel_consistency';
    END IF;
    RETURN NULL;
END;
$$;

--
-- Name: close_medical(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.close_medical() RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
    PERFORM set_config('eenloket.medical_read', '', true);
END;
$$;

--
-- Name: consent_given(uuid, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.consent_given(p_case uuid, p_kind text) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$
    SELECT coalesce((SELECT given FROM consent_changes WHERE case_id = p_case AND kind = p_kind ORDER BY id DESC LIMIT 1), false)
$$;

--
-- Name: draft_for(uuid, text, text, uuid, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.draft_for(p_case uuid, p_kind text, p_role text, p_viewer uuid, p_viewer_case uuid) RETURNS jsonb
    LANGUAGE plpgsql
    AS $$
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

--
-- Name: employee_link_unverified(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.employee_link_unverified(p_case uuid) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$
    SELECT EXISTS (
        SELECT 1 FROM case_parties p
         WHERE p.case_id = p_case AND p.role = 'employee' AND NOT p.is_filer AND p.verified_at IS NULL)
$$;

--
-- Name: end_sessions_on_credential_change(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.end_sessions_on_credential_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.password_hash IS DISTINCT FROM OLD.password_hash OR lower(NEW.email) IS DISTINCT FROM lower(OLD.email) THEN
        UPDATE staff_sessions SET revoked_at = now() WHERE staff_id = NEW.id AND revoked_at IS NULL;
        UPDATE login_challenges SET used_at = now() WHERE staff_id = NEW.id AND used_at IS NULL;
        DELETE FROM staff_devices WHERE staff_id = NEW.id;
    END IF;
    RETURN NULL;
END;
$$;

--
-- Name: enqueue_access_link(text, text, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.enqueue_access_link(p_reference text, p_email text, p_now timestamp with time zone) RETURNS void
    LANGUAGE sql
    AS $$
    INSERT INTO access_link_requests (requested_at, reference, email, sent) VALUES (p_now, p_reference, p_email, false);
    SELECT pg_notify('eenloket_outbox', '');
$$;

--
-- Name: file_case(uuid, date, timestamp with time zone, text, text, text, uuid, bytea, text, text, jsonb, text, text, text, jsonb, date, text, text, text, text, date, date, timestamp with time zone, timestamp with time zone, text, text, text, text, text, text, text, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.file_case(p_id uuid, p_filed_on date, p_now timestamp with time zone, p_filer_role text, p_filer_name text, p_filer_email text, p_party_id uuid, p_token_hash bytea, p_employee_name text, p_employee_email text, p_employee_address jsonb, p_employer_name text, p_employer_kvk text, p_employer_email text, p_employer_address jsonb, p_sick_since date, p_question text, p_physician_name text, p_physician_organisation text, p_medical text, p_triage_preferred_by date, p_triage_due_by date, p_preferred_passes_at timestamp with time zone, p_due_passes_at timestamp with time zone, p_reference_mark text, p_receipt_subject text, p_receipt_body text, p_news_subject text, p_news_body text, p_binding_basis text, p_agreed_name text, p_agreement_version text, p_agreement_digest text) RETURNS text
    LANGUAGE plpgsql
    AS $$
DECLARE
    ref text;
BEGIN
    INSERT INTO cases (id, reference, filer_role, employee_name, employer_name, employer_kvk, sick_since,
                       question, physician_name, physician_organisation, created_at, updated_at, filed_on,
                       employee_email, employer_email, employee_address, employer_address, binding_basis)
    VALUES (p_id, next_case_reference(extract(year FROM p_filed_on)::integer), p_filer_role, p_employee_name,
            p_employer_name, p_employer_kvk, p_sick_since, p_question, p_physician_name, p_physician_organisation,
            p_now, p_now, p_filed_on, p_employee_email, p_employer_email, p_employee_address, p_employer_address,
            p_binding_basis)
    RETURNING reference INTO ref;

    IF p_medical IS NOT NULL THEN
        INSERT INTO case_medical (case_id, medical_information) VALUES (p_id, p_medical);
    END IF;

    INSERT INTO case_parties (id, case_id, role, is_filer, name, email, token_hash, created_at)
    VALUES (p_party_id, p_id, p_filer_role, true, p_filer_name, p_filer_email, p_token_hash, p_now);

    -- The filer may agree to be bound while filing.
    IF p_agreed_name IS NOT NULL THEN
        INSERT INTO binding_agreements (case_id, party, name, agreed_at, version, digest)
        VALUES (p_id, p_filer_role, p_agreed_name, p_now, p_agreement_version, p_agreement_digest);
    END IF;

    INSERT INTO case_deadlines (case_id, stage, started_at, preferred_by, due_by)
    VALUES (p_id, 'triage', p_now, p_triage_preferred_by, p_triage_due_by);
    INSERT INTO timers (kind, case_id, stage, due_at, created_at)
    VALUES ('preferred_passed', p_id, 'triage', p_preferred_passes_at, p_now),
           ('due_passed', p_id, 'triage', p_due_passes_at, p_now);

    INSERT INTO case_events (case_id, at, type, actor_role, data)
    VALUES (p_id, p_now, 'case_filed', p_filer_role, jsonb_build_object('status', 'submitted'));
    IF p_agreed_name IS NOT NULL THEN
        INSERT INTO case_events (case_id, at, type, actor_role, data)
        VALUES (p_id, p_now, 'binding_agreed', p_filer_role, jsonb_build_object('party', p_filer_role, 'digest', p_agreement_digest));
    END IF;

    -- The receipt goes by e-mail only; a filer without an address reads the case page.
    INSERT INTO notifications (case_id, kind, channel, recipient_email, recipient_party, recipient_name,
                               subject, body, created_at, next_attempt_at)
    SELECT p_id, 'case_received', 'email', p_filer_email, p_filer_role, p_filer_name,
           replace(p_receipt_subject, p_reference_mark, ref), replace(p_receipt_body, p_reference_mark, ref), p_now, p_now
     WHERE p_filer_email IS NOT NULL;
    INSERT INTO notifications (case_id, kind, channel, recipient_email, recipient_staff_id, recipient_name,
                               subject, body, created_at, next_attempt_at)
    SELECT p_id, 'new_case', 'email', s.email, s.id, s.name,
           replace(p_news_subject, p_reference_mark, ref), replace(p_news_body, p_reference_mark, ref), p_now, p_now
      FROM staff s WHERE s.role = 'intake_officer' AND s.active;

    RETURN ref;
END;
$$;

--
-- Name: forbid_change(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.forbid_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

--
-- Name: forbid_delete(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.forbid_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE EXCEPTION '% rows are never deleted', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;

--
-- Name: free_panel_seats(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.free_panel_seats() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    PERFORM 1 FROM panel_members
     WHERE staff_id IN (SELECT staff_id FROM panel_assignments WHERE case_id = NEW.id AND released_at IS NULL)
     ORDER BY staff_id FOR UPDATE;
    UPDATE panel_members
       SET open_cases = open_cases - 1
     WHERE staff_id IN (SELECT staff_id FROM panel_assignments WHERE case_id = NEW.id AND released_at IS NULL);
    RETURN NULL;
END;
$$;

--
-- Name: guard_appeal_outcome(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_appeal_outcome() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.decided_on < (SELECT lodged_on FROM appeals WHERE case_id = NEW.case_id) THEN
        RAISE EXCEPTION 'the court cannot decide case % before the appeal was lodged', NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'appeal_outcome_after_appeal';
    END IF;
    RETURN NEW;
END;
$$;

--
-- Name: guard_appeal_outcome_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_appeal_outcome_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF current_setting('eenloket.retention', true) = 'on'
       AND (NEW.case_id, NEW.outcome, NEW.decided_on, NEW.recorded_at, NEW.recorded_by)
           = (OLD.case_id, OLD.outcome, OLD.decided_on, OLD.recorded_at, OLD.recorded_by) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'appeal_outcomes is append-only: UPDATE is not allowed' USING ERRCODE = 'insufficient_privilege';
END;
$$;

--
-- Name: guard_appointment_insert(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_appointment_insert() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (SELECT status FROM cases WHERE id = NEW.case_id FOR SHARE) IS DISTINCT FROM 'in_review' THEN
        RAISE EXCEPTION 'case % is not in review', NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'appointment_in_review';
    END IF;
    IF NEW.status <> 'scheduled' THEN
        RAISE EXCEPTION 'an appointment starts scheduled' USING ERRCODE = 'check_violation', CONSTRAINT = 'appointment_starts_scheduled';
    END IF;
    RETURN NEW;
END;
$$;

--
-- Name: guard_appointment_response(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_appointment_response() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('eenloket.retention', true) = 'on' THEN
        RETURN NEW;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM appointments
                    WHERE id = NEW.appointment_id AND status = 'scheduled' AND NEW.party = ANY (parties) FOR SHARE) THEN
        RAISE EXCEPTION 'appointment % takes no answer from the %', NEW.appointment_id, NEW.party
            USING ERRCODE = 'check_violation', CONSTRAINT = 'appointment_response_invited';
    END IF;
    RETURN NEW;
END;
$$;

--
-- Name: guard_appointment_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_appointment_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF current_setting('eenloket.retention', true) = 'on' AND NEW.status = OLD.status THEN
        RETURN NEW;
    END IF;
    IF OLD.status <> 'scheduled' OR NEW.status = 'scheduled'
       OR (NEW.id, NEW.case_id, NEW.kind, NEW.starts_at, NEW.duration_minutes, NEW.location, NEW.online_url, NEW.parties,
           NEW.examiner_id, NEW.planned_by, NEW.planned_at)
          IS DISTINCT FROM (OLD.id, OLD.case_id, OLD.kind, OLD.starts_at, OLD.duration_minutes, OLD.location, OLD.online_url,
                            OLD.parties, OLD.examiner_id, OLD.planned_by, OLD.planned_at) THEN
        RAISE EXCEPTION 'a scheduled appointment is cancelled or reported once, and nothing else of it changes'
            USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'appointment_changes_once';
    END IF;
    IF NEW.status IN ('held', 'not_held') AND NEW.reported_at < OLD.starts_at THEN
        RAISE EXCEPTION 'appointment % is reported before it started', OLD.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'appointment_reported_after_start';
    END IF;
    RETURN NEW;
END;
$$;

--
-- Name: guard_binding_agreement(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_binding_agreement() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.name IS NULL THEN
            RAISE EXCEPTION 'an agreement names who agreed' USING ERRCODE = 'check_violation';
        END IF;
        IF (SELECT status FROM cases WHERE id = NEW.case_id FOR SHARE) IN ('ruled', 'referred', 'answered', 'withdrawn') THEN
            RAISE EXCEPTION 'case % is closed: no agreement can be added', NEW.case_id
                USING ERRCODE = 'check_violation', CONSTRAINT = 'binding_agreement_case_open';
        END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND current_setting('eenloket.retention', true) = 'on' AND NEW.name IS NULL
       AND (NEW.case_id, NEW.party, NEW.agreed_at, NEW.version, NEW.digest)
           = (OLD.case_id, OLD.party, OLD.agreed_at, OLD.version, OLD.digest) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'binding_agreements is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

--
-- Name: guard_case_medical(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_case_medical() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (SELECT filer_role FROM cases WHERE id = NEW.case_id) <> 'employee' THEN
        RAISE EXCEPTION 'an employer may not record medical information' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;

--
-- Name: guard_case_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_case_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.id <> OLD.id OR NEW.reference <> OLD.reference OR NEW.filer_role <> OLD.filer_role
       OR NEW.created_at <> OLD.created_at THEN
        RAISE EXCEPTION 'the identity of case % cannot change', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.status <> OLD.status THEN
        IF NOT EXISTS (SELECT 1 FROM case_status_transitions
                       WHERE from_status = OLD.status AND to_status = NEW.status) THEN
            RAISE EXCEPTION 'case % cannot go from % to %', OLD.id, OLD.status, NEW.status
                USING ERRCODE = 'check_violation', CONSTRAINT = 'case_status_transition';
        END IF;
        -- A closed case has nothing left to be due; the retention period starts.
        IF NEW.status IN ('ruled', 'referred', 'answered', 'withdrawn') THEN
            NEW.next_due_by := NULL;
            NEW.closed_at := NEW.updated_at;
        END IF;
    END IF;
    RETURN NEW;
END;
$$;

--
-- Name: guard_consent_change(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_consent_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    PERFORM 1 FROM cases WHERE id = NEW.case_id FOR NO KEY UPDATE;
    IF consent_given(NEW.case_id, NEW.kind) = NEW.given THEN
        RAISE EXCEPTION 'consent % on case % is already %', NEW.kind, NEW.case_id, NEW.given
            USING ERRCODE = 'check_violation', CONSTRAINT = 'consent_is_a_change';
    END IF;
    RETURN NEW;
END;
$$;

--
-- Name: guard_document_change(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_document_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF current_setting('eenloket.retention', true) = 'on' THEN
        IF TG_OP = 'DELETE' OR TG_TABLE_NAME = 'document_chunks' THEN
            RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END IF;
        IF (NEW.id, NEW.case_id, NEW.kind, NEW.content_type, NEW.size, NEW.sha256, NEW.medical, NEW.uploaded_by,
            NEW.uploaded_by_staff, NEW.uploaded_at)
           IS NOT DISTINCT FROM (OLD.id, OLD.case_id, OLD.kind, OLD.content_type, OLD.size, OLD.sha256, OLD.medical,
                                 OLD.uploaded_by, OLD.uploaded_by_staff, OLD.uploaded_at) THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

--
-- Name: guard_document_insert(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_document_insert() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (SELECT status FROM cases WHERE id = NEW.case_id FOR SHARE)
       NOT IN ('submitted', 'awaiting_panel', 'in_review', 'draft_ruling') THEN
        RAISE EXCEPTION 'case % takes no documents now', NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'document_while_open';
    END IF;
    IF NEW.kind = 'treating_physician_info' AND NEW.uploaded_by IN ('intake_officer', 'panel_member')
       AND NOT consent_given(NEW.case_id, 'treating_physician') THEN
        RAISE EXCEPTION 'no consent for information from treating physicians on case %', NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'treating_physician_consent';
    END IF;
    RETURN NEW;
END;
$$;

--
-- Name: guard_draft_change(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_draft_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF current_setting('eenloket.retention', true) = 'on' THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

--
-- Name: guard_draft_comment(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_draft_comment() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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

--
-- Name: guard_draft_insert(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_draft_insert() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (SELECT status FROM cases WHERE id = NEW.case_id FOR SHARE) IS DISTINCT FROM 'draft_ruling' THEN
        RAISE EXCEPTION 'case % is not in draft_ruling', NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'draft_case_in_draft_ruling';
    END IF;
    RETURN NEW;
END;
$$;

--
-- Name: guard_invited_contact(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_invited_contact() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NOT NEW.is_filer AND NEW.email IS NOT NULL AND EXISTS (
        SELECT 1 FROM case_parties f
         WHERE f.case_id = NEW.case_id AND f.is_filer AND lower(btrim(f.email)) = lower(btrim(NEW.email))) THEN
        RAISE EXCEPTION 'the invited party of case % cannot have the filer''s e-mail address', NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'invited_contact_differs';
    END IF;
    RETURN NEW;
END;
$$;

--
-- Name: guard_objection_insert(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_objection_insert() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (SELECT status FROM cases WHERE id = NEW.case_id FOR SHARE) NOT IN ('awaiting_panel', 'in_review') THEN
        RAISE EXCEPTION 'case % is not with its panel', NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'objection_while_panel_works';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM panel_assignments
                    WHERE case_id = NEW.case_id AND staff_id = NEW.staff_id AND released_at IS NULL) THEN
        RAISE EXCEPTION 'staff % is not on the panel of case %', NEW.staff_id, NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'objection_against_member';
    END IF;
    IF NEW.party = 'employee' AND employee_link_unverified(NEW.case_id) THEN
        RAISE EXCEPTION 'the invited employee of case % is not verified yet', NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'employee_not_verified';
    END IF;
    RETURN NEW;
END;
$$;

--
-- Name: guard_objection_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_objection_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF current_setting('eenloket.retention', true) = 'on'
       AND (NEW.id, NEW.case_id, NEW.staff_id, NEW.party, NEW.lodged_at, NEW.upheld, NEW.decided_at, NEW.decided_by)
           IS NOT DISTINCT FROM (OLD.id, OLD.case_id, OLD.staff_id, OLD.party, OLD.lodged_at, OLD.upheld, OLD.decided_at, OLD.decided_by) THEN
        RETURN NEW;
    END IF;
    IF OLD.decided_at IS NOT NULL
       OR (NEW.id, NEW.case_id, NEW.staff_id, NEW.party, NEW.reason, NEW.lodged_at)
          IS DISTINCT FROM (OLD.id, OLD.case_id, OLD.staff_id, OLD.party, OLD.reason, OLD.lodged_at) THEN
        RAISE EXCEPTION 'an objection is decided once, and nothing else of it changes'
            USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'objection_decided_once';
    END IF;
    RETURN NEW;
END;
$$;

--
-- Name: guard_panel_assignment(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_panel_assignment() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'panel assignments are never deleted' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF (NEW.id, NEW.case_id, NEW.staff_id, NEW.discipline, NEW.assigned_at)
       IS DISTINCT FROM (OLD.id, OLD.case_id, OLD.staff_id, OLD.discipline, OLD.assigned_at)
       OR OLD.released_at IS NOT NULL
       OR (OLD.is_chair AND NOT NEW.is_chair)
       OR (NEW.is_chair AND NOT OLD.is_chair AND NEW.released_at IS NOT NULL) THEN
        RAISE EXCEPTION 'a panel assignment can only be released once, or take over the chair'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- A panel changes only while it works; after a ruling it is what the ruling names.
    IF (SELECT status FROM cases WHERE id = NEW.case_id) NOT IN ('awaiting_panel', 'in_review') THEN
        RAISE EXCEPTION 'the panel of case % can no longer change', NEW.case_id USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.released_at IS NOT NULL THEN
        UPDATE panel_members SET open_cases = open_cases - 1 WHERE staff_id = NEW.staff_id;
    END IF;
    RETURN NEW;
END;
$$;

--
-- Name: guard_ruling_after_draft(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_ruling_after_draft() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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

--
-- Name: guard_ruling_insert(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_ruling_insert() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (SELECT status FROM cases WHERE id = NEW.case_id) IS DISTINCT FROM 'ruled' THEN
        RAISE EXCEPTION 'case % is not ruled', NEW.case_id USING ERRCODE = 'check_violation', CONSTRAINT = 'ruling_case_ruled';
    END IF;
    RETURN NEW;
END;
$$;

--
-- Name: guard_ruling_medical(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_ruling_medical() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('eenloket.retention', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'ruling_medical is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

--
-- Name: guard_seat_not_retaken(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_seat_not_retaken() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM panel_assignments
                WHERE case_id = NEW.case_id AND staff_id = NEW.staff_id AND released_at IS NOT NULL) THEN
        RAISE EXCEPTION 'member % left the panel of case % and never returns to it', NEW.staff_id, NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'member_never_returns';
    END IF;
    RETURN NEW;
END;
$$;

--
-- Name: guard_statement(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_statement() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('eenloket.retention', true) = 'on'
       AND (NEW.id, NEW.case_id, NEW.author_role, NEW.author_staff_id, NEW.medical, NEW.created_at)
           IS NOT DISTINCT FROM (OLD.id, OLD.case_id, OLD.author_role, OLD.author_staff_id, OLD.medical, OLD.created_at) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'case_statements is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

--
-- Name: guard_unverified_employee(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.guard_unverified_employee() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    speaks_for_employee boolean;
BEGIN
    IF TG_TABLE_NAME = 'case_statements' THEN
        speaks_for_employee := NEW.author_role = 'employee';
    ELSE
        speaks_for_employee := NEW.party = 'employee' AND NEW.answered_at IS NOT NULL AND OLD.answered_at IS NULL;
    END IF;
    IF speaks_for_employee AND employee_link_unverified(NEW.case_id) THEN
        RAISE EXCEPTION 'the invited employee of case % is not verified yet', NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'employee_not_verified';
    END IF;
    RETURN NEW;
END;
$$;

--
-- Name: medical_considerations_for(uuid, text, text, uuid, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.medical_considerations_for(p_case uuid, p_kind text, p_role text, p_viewer uuid, p_viewer_case uuid) RETURNS text
    LANGUAGE plpgsql
    AS $$
DECLARE
    result text;
BEGIN
    IF NOT open_medical(p_case, p_kind, p_role, p_viewer, p_viewer_case) THEN RETURN NULL; END IF;
    SELECT medical_considerations INTO result FROM ruling_medical WHERE case_id = p_case;
    PERFORM close_medical();
    RETURN result;
END;
$$;

--
-- Name: medical_information_for(uuid, text, text, uuid, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.medical_information_for(p_case uuid, p_kind text, p_role text, p_viewer uuid, p_viewer_case uuid) RETURNS text
    LANGUAGE plpgsql
    AS $$
DECLARE
    result text;
BEGIN
    IF NOT open_medical(p_case, p_kind, p_role, p_viewer, p_viewer_case) THEN RETURN NULL; END IF;
    SELECT medical_information INTO result FROM case_medical WHERE case_id = p_case;
    PERFORM close_medical();
    RETURN result;
END;
$$;

--
-- Name: medical_presence(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.medical_presence(p_case uuid, OUT information boolean, OUT considerations boolean) RETURNS record
    LANGUAGE plpgsql
    AS $$
BEGIN
    PERFORM set_config('eenloket.medical_read', 'on', true);
    information := EXISTS (SELECT 1 FROM case_medical WHERE case_id = p_case);
    considerations := EXISTS (SELECT 1 FROM ruling_medical WHERE case_id = p_case);
    PERFORM close_medical();
END;
$$;

--
-- Name: medical_retention_due(timestamp with time zone, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.medical_retention_due(p_cutoff timestamp with time zone, p_limit integer) RETURNS TABLE(id uuid, reference text, closed_at timestamp with time zone)
    LANGUAGE sql STABLE
    AS $$
    SELECT c.id, c.reference, c.closed_at FROM cases c
     WHERE c.medical_purged_at IS NULL AND c.closed_at IS NOT NULL AND c.closed_at < p_cutoff
       AND NOT EXISTS (SELECT 1 FROM appeals a WHERE a.case_id = c.id AND a.recorded_at >= p_cutoff)
     ORDER BY c.closed_at
     LIMIT p_limit;
$$;

--
-- Name: medical_visible_to(uuid, text, text, uuid, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.medical_visible_to(p_case uuid, p_kind text, p_role text, p_viewer uuid, p_viewer_case uuid) RETURNS boolean
    LANGUAGE plpgsql STABLE
    AS $$
BEGIN
    IF p_kind = 'party' THEN
        RETURN p_role = 'employee' AND p_viewer_case = p_case AND EXISTS (
            SELECT 1 FROM case_parties p
             WHERE p.case_id = p_case AND p.role = 'employee' AND (p.is_filer OR p.verified_at IS NOT NULL));
    ELSIF p_kind = 'staff' AND p_role = 'intake_officer' THEN
        RETURN true;
    ELSIF p_kind = 'staff' AND p_role = 'panel_member' THEN
        RETURN EXISTS (
            SELECT 1 FROM panel_assignments pa JOIN cases c ON c.id = pa.case_id
             WHERE pa.case_id = p_case AND pa.staff_id = p_viewer AND pa.released_at IS NULL
               AND pa.discipline IN ('bedrijfsarts', 'verzekeringsarts') AND c.status <> 'withdrawn');
    END IF;
    RETURN false;
END;
$$;

--
-- Name: next_case_reference(integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.next_case_reference(p_year integer) RETURNS text
    LANGUAGE plpgsql
    AS $$
DECLARE
    seq text := 'case_reference_' || p_year;
BEGIN
    IF p_year NOT BETWEEN 1000 AND 9999 THEN
        RAISE EXCEPTION 'year % out of range', p_year USING ERRCODE = 'check_violation';
    END IF;
    IF to_regclass(seq) IS NULL THEN
        BEGIN
            EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I MAXVALUE 999999', seq);
        EXCEPTION WHEN unique_violation OR duplicate_table THEN
            NULL;  -- another transaction created it first
        END;
    END IF;
    RETURN format('EL-%s-%s', p_year, lpad(nextval(seq)::text, 6, '0'));
END;
$$;

--
-- Name: notify_outbox(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.notify_outbox() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    PERFORM pg_notify('eenloket_outbox', '');
    RETURN NULL;
END;
$$;

--
-- Name: notify_timer(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.notify_timer() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    PERFORM pg_notify('eenloket_timers', '');
    RETURN NULL;
END;
$$;

--
-- Name: number_case_event(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.number_case_event() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    -- The foreign key on case_id rejects an event (and a counter) of an unknown case.
    INSERT INTO case_event_counters AS t (case_id, event_count) VALUES (NEW.case_id, 1)
    ON CONFLICT (case_id) DO UPDATE SET event_count = t.event_count + 1
    RETURNING event_count INTO NEW.seq;
    RETURN NEW;
END;
$$;

--
-- Name: open_medical(uuid, text, text, uuid, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.open_medical(p_case uuid, p_kind text, p_role text, p_viewer uuid, p_viewer_case uuid) RETURNS boolean
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF medical_visible_to(p_case, p_kind, p_role, p_viewer, p_viewer_case) THEN
        PERFORM set_config('eenloket.medical_read', 'on', true);
        RETURN true;
    END IF;
    RETURN false;
END;
$$;

--
-- Name: postal_address_ok(jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.postal_address_ok(a jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    AS $_$
    SELECT jsonb_typeof(a) = 'object'
       AND (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(a) AS k) = ARRAY['city', 'postal_code', 'street']
       AND jsonb_typeof(a -> 'street') = 'string' AND char_length(btrim(a ->> 'street')) BETWEEN 1 AND 200
       AND jsonb_typeof(a -> 'city') = 'string' AND char_length(btrim(a ->> 'city')) BETWEEN 1 AND 100
       AND jsonb_typeof(a -> 'postal_code') = 'string' AND (a ->> 'postal_code') ~ '^[1-9][0-9]{3} [A-Z]{2}$'
$_$;

--
-- Name: process_access_links(timestamp with time zone, integer, text, text, text, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.process_access_links(p_now timestamp with time zone, p_per_day integer, p_mark text, p_subject text, p_body text, p_limit integer) RETURNS integer
    LANGUAGE plpgsql
    AS $$
DECLARE
    r           record;
    v_case      uuid;
    v_party     text;
    v_reference text;
    v_sent      boolean;
    v_queued    integer := 0;
BEGIN
    FOR r IN SELECT id, reference, email, requested_at FROM access_link_requests
              WHERE processed_at IS NULL ORDER BY id LIMIT p_limit FOR UPDATE SKIP LOCKED LOOP
        v_case := NULL; v_party := NULL; v_reference := NULL; v_sent := false;
        SELECT p.case_id, p.role, c.reference INTO v_case, v_party, v_reference
          FROM cases c JOIN case_parties p ON p.case_id = c.id
         WHERE c.reference = upper(r.reference)
           AND p.email IS NOT NULL AND lower(p.email) = lower(r.email)
           AND (p.is_filer OR p.invited_at IS NOT NULL)
         ORDER BY p.role
         LIMIT 1
           FOR UPDATE OF p;
        IF v_case IS NOT NULL THEN
            v_sent := (SELECT count(*) FROM access_link_requests
                        WHERE case_id = v_case AND party = v_party AND sent
                          AND requested_at > r.requested_at - interval '24 hours') < p_per_day;
        END IF;
        IF v_sent THEN
            UPDATE case_parties
               SET token_hash = sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')),
                   first_used_at = NULL, check_failures = 0
             WHERE case_id = v_case AND role = v_party;
            INSERT INTO notifications (case_id, kind, channel, recipient_email, recipient_party, recipient_name,
                                       subject, body, created_at, next_attempt_at)
            SELECT p.case_id, 'access_link', 'email', p.email, p.role, p.name,
                   replace(p_subject, p_mark, v_reference), replace(p_body, p_mark, v_reference), p_now, p_now
              FROM case_parties p WHERE p.case_id = v_case AND p.role = v_party;
            INSERT INTO case_events (case_id, at, type, actor_role, data)
            VALUES (v_case, p_now, 'access_link_sent', 'system', jsonb_build_object('party', v_party));
            v_queued := v_queued + 1;
        END IF;
        UPDATE access_link_requests
           SET case_id = v_case, party = v_party, sent = v_sent, processed_at = p_now, reference = NULL, email = NULL
         WHERE id = r.id;
    END LOOP;
    RETURN v_queued;
END
$$;

--
-- Name: purge_addresses(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.purge_addresses() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.purged_at IS NOT NULL AND OLD.purged_at IS NULL THEN
        NEW.employee_address := NULL;
        NEW.employer_address := NULL;
        UPDATE case_parties SET address = NULL WHERE case_id = NEW.id AND address IS NOT NULL;
    END IF;
    RETURN NEW;
END;
$$;

--
-- Name: purge_agreement_names(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.purge_agreement_names() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE binding_agreements SET name = NULL WHERE case_id = NEW.id AND name IS NOT NULL;
    RETURN NEW;
END;
$$;

--
-- Name: purge_appeal_summaries(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.purge_appeal_summaries() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE appeal_outcomes SET summary = 'Verwijderd na afloop van de bewaartermijn.' WHERE case_id = NEW.id;
    RETURN NEW;
END;
$$;

--
-- Name: purge_appointments(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.purge_appointments() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    removed constant text := 'Verwijderd na afloop van de bewaartermijn.';
BEGIN
    UPDATE appointment_responses SET note = NULL
     WHERE note IS NOT NULL AND appointment_id IN (SELECT id FROM appointments WHERE case_id = NEW.id);
    UPDATE appointments
       SET location = CASE WHEN location IS NULL THEN NULL ELSE removed END,
           summary = CASE WHEN summary IS NULL THEN NULL ELSE removed END,
           cancel_reason = CASE WHEN cancel_reason IS NULL THEN NULL ELSE removed END
     WHERE case_id = NEW.id;
    RETURN NEW;
END;
$$;

--
-- Name: purge_documents(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.purge_documents() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    DELETE FROM document_chunks WHERE document_id IN (SELECT id FROM documents WHERE case_id = NEW.id AND NOT medical);
    UPDATE documents SET filename = 'verwijderd', description = NULL, purged_at = NEW.purged_at
     WHERE case_id = NEW.id AND NOT medical AND purged_at IS NULL;
    RETURN NEW;
END;
$$;

--
-- Name: purge_drafts(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.purge_drafts() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    removed constant text := 'Verwijderd na afloop van de bewaartermijn.';
BEGIN
    UPDATE draft_rulings SET decision = removed, motivation = removed WHERE case_id = NEW.id;
    UPDATE draft_comments SET text = removed WHERE case_id = NEW.id AND NOT medical AND text IS NOT NULL;
    RETURN NEW;
END;
$$;

--
-- Name: purge_medical_file(timestamp with time zone, timestamp with time zone, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.purge_medical_file(p_cutoff timestamp with time zone, p_now timestamp with time zone, p_limit integer) RETURNS SETOF uuid
    LANGUAGE plpgsql
    AS $$
DECLARE
    ids uuid[];
    removed constant text := 'Verwijderd na afloop van de bewaartermijn.';
BEGIN
    SELECT coalesce(array_agg(c.id), '{}') INTO ids FROM (
        SELECT c.id FROM cases c
         WHERE c.id IN (SELECT d.id FROM medical_retention_due(p_cutoff, NULL) d)
         ORDER BY c.closed_at
         LIMIT p_limit
           FOR UPDATE SKIP LOCKED) c;
    IF cardinality(ids) = 0 THEN
        RETURN;
    END IF;

    PERFORM set_config('eenloket.retention', 'on', true);
    DELETE FROM case_medical WHERE case_id = ANY (ids);
    DELETE FROM ruling_medical WHERE case_id = ANY (ids);
    DELETE FROM draft_ruling_medical WHERE case_id = ANY (ids);
    DELETE FROM appointment_medical WHERE appointment_id IN (SELECT a.id FROM appointments a WHERE a.case_id = ANY (ids));
    UPDATE case_statements SET text = removed WHERE case_id = ANY (ids) AND medical AND text <> removed;
    UPDATE draft_comments SET text = removed WHERE case_id = ANY (ids) AND medical AND text IS NOT NULL;
    DELETE FROM document_chunks WHERE document_id IN (SELECT d.id FROM documents d WHERE d.case_id = ANY (ids) AND d.medical);
    UPDATE documents SET filename = 'verwijderd', description = NULL, purged_at = p_now
     WHERE case_id = ANY (ids) AND medical AND purged_at IS NULL;
    UPDATE cases SET medical_purged_at = p_now WHERE id = ANY (ids);
    PERFORM set_config('eenloket.retention', 'off', true);

    INSERT INTO case_events (case_id, at, type, actor_role, data)
    SELECT id, p_now, 'medical_file_purged', 'system',
           jsonb_build_object('removed', jsonb_build_array(
               'medical_information', 'medical_considerations', 'medical_statements', 'medical_documents',
               'medical_comments', 'medical_notes'))
      FROM unnest(ids) AS id;
    RETURN QUERY SELECT unnest(ids);
END;
$$;

--
-- Name: purge_objections(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.purge_objections() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    removed constant text := 'Verwijderd na afloop van de bewaartermijn.';
BEGIN
    UPDATE objections SET reason = removed, motivation = CASE WHEN motivation IS NULL THEN NULL ELSE removed END
     WHERE case_id = NEW.id;
    UPDATE panel_step_asides SET reason = removed WHERE case_id = NEW.id;
    RETURN NEW;
END;
$$;

--
-- Name: purge_personal_data(timestamp with time zone, timestamp with time zone, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.purge_personal_data(p_cutoff timestamp with time zone, p_now timestamp with time zone, p_limit integer) RETURNS SETOF uuid
    LANGUAGE plpgsql
    AS $$
DECLARE
    ids uuid[];
    removed constant text := 'Verwijderd na afloop van de bewaartermijn.';
BEGIN
    SELECT coalesce(array_agg(c.id), '{}') INTO ids FROM (
        -- Limited after the lock, so instances purging at once each get their own cases.
        SELECT c.id FROM cases c
         WHERE c.id IN (SELECT d.id FROM retention_due(p_cutoff, NULL) d)
         ORDER BY c.closed_at
         LIMIT p_limit
           FOR UPDATE SKIP LOCKED) c;
    IF cardinality(ids) = 0 THEN
        RETURN;
    END IF;

    PERFORM set_config('eenloket.retention', 'on', true);
    UPDATE case_statements SET text = removed WHERE case_id = ANY (ids) AND NOT medical AND text <> removed;
    UPDATE case_parties SET name = NULL, email = NULL WHERE case_id = ANY (ids);
    UPDATE follow_ups SET remarks = NULL WHERE case_id = ANY (ids) AND remarks IS NOT NULL;
    DELETE FROM notifications WHERE case_id = ANY (ids);
    UPDATE cases
       SET employee_name = 'Verwijderd', question = removed, physician_name = NULL, physician_organisation = NULL,
           employee_email = NULL, employer_email = NULL,
           triage_motivation = CASE WHEN triage_motivation IS NULL THEN NULL ELSE removed END,
           purged_at = p_now
     WHERE id = ANY (ids);
    PERFORM set_config('eenloket.retention', 'off', true);

    INSERT INTO case_events (case_id, at, type, actor_role, data)
    SELECT id, p_now, 'personal_data_purged', 'system',
           jsonb_build_object('removed', jsonb_build_array(
               'statements', 'names_and_addresses', 'question', 'physician', 'messages', 'follow_up_remarks', 'documents'))
      FROM unnest(ids) AS id;
    RETURN QUERY SELECT unnest(ids);
END;
$$;

--
-- Name: purge_work_signals(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.purge_work_signals() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE follow_ups SET signals = '{}' WHERE case_id = NEW.id AND signals <> '{}';
    RETURN NEW;
END;
$$;

--
-- Name: rebuild_stats(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.rebuild_stats() RETURNS void
    LANGUAGE plpgsql
    AS $$
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

--
-- Name: refresh_next_due_by(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.refresh_next_due_by() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE cases c
       SET next_due_by = due.by
      FROM (SELECT CASE WHEN c2.status IN ('ruled', 'referred', 'answered', 'withdrawn') THEN NULL
                        ELSE (SELECT min(d.due_by) FROM case_deadlines d
                               WHERE d.case_id = c2.id AND d.met_at IS NULL) END AS by
              FROM cases c2 WHERE c2.id = NEW.case_id) due
     WHERE c.id = NEW.case_id AND c.next_due_by IS DISTINCT FROM due.by;
    RETURN NULL;
END;
$$;

--
-- Name: retention_due(timestamp with time zone, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.retention_due(p_cutoff timestamp with time zone, p_limit integer) RETURNS TABLE(id uuid, reference text, closed_at timestamp with time zone)
    LANGUAGE sql STABLE
    AS $$
    SELECT c.id, c.reference, c.closed_at FROM cases c
     WHERE c.purged_at IS NULL AND c.closed_at IS NOT NULL AND c.closed_at < p_cutoff
       AND NOT EXISTS (SELECT 1 FROM appeals a WHERE a.case_id = c.id AND a.recorded_at >= p_cutoff)
     ORDER BY c.closed_at
     LIMIT p_limit;
$$;

--
-- Name: routing_normalize(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.routing_normalize(t text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN lower(regexp_replace(regexp_replace(t, '^\s+|\s+$'::text, ''::text, 'g'::text), '\s+'::text, ' '::text, 'g'::text));

--
-- Name: routing_normalize_all(text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.routing_normalize_all(ts text[]) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN ARRAY(SELECT public.routing_normalize(t.t) AS routing_normalize FROM unnest(routing_normalize_all.ts) t(t));

--
-- Name: ruling_binds(uuid, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ruling_binds(p_case uuid, p_at timestamp with time zone) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$
    SELECT c.binding_basis = 'statute'
           OR (SELECT count(*) FROM binding_agreements a WHERE a.case_id = c.id) = 2
      FROM cases c WHERE c.id = p_case
$$;

--
-- Name: set_ruling_binding(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.set_ruling_binding() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.binding := coalesce(ruling_binds(NEW.case_id, NEW.decided_at), false);
    RETURN NEW;
END;
$$;

--
-- Name: stats_count_accepted(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stats_count_accepted() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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

--
-- Name: stats_count_case(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stats_count_case() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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

--
-- Name: stats_count_follow_through(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stats_count_follow_through() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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

--
-- Name: stats_count_ruling(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stats_count_ruling() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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

--
-- Name: stats_shard(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stats_shard() RETURNS smallint
    LANGUAGE sql
    AS $$ SELECT (txid_current() % 128)::smallint $$;

--
-- Name: take_panel_seat(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.take_panel_seat() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (SELECT status FROM cases WHERE id = NEW.case_id) NOT IN ('awaiting_panel', 'in_review') THEN
        RAISE EXCEPTION 'case % is not waiting for a panel', NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'panel_case_open';
    END IF;
    UPDATE panel_members pm
       SET open_cases = open_cases + 1, last_assignment = NEW.id
      FROM staff s
     WHERE pm.staff_id = NEW.staff_id AND s.id = pm.staff_id AND s.active
       AND pm.discipline = NEW.discipline AND pm.open_cases < pm.max_open_cases;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'member % cannot take another % seat', NEW.staff_id, NEW.discipline
            USING ERRCODE = 'check_violation', CONSTRAINT = 'panel_member_capacity';
    END IF;
    RETURN NEW;
END;
$$;

--
-- Name: timers_first_attempt(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.timers_first_attempt() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.next_attempt_at := coalesce(NEW.next_attempt_at, NEW.due_at);
    RETURN NEW;
END;
$$;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: access_link_requests; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.access_link_requests (
    id bigint NOT NULL,
    requested_at timestamp with time zone NOT NULL,
    case_id uuid,
    party text,
    sent boolean NOT NULL,
    reference text,
    email text,
    processed_at timestamp with time zone,
    CONSTRAINT access_link_requests_check CHECK (((case_id IS NULL) = (party IS NULL))),
    CONSTRAINT access_link_requests_check1 CHECK (((NOT sent) OR (case_id IS NOT NULL))),
    CONSTRAINT access_link_requests_email_check CHECK ((char_length(email) <= 320)),
    CONSTRAINT access_link_requests_party_check CHECK ((party = ANY (ARRAY['employee'::text, 'employer'::text]))),
    CONSTRAINT access_link_requests_reference_check CHECK ((char_length(reference) <= 40)),
    CONSTRAINT matched_only_when_processed CHECK (((processed_at IS NOT NULL) OR ((case_id IS NULL) AND (NOT sent)))),
    CONSTRAINT pending_request_is_complete CHECK (((processed_at IS NOT NULL) OR ((reference IS NOT NULL) AND (email IS NOT NULL)))),
    CONSTRAINT typed_only_until_processed CHECK (((processed_at IS NULL) OR ((reference IS NULL) AND (email IS NULL))))
);

--
-- Name: access_link_requests_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.access_link_requests ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.access_link_requests_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: appeal_outcomes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.appeal_outcomes (
    case_id uuid NOT NULL,
    outcome text NOT NULL,
    decided_on date NOT NULL,
    summary text NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    recorded_by uuid NOT NULL,
    CONSTRAINT appeal_outcomes_outcome_check CHECK ((outcome = ANY (ARRAY['upheld'::text, 'set_aside'::text, 'settled'::text, 'withdrawn'::text]))),
    CONSTRAINT appeal_outcomes_summary_check CHECK (((char_length(btrim(summary)) >= 1) AND (char_length(btrim(summary)) <= 5000)))
);

--
-- Name: appeals; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.appeals (
    case_id uuid NOT NULL,
    court text NOT NULL,
    lodged_on date NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    recorded_by text NOT NULL,
    CONSTRAINT appeals_court_check CHECK (((char_length(btrim(court)) >= 1) AND (char_length(btrim(court)) <= 200))),
    CONSTRAINT appeals_recorded_by_check CHECK ((recorded_by = ANY (ARRAY['employee'::text, 'employer'::text, 'coordinator'::text])))
);

--
-- Name: appointment_medical; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.appointment_medical (
    appointment_id uuid NOT NULL,
    medical_notes text NOT NULL,
    CONSTRAINT appointment_medical_medical_notes_check CHECK (((char_length(medical_notes) >= 1) AND (char_length(medical_notes) <= 20000)))
);

ALTER TABLE ONLY public.appointment_medical FORCE ROW LEVEL SECURITY;

--
-- Name: appointment_responses; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.appointment_responses (
    appointment_id uuid NOT NULL,
    party text NOT NULL,
    attending boolean NOT NULL,
    note text,
    answered_at timestamp with time zone NOT NULL,
    CONSTRAINT appointment_responses_note_check CHECK (((char_length(note) >= 1) AND (char_length(note) <= 2000))),
    CONSTRAINT appointment_responses_party_check CHECK ((party = ANY (ARRAY['employee'::text, 'employer'::text])))
);

--
-- Name: appointments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.appointments (
    id uuid NOT NULL,
    case_id uuid NOT NULL,
    kind text NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    duration_minutes integer NOT NULL,
    location text,
    online_url text,
    parties text[] NOT NULL,
    examiner_id uuid,
    status text DEFAULT 'scheduled'::text NOT NULL,
    planned_by uuid NOT NULL,
    planned_at timestamp with time zone NOT NULL,
    cancel_reason text,
    cancelled_at timestamp with time zone,
    summary text,
    reported_at timestamp with time zone,
    reported_by uuid,
    CONSTRAINT appointment_cancelled_complete CHECK (((status = 'cancelled'::text) = ((cancelled_at IS NOT NULL) AND (cancel_reason IS NOT NULL)))),
    CONSTRAINT appointment_has_a_place CHECK (((location IS NOT NULL) OR (online_url IS NOT NULL))),
    CONSTRAINT appointment_reported_complete CHECK ((((status = ANY (ARRAY['held'::text, 'not_held'::text])) = ((reported_at IS NOT NULL) AND (reported_by IS NOT NULL))) AND ((summary IS NULL) OR (status = ANY (ARRAY['held'::text, 'not_held'::text]))))),
    CONSTRAINT appointments_cancel_reason_check CHECK (((char_length(cancel_reason) >= 1) AND (char_length(cancel_reason) <= 2000))),
    CONSTRAINT appointments_duration_minutes_check CHECK (((duration_minutes >= 15) AND (duration_minutes <= 480))),
    CONSTRAINT appointments_kind_check CHECK ((kind = ANY (ARRAY['hearing'::text, 'examination'::text]))),
    CONSTRAINT appointments_location_check CHECK (((char_length(location) >= 1) AND (char_length(location) <= 500))),
    CONSTRAINT appointments_online_url_check CHECK (((online_url ~ '^https://'::text) AND (char_length(online_url) <= 2000))),
    CONSTRAINT appointments_parties_check CHECK ((((cardinality(parties) >= 1) AND (cardinality(parties) <= 2)) AND (parties <@ ARRAY['employee'::text, 'employer'::text]))),
    CONSTRAINT appointments_status_check CHECK ((status = ANY (ARRAY['scheduled'::text, 'cancelled'::text, 'held'::text, 'not_held'::text]))),
    CONSTRAINT appointments_summary_check CHECK (((char_length(summary) >= 1) AND (char_length(summary) <= 20000))),
    CONSTRAINT examination_of_the_employee CHECK (((kind = 'hearing'::text) OR ((parties = ARRAY['employee'::text]) AND (examiner_id IS NOT NULL))))
);

--
-- Name: binding_agreements; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.binding_agreements (
    case_id uuid NOT NULL,
    party text NOT NULL,
    name text,
    agreed_at timestamp with time zone NOT NULL,
    version text NOT NULL,
    digest text NOT NULL,
    CONSTRAINT binding_agreements_digest_check CHECK ((digest ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT binding_agreements_name_check CHECK (((char_length(name) >= 2) AND (char_length(name) <= 200))),
    CONSTRAINT binding_agreements_party_check CHECK ((party = ANY (ARRAY['employee'::text, 'employer'::text]))),
    CONSTRAINT binding_agreements_version_check CHECK (((char_length(version) >= 1) AND (char_length(version) <= 40)))
);

--
-- Name: case_deadlines; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.case_deadlines (
    case_id uuid NOT NULL,
    stage text NOT NULL,
    started_at timestamp with time zone NOT NULL,
    preferred_by date NOT NULL,
    due_by date NOT NULL,
    met_at timestamp with time zone,
    CONSTRAINT case_deadlines_check CHECK ((preferred_by <= due_by)),
    CONSTRAINT case_deadlines_stage_check CHECK ((stage = ANY (ARRAY['triage'::text, 'panel'::text, 'ruling'::text])))
);

--
-- Name: case_event_counters; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.case_event_counters (
    case_id uuid NOT NULL,
    event_count integer NOT NULL,
    CONSTRAINT case_event_counters_event_count_check CHECK ((event_count > 0))
);

--
-- Name: case_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.case_events (
    id bigint NOT NULL,
    case_id uuid NOT NULL,
    seq integer NOT NULL,
    at timestamp with time zone NOT NULL,
    type text NOT NULL,
    actor_role text NOT NULL,
    actor_staff_id uuid,
    data jsonb DEFAULT '{}'::jsonb NOT NULL,
    CONSTRAINT case_events_actor_role_check CHECK ((actor_role = ANY (ARRAY['employee'::text, 'employer'::text, 'admin'::text, 'coordinator'::text, 'intake_officer'::text, 'panel_member'::text, 'inspector'::text, 'system'::text]))),
    CONSTRAINT verification_and_reprint_are_choices CHECK ((((type <> 'party_verified'::text) OR (COALESCE((data ->> 'how'::text), 'phone'::text) = ANY (ARRAY['phone'::text, 'in_person'::text]))) AND ((type <> 'letter_reprinted'::text) OR (COALESCE((data ->> 'reason'::text), 'lost'::text) = ANY (ARRAY['not_received'::text, 'lost'::text, 'wrong_person'::text])))))
);

--
-- Name: case_events_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.case_events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: case_events_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.case_events_id_seq OWNED BY public.case_events.id;

--
-- Name: case_medical; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.case_medical (
    case_id uuid NOT NULL,
    medical_information text NOT NULL,
    CONSTRAINT case_medical_medical_information_check CHECK (((char_length(medical_information) >= 1) AND (char_length(medical_information) <= 20000)))
);

ALTER TABLE ONLY public.case_medical FORCE ROW LEVEL SECURITY;

--
-- Name: case_parties; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.case_parties (
    id uuid NOT NULL,
    case_id uuid NOT NULL,
    role text NOT NULL,
    is_filer boolean NOT NULL,
    name text,
    email text,
    token_hash bytea NOT NULL,
    created_at timestamp with time zone NOT NULL,
    invited_at timestamp with time zone,
    hearing_ends_at timestamp with time zone,
    responded_at timestamp with time zone,
    address jsonb,
    verified_at timestamp with time zone,
    verified_by uuid,
    first_used_at timestamp with time zone,
    check_failures integer DEFAULT 0 NOT NULL,
    reply_window_ends_at timestamp with time zone,
    replied_at timestamp with time zone,
    CONSTRAINT case_parties_address_check CHECK (((address IS NULL) OR public.postal_address_ok(address))),
    CONSTRAINT case_parties_check_failures_check CHECK (((check_failures >= 0) AND (check_failures <= 5))),
    CONSTRAINT case_parties_email_check CHECK ((char_length(email) <= 320)),
    CONSTRAINT case_parties_name_check CHECK ((char_length(name) <= 200)),
    CONSTRAINT case_parties_role_check CHECK ((role = ANY (ARRAY['employee'::text, 'employer'::text]))),
    CONSTRAINT case_parties_token_hash_check CHECK ((octet_length(token_hash) = 32)),
    CONSTRAINT emailed_invitation_has_a_window CHECK (((invited_at IS NULL) OR (hearing_ends_at IS NOT NULL) OR (email IS NULL))),
    CONSTRAINT filer_is_not_invited CHECK (((NOT is_filer) OR (invited_at IS NULL))),
    CONSTRAINT filer_needs_no_verification CHECK (((NOT is_filer) OR (verified_at IS NULL))),
    CONSTRAINT reply_is_the_filers CHECK ((is_filer OR ((reply_window_ends_at IS NULL) AND (replied_at IS NULL)))),
    CONSTRAINT reply_within_a_window CHECK (((replied_at IS NULL) OR (reply_window_ends_at IS NOT NULL))),
    CONSTRAINT verification_recorded CHECK (((verified_at IS NULL) = (verified_by IS NULL))),
    CONSTRAINT window_only_when_invited CHECK (((invited_at IS NOT NULL) OR (hearing_ends_at IS NULL)))
);

--
-- Name: case_statements; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.case_statements (
    id uuid NOT NULL,
    case_id uuid NOT NULL,
    author_role text NOT NULL,
    author_staff_id uuid,
    text text NOT NULL,
    medical boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT case_statements_author_role_check CHECK ((author_role = ANY (ARRAY['employee'::text, 'employer'::text, 'panel_member'::text]))),
    CONSTRAINT case_statements_check CHECK (((author_role = 'panel_member'::text) = (author_staff_id IS NOT NULL))),
    CONSTRAINT case_statements_check1 CHECK (((NOT medical) OR (author_role = ANY (ARRAY['employee'::text, 'panel_member'::text])))),
    CONSTRAINT case_statements_text_check CHECK (((char_length(text) >= 1) AND (char_length(text) <= 20000)))
);

ALTER TABLE ONLY public.case_statements FORCE ROW LEVEL SECURITY;

--
-- Name: case_status_transitions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.case_status_transitions (
    from_status text NOT NULL,
    to_status text NOT NULL
);

--
-- Name: cases; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cases (
    id uuid NOT NULL,
    reference text NOT NULL,
    status text DEFAULT 'submitted'::text NOT NULL,
    filer_role text NOT NULL,
    employee_name text NOT NULL,
    employer_name text NOT NULL,
    employer_kvk text NOT NULL,
    sick_since date NOT NULL,
    question text NOT NULL,
    physician_name text,
    physician_organisation text,
    case_type text,
    triage_decision text,
    triage_motivation text,
    requested_disciplines text[] DEFAULT '{}'::text[] NOT NULL,
    triaged_at timestamp with time zone,
    triaged_by uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    filed_on date NOT NULL,
    filed_year integer GENERATED ALWAYS AS ((EXTRACT(year FROM filed_on))::integer) STORED NOT NULL,
    next_due_by date,
    employer_email text,
    employee_email text,
    closed_at timestamp with time zone,
    purged_at timestamp with time zone,
    employee_address jsonb,
    employer_address jsonb,
    binding_basis text DEFAULT 'agreement'::text NOT NULL,
    earlier_spell_started_on date,
    earlier_spell_ended_on date,
    medical_purged_at timestamp with time zone,
    returned_to_work_on date,
    CONSTRAINT accepted_case_is_classified CHECK (((triage_decision IS DISTINCT FROM 'accept'::text) OR ((case_type IS NOT NULL) AND (cardinality(requested_disciplines) > 0) AND (requested_disciplines && ARRAY['bedrijfsarts'::text, 'verzekeringsarts'::text])))),
    CONSTRAINT cases_binding_basis_check CHECK ((binding_basis = ANY (ARRAY['agreement'::text, 'statute'::text]))),
    CONSTRAINT cases_case_type_check CHECK ((case_type = ANY (ARRAY['second_opinion'::text, 'work_capacity'::text, 'suitable_work'::text, 'reintegration_effort'::text, 'track_two'::text, 'other'::text]))),
    CONSTRAINT cases_employee_address_check CHECK (((employee_address IS NULL) OR public.postal_address_ok(employee_address))),
    CONSTRAINT cases_employee_email_check CHECK ((char_length(employee_email) <= 320)),
    CONSTRAINT cases_employee_name_check CHECK (((char_length(btrim(employee_name)) >= 1) AND (char_length(btrim(employee_name)) <= 200))),
    CONSTRAINT cases_employer_address_check CHECK (((employer_address IS NULL) OR public.postal_address_ok(employer_address))),
    CONSTRAINT cases_employer_email_check CHECK ((char_length(employer_email) <= 320)),
    CONSTRAINT cases_employer_kvk_check CHECK ((employer_kvk ~ '^[0-9]{8}$'::text)),
    CONSTRAINT cases_employer_name_check CHECK (((char_length(btrim(employer_name)) >= 1) AND (char_length(btrim(employer_name)) <= 200))),
    CONSTRAINT cases_filer_role_check CHECK ((filer_role = ANY (ARRAY['employee'::text, 'employer'::text]))),
    CONSTRAINT cases_physician_name_check CHECK ((char_length(physician_name) <= 200)),
    CONSTRAINT cases_physician_organisation_check CHECK ((char_length(physician_organisation) <= 200)),
    CONSTRAINT cases_question_check CHECK (((char_length(question) >= 20) AND (char_length(question) <= 20000))),
    CONSTRAINT cases_reference_check CHECK ((reference ~ '^EL-[0-9]{4}-[0-9]{6}$'::text)),
    CONSTRAINT cases_requested_disciplines_check CHECK ((requested_disciplines <@ ARRAY['bedrijfsarts'::text, 'verzekeringsarts'::text, 'arbeidsdeskundige'::text])),
    CONSTRAINT cases_status_check CHECK ((status = ANY (ARRAY['submitted'::text, 'awaiting_panel'::text, 'in_review'::text, 'draft_ruling'::text, 'ruled'::text, 'referred'::text, 'answered'::text, 'withdrawn'::text]))),
    CONSTRAINT cases_triage_decision_check CHECK ((triage_decision = ANY (ARRAY['accept'::text, 'refer'::text, 'answer'::text]))),
    CONSTRAINT cases_triage_motivation_check CHECK (((char_length(triage_motivation) >= 10) AND (char_length(triage_motivation) <= 20000))),
    CONSTRAINT decision_matches_status CHECK (((status = 'submitted'::text) OR ((status = 'withdrawn'::text) AND ((triage_decision IS NULL) OR (triage_decision = 'accept'::text))) OR ((status = ANY (ARRAY['awaiting_panel'::text, 'in_review'::text, 'draft_ruling'::text, 'ruled'::text])) AND (triage_decision = 'accept'::text)) OR ((status = 'referred'::text) AND (triage_decision = 'refer'::text)) OR ((status = 'answered'::text) AND (triage_decision = 'answer'::text)))),
    CONSTRAINT earlier_spell_before_this_one CHECK (((earlier_spell_started_on <= earlier_spell_ended_on) AND (earlier_spell_ended_on < sick_since))),
    CONSTRAINT earlier_spell_complete CHECK (((earlier_spell_started_on IS NULL) = (earlier_spell_ended_on IS NULL))),
    CONSTRAINT return_after_sickness_began CHECK (((returned_to_work_on IS NULL) OR (returned_to_work_on >= sick_since))),
    CONSTRAINT triage_recorded CHECK ((((triage_decision IS NULL) = (triaged_at IS NULL)) AND ((status <> 'submitted'::text) OR (triage_decision IS NULL))))
);

--
-- Name: consent_changes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.consent_changes (
    id bigint NOT NULL,
    case_id uuid NOT NULL,
    kind text NOT NULL,
    given boolean NOT NULL,
    changed_at timestamp with time zone NOT NULL,
    CONSTRAINT consent_changes_kind_check CHECK ((kind = ANY (ARRAY['treating_physician'::text, 'share_with_own_physician'::text])))
);

--
-- Name: consent_changes_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.consent_changes ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.consent_changes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: deadline_rules; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.deadline_rules (
    stage text NOT NULL,
    preferred_days integer NOT NULL,
    due_days integer NOT NULL,
    unit text DEFAULT 'working_days'::text NOT NULL,
    CONSTRAINT deadline_rules_check CHECK ((due_days >= preferred_days)),
    CONSTRAINT deadline_rules_preferred_days_check CHECK ((preferred_days >= 0)),
    CONSTRAINT deadline_rules_stage_check CHECK (((stage = ANY (ARRAY['triage'::text, 'panel'::text, 'ruling'::text])) OR (stage ~ '^follow_up_[1-9]$'::text))),
    CONSTRAINT deadline_rules_unit_check CHECK ((unit = ANY (ARRAY['working_days'::text, 'calendar_days'::text])))
);

--
-- Name: document_chunks; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.document_chunks (
    document_id uuid NOT NULL,
    seq integer NOT NULL,
    bytes bytea NOT NULL,
    CONSTRAINT document_chunks_bytes_check CHECK (((octet_length(bytes) >= 1) AND (octet_length(bytes) <= 262144))),
    CONSTRAINT document_chunks_seq_check CHECK ((seq >= 0))
);

ALTER TABLE ONLY public.document_chunks FORCE ROW LEVEL SECURITY;

--
-- Name: documents; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.documents (
    id uuid NOT NULL,
    case_id uuid NOT NULL,
    kind text NOT NULL,
    filename text NOT NULL,
    content_type text NOT NULL,
    size bigint NOT NULL,
    sha256 text NOT NULL,
    medical boolean NOT NULL,
    description text,
    uploaded_by text NOT NULL,
    uploaded_by_staff uuid,
    uploaded_at timestamp with time zone NOT NULL,
    purged_at timestamp with time zone,
    CONSTRAINT documents_content_type_check CHECK ((content_type = ANY (ARRAY['application/pdf'::text, 'image/png'::text, 'image/jpeg'::text]))),
    CONSTRAINT documents_description_check CHECK (((char_length(description) >= 1) AND (char_length(description) <= 500))),
    CONSTRAINT documents_filename_check CHECK (((char_length(filename) >= 1) AND (char_length(filename) <= 255))),
    CONSTRAINT documents_kind_check CHECK ((kind = ANY (ARRAY['problem_analysis'::text, 'action_plan'::text, 'physician_advice'::text, 'evaluation'::text, 'job_description'::text, 'treating_physician_info'::text, 'reintegration_report'::text, 'correspondence'::text, 'other'::text]))),
    CONSTRAINT documents_sha256_check CHECK ((sha256 ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT documents_size_check CHECK ((size > 0)),
    CONSTRAINT documents_uploaded_by_check CHECK ((uploaded_by = ANY (ARRAY['employee'::text, 'employer'::text, 'intake_officer'::text, 'panel_member'::text]))),
    CONSTRAINT employer_uploads_no_medical CHECK (((NOT medical) OR (uploaded_by <> 'employer'::text))),
    CONSTRAINT staff_upload_names_staff CHECK (((uploaded_by = ANY (ARRAY['intake_officer'::text, 'panel_member'::text])) = (uploaded_by_staff IS NOT NULL))),
    CONSTRAINT treating_physician_info_is_medical CHECK (((kind <> 'treating_physician_info'::text) OR medical))
);

ALTER TABLE ONLY public.documents FORCE ROW LEVEL SECURITY;

--
-- Name: draft_comments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.draft_comments (
    id uuid NOT NULL,
    case_id uuid NOT NULL,
    party text NOT NULL,
    no_comments boolean NOT NULL,
    text text,
    medical boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT draft_comments_check CHECK ((no_comments = (text IS NULL))),
    CONSTRAINT draft_comments_check1 CHECK (((NOT medical) OR ((party = 'employee'::text) AND (NOT no_comments)))),
    CONSTRAINT draft_comments_party_check CHECK ((party = ANY (ARRAY['employee'::text, 'employer'::text]))),
    CONSTRAINT draft_comments_text_check CHECK (((char_length(text) >= 1) AND (char_length(text) <= 20000)))
);

ALTER TABLE ONLY public.draft_comments FORCE ROW LEVEL SECURITY;

--
-- Name: draft_ruling_medical; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.draft_ruling_medical (
    case_id uuid NOT NULL,
    medical_considerations text NOT NULL,
    CONSTRAINT draft_ruling_medical_medical_considerations_check CHECK (((char_length(medical_considerations) >= 1) AND (char_length(medical_considerations) <= 20000)))
);

ALTER TABLE ONLY public.draft_ruling_medical FORCE ROW LEVEL SECURITY;

--
-- Name: draft_rulings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.draft_rulings (
    case_id uuid NOT NULL,
    outcome text NOT NULL,
    decision text NOT NULL,
    motivation text NOT NULL,
    issued_at timestamp with time zone NOT NULL,
    issued_by uuid NOT NULL,
    comments_until timestamp with time zone NOT NULL,
    CONSTRAINT draft_rulings_check CHECK ((comments_until > issued_at)),
    CONSTRAINT draft_rulings_decision_check CHECK (((char_length(decision) >= 1) AND (char_length(decision) <= 20000))),
    CONSTRAINT draft_rulings_motivation_check CHECK (((char_length(motivation) >= 1) AND (char_length(motivation) <= 20000))),
    CONSTRAINT draft_rulings_outcome_check CHECK ((outcome = ANY (ARRAY['upheld'::text, 'partly_upheld'::text, 'overturned'::text])))
);

--
-- Name: escalations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.escalations (
    id bigint NOT NULL,
    case_id uuid NOT NULL,
    kind text NOT NULL,
    detail text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    resolved_at timestamp with time zone,
    resolved_by uuid,
    CONSTRAINT escalations_check CHECK (((resolved_at IS NULL) = (resolved_by IS NULL))),
    CONSTRAINT escalations_kind_check CHECK ((kind = ANY (ARRAY['deadline_missed'::text, 'awaiting_panel'::text, 'chair_absent'::text, 'ruling_not_carried_out'::text, 'follow_ups_missed'::text, 'after_care_help'::text])))
);

--
-- Name: escalations_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.escalations_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: escalations_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.escalations_id_seq OWNED BY public.escalations.id;

--
-- Name: event_types; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.event_types (
    type text NOT NULL,
    CONSTRAINT event_types_type_check CHECK ((type ~ '^[a-z][a-z_]*$'::text))
);

--
-- Name: follow_ups; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.follow_ups (
    id uuid NOT NULL,
    case_id uuid NOT NULL,
    party text NOT NULL,
    sequence integer NOT NULL,
    due_at timestamp with time zone NOT NULL,
    answer_by timestamp with time zone NOT NULL,
    answered_at timestamp with time zone,
    carried_out text,
    return_to_work text,
    needs_help boolean,
    remarks text,
    missed_at timestamp with time zone,
    signals text[] DEFAULT '{}'::text[] NOT NULL,
    CONSTRAINT follow_ups_carried_out_check CHECK ((carried_out = ANY (ARRAY['yes'::text, 'partly'::text, 'no'::text]))),
    CONSTRAINT follow_ups_check CHECK ((answer_by > due_at)),
    CONSTRAINT follow_ups_check1 CHECK (((answered_at IS NULL) = (carried_out IS NULL))),
    CONSTRAINT follow_ups_check2 CHECK (((answered_at IS NULL) OR (missed_at IS NULL))),
    CONSTRAINT follow_ups_party_check CHECK ((party = ANY (ARRAY['employee'::text, 'employer'::text]))),
    CONSTRAINT follow_ups_remarks_check CHECK ((char_length(remarks) <= 2000)),
    CONSTRAINT follow_ups_return_to_work_check CHECK ((return_to_work = ANY (ARRAY['working_as_agreed'::text, 'working_less'::text, 'not_working'::text, 'not_applicable'::text]))),
    CONSTRAINT follow_ups_sequence_check CHECK ((sequence >= 1)),
    CONSTRAINT signals_are_the_employees CHECK (((party = 'employee'::text) OR (signals = '{}'::text[]))),
    CONSTRAINT signals_known CHECK ((signals <@ ARRAY['fatigue'::text, 'more_errors'::text, 'withdrawal'::text, 'irritability'::text, 'worry'::text]))
);

--
-- Name: idempotency_keys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.idempotency_keys (
    key_hash bytea NOT NULL,
    request_hash bytea NOT NULL,
    case_id uuid,
    response_status integer,
    response_sealed bytea,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT idempotency_keys_check CHECK (((response_status IS NULL) = (response_sealed IS NULL))),
    CONSTRAINT idempotency_keys_key_hash_check CHECK ((octet_length(key_hash) = 32)),
    CONSTRAINT idempotency_keys_request_hash_check CHECK ((octet_length(request_hash) = 32))
);

--
-- Name: login_attempts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.login_attempts (
    id bigint NOT NULL,
    email_key text NOT NULL,
    at timestamp with time zone NOT NULL,
    client_address text,
    device_hash bytea,
    CONSTRAINT login_attempts_device_hash_check CHECK ((octet_length(device_hash) = 32))
);

--
-- Name: login_attempts_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.login_attempts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: login_attempts_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.login_attempts_id_seq OWNED BY public.login_attempts.id;

--
-- Name: login_challenges; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.login_challenges (
    challenge_hash bytea NOT NULL,
    staff_id uuid NOT NULL,
    device_hash bytea,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    failures integer DEFAULT 0 NOT NULL,
    used_at timestamp with time zone,
    pending_secret_sealed bytea,
    CONSTRAINT login_challenges_challenge_hash_check CHECK ((octet_length(challenge_hash) = 32)),
    CONSTRAINT login_challenges_check CHECK ((expires_at > created_at)),
    CONSTRAINT login_challenges_device_hash_check CHECK ((octet_length(device_hash) = 32)),
    CONSTRAINT login_challenges_failures_check CHECK (((failures >= 0) AND (failures <= 5)))
);

--
-- Name: member_absences; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.member_absences (
    id uuid NOT NULL,
    staff_id uuid NOT NULL,
    starts_on date NOT NULL,
    ends_on date NOT NULL,
    reason text,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT member_absences_check CHECK ((ends_on >= starts_on)),
    CONSTRAINT member_absences_reason_check CHECK ((char_length(reason) <= 200))
);

--
-- Name: non_working_days; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.non_working_days (
    day date NOT NULL,
    reason text NOT NULL,
    CONSTRAINT non_working_days_reason_check CHECK (((char_length(reason) >= 1) AND (char_length(reason) <= 200)))
);

--
-- Name: notifications; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.notifications (
    id bigint NOT NULL,
    case_id uuid,
    kind text NOT NULL,
    channel text NOT NULL,
    recipient_email text,
    recipient_staff_id uuid,
    recipient_party text,
    recipient_name text,
    subject text NOT NULL,
    body text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    sent_at timestamp with time zone,
    failed_at timestamp with time zone,
    last_error text,
    CONSTRAINT notifications_attempts_check CHECK ((attempts >= 0)),
    CONSTRAINT notifications_channel_check CHECK ((channel = ANY (ARRAY['email'::text, 'letter'::text]))),
    CONSTRAINT notifications_check CHECK (((channel = 'letter'::text) OR (recipient_email IS NOT NULL))),
    CONSTRAINT notifications_check1 CHECK (((sent_at IS NULL) OR (failed_at IS NULL))),
    CONSTRAINT notifications_recipient_email_check CHECK ((char_length(recipient_email) <= 320)),
    CONSTRAINT notifications_recipient_party_check CHECK ((recipient_party = ANY (ARRAY['employee'::text, 'employer'::text])))
);

--
-- Name: notifications_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.notifications_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: notifications_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.notifications_id_seq OWNED BY public.notifications.id;

--
-- Name: objections; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.objections (
    id uuid NOT NULL,
    case_id uuid NOT NULL,
    staff_id uuid NOT NULL,
    party text NOT NULL,
    reason text NOT NULL,
    lodged_at timestamp with time zone NOT NULL,
    upheld boolean,
    motivation text,
    decided_at timestamp with time zone,
    decided_by uuid,
    CONSTRAINT objection_decision_complete CHECK ((((upheld IS NULL) = (decided_at IS NULL)) AND ((decided_at IS NULL) = (decided_by IS NULL)) AND ((decided_at IS NULL) = (motivation IS NULL)))),
    CONSTRAINT objections_motivation_check CHECK (((char_length(motivation) >= 1) AND (char_length(motivation) <= 5000))),
    CONSTRAINT objections_party_check CHECK ((party = ANY (ARRAY['employee'::text, 'employer'::text]))),
    CONSTRAINT objections_reason_check CHECK (((char_length(reason) >= 1) AND (char_length(reason) <= 5000)))
);

--
-- Name: panel_assignments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.panel_assignments (
    id bigint NOT NULL,
    case_id uuid NOT NULL,
    staff_id uuid NOT NULL,
    discipline text NOT NULL,
    is_chair boolean NOT NULL,
    assigned_at timestamp with time zone NOT NULL,
    released_at timestamp with time zone,
    release_reason text,
    CONSTRAINT panel_assignments_check CHECK (((NOT is_chair) OR (discipline = ANY (ARRAY['bedrijfsarts'::text, 'verzekeringsarts'::text])))),
    CONSTRAINT panel_assignments_discipline_check CHECK ((discipline = ANY (ARRAY['bedrijfsarts'::text, 'verzekeringsarts'::text, 'arbeidsdeskundige'::text]))),
    CONSTRAINT panel_assignments_release_reason_check CHECK ((release_reason = ANY (ARRAY['replaced'::text, 'objection_upheld'::text, 'stepped_aside'::text]))),
    CONSTRAINT release_reason_only_when_released CHECK (((release_reason IS NULL) OR (released_at IS NOT NULL)))
);

--
-- Name: panel_assignments_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.panel_assignments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: panel_assignments_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.panel_assignments_id_seq OWNED BY public.panel_assignments.id;

--
-- Name: panel_members; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.panel_members (
    staff_id uuid NOT NULL,
    discipline text NOT NULL,
    big_number text,
    registered_since date,
    affiliations text[] DEFAULT '{}'::text[] NOT NULL,
    max_open_cases integer NOT NULL,
    open_cases integer DEFAULT 0 NOT NULL,
    last_assignment bigint,
    affiliations_normalized text[] GENERATED ALWAYS AS (public.routing_normalize_all(affiliations)) STORED,
    CONSTRAINT affiliations_not_null CHECK ((array_position(affiliations, NULL::text) IS NULL)),
    CONSTRAINT panel_members_big_number_check CHECK ((big_number ~ '^[0-9]{11}$'::text)),
    CONSTRAINT panel_members_discipline_check CHECK ((discipline = ANY (ARRAY['bedrijfsarts'::text, 'verzekeringsarts'::text, 'arbeidsdeskundige'::text]))),
    CONSTRAINT panel_members_max_open_cases_check CHECK (((max_open_cases >= 1) AND (max_open_cases <= 50))),
    CONSTRAINT panel_members_open_cases_check CHECK ((open_cases >= 0)),
    CONSTRAINT physician_registration CHECK (((discipline = 'arbeidsdeskundige'::text) OR ((big_number IS NOT NULL) AND (registered_since IS NOT NULL))))
)
WITH (fillfactor='50');

--
-- Name: panel_step_asides; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.panel_step_asides (
    case_id uuid NOT NULL,
    staff_id uuid NOT NULL,
    reason text NOT NULL,
    stepped_at timestamp with time zone NOT NULL,
    CONSTRAINT panel_step_asides_reason_check CHECK (((char_length(reason) >= 1) AND (char_length(reason) <= 5000)))
);

--
-- Name: party_sessions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.party_sessions (
    token_hash bytea NOT NULL,
    case_id uuid NOT NULL,
    role text NOT NULL,
    link_hash bytea NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone,
    CONSTRAINT party_sessions_check CHECK ((expires_at > created_at)),
    CONSTRAINT party_sessions_link_hash_check CHECK ((octet_length(link_hash) = 32)),
    CONSTRAINT party_sessions_role_check CHECK ((role = ANY (ARRAY['employee'::text, 'employer'::text]))),
    CONSTRAINT party_sessions_token_hash_check CHECK ((octet_length(token_hash) = 32))
);

--
-- Name: ruling_medical; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ruling_medical (
    case_id uuid NOT NULL,
    medical_considerations text NOT NULL,
    CONSTRAINT ruling_medical_medical_considerations_check CHECK (((char_length(medical_considerations) >= 1) AND (char_length(medical_considerations) <= 20000)))
);

ALTER TABLE ONLY public.ruling_medical FORCE ROW LEVEL SECURITY;

--
-- Name: rulings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rulings (
    case_id uuid NOT NULL,
    outcome text NOT NULL,
    decision text NOT NULL,
    motivation text NOT NULL,
    decided_at timestamp with time zone NOT NULL,
    decided_on date NOT NULL,
    decided_by uuid NOT NULL,
    panel uuid[] NOT NULL,
    digest text NOT NULL,
    chain_seq bigint,
    previous_chain_digest text,
    chain_digest text,
    signature text,
    key_id text,
    binding boolean DEFAULT false NOT NULL,
    appeal_window_ends_on date,
    comments_response text,
    CONSTRAINT ruling_seal_complete CHECK ((((chain_seq IS NULL) = (chain_digest IS NULL)) AND ((chain_digest IS NULL) = (signature IS NULL)) AND ((signature IS NULL) = (key_id IS NULL)))),
    CONSTRAINT rulings_chain_digest_check CHECK ((chain_digest ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT rulings_comments_response_check CHECK (((char_length(comments_response) >= 1) AND (char_length(comments_response) <= 20000))),
    CONSTRAINT rulings_decision_check CHECK (((char_length(decision) >= 20) AND (char_length(decision) <= 20000))),
    CONSTRAINT rulings_digest_check CHECK ((digest ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT rulings_motivation_check CHECK (((char_length(motivation) >= 20) AND (char_length(motivation) <= 20000))),
    CONSTRAINT rulings_outcome_check CHECK ((outcome = ANY (ARRAY['upheld'::text, 'partly_upheld'::text, 'overturned'::text]))),
    CONSTRAINT rulings_panel_check CHECK ((cardinality(panel) > 0)),
    CONSTRAINT rulings_previous_chain_digest_check CHECK ((previous_chain_digest ~ '^[0-9a-f]{64}$'::text))
);

--
-- Name: schema_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_migrations (
    version integer NOT NULL,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);

--
-- Name: signing_keys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.signing_keys (
    key_id text NOT NULL,
    public_key text NOT NULL,
    algorithm text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT signing_keys_algorithm_check CHECK ((algorithm = 'Ed25519'::text)),
    CONSTRAINT signing_keys_key_id_check CHECK ((key_id ~ '^[0-9a-f]{16}$'::text))
);

--
-- Name: staff; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.staff (
    id uuid NOT NULL,
    email text NOT NULL,
    name text NOT NULL,
    role text NOT NULL,
    password_hash text NOT NULL,
    active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    name_normalized text GENERATED ALWAYS AS (public.routing_normalize(name)) STORED,
    awaiting_activation boolean DEFAULT false NOT NULL,
    CONSTRAINT awaiting_activation_is_inactive CHECK ((NOT (awaiting_activation AND active))),
    CONSTRAINT staff_email_check CHECK (((char_length(email) >= 3) AND (char_length(email) <= 320))),
    CONSTRAINT staff_name_check CHECK (((char_length(btrim(name)) >= 1) AND (char_length(btrim(name)) <= 200))),
    CONSTRAINT staff_role_check CHECK ((role = ANY (ARRAY['admin'::text, 'coordinator'::text, 'intake_officer'::text, 'panel_member'::text, 'inspector'::text])))
);

--
-- Name: staff_devices; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.staff_devices (
    token_hash bytea NOT NULL,
    staff_id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    last_used_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    CONSTRAINT staff_devices_check CHECK ((expires_at > created_at)),
    CONSTRAINT staff_devices_token_hash_check CHECK ((octet_length(token_hash) = 32))
);

--
-- Name: staff_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.staff_events (
    id bigint NOT NULL,
    staff_id uuid NOT NULL,
    at timestamp with time zone NOT NULL,
    actor_id uuid,
    change text NOT NULL,
    fields text[] DEFAULT '{}'::text[] NOT NULL,
    CONSTRAINT staff_events_change_check CHECK ((change = ANY (ARRAY['created'::text, 'updated'::text, 'deactivated'::text, 'reactivated'::text, 'password_changed'::text, 'otp_reset'::text]))),
    CONSTRAINT staff_events_fields_check CHECK (((array_position(fields, NULL::text) IS NULL) AND (NOT (fields && ARRAY['password_hash'::text, 'otp_secret'::text, 'recovery_codes'::text]))))
);

--
-- Name: staff_events_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.staff_events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: staff_events_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.staff_events_id_seq OWNED BY public.staff_events.id;

--
-- Name: staff_otp; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.staff_otp (
    staff_id uuid NOT NULL,
    enrolled_at timestamp with time zone NOT NULL,
    last_step bigint DEFAULT 0 NOT NULL,
    secret_sealed bytea NOT NULL,
    CONSTRAINT staff_otp_last_step_check CHECK ((last_step >= 0))
);

--
-- Name: staff_recovery_codes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.staff_recovery_codes (
    staff_id uuid NOT NULL,
    code_hash bytea NOT NULL,
    used_at timestamp with time zone,
    CONSTRAINT staff_recovery_codes_code_hash_check CHECK ((octet_length(code_hash) = 32))
);

--
-- Name: staff_sessions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.staff_sessions (
    token_hash bytea NOT NULL,
    staff_id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone,
    last_used_at timestamp with time zone NOT NULL,
    CONSTRAINT staff_sessions_check CHECK ((expires_at > created_at)),
    CONSTRAINT staff_sessions_token_hash_check CHECK ((octet_length(token_hash) = 32))
);

--
-- Name: stats_accepted_months; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.stats_accepted_months (
    month date NOT NULL,
    case_type text NOT NULL,
    cases bigint NOT NULL,
    shard smallint DEFAULT 0 NOT NULL
);

--
-- Name: stats_case_counts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.stats_case_counts (
    shard smallint NOT NULL,
    status text NOT NULL,
    case_type text NOT NULL,
    cases bigint NOT NULL
);

--
-- Name: stats_employer_windows; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.stats_employer_windows (
    window_year integer NOT NULL,
    employer_kvk text NOT NULL,
    cases_year_2 bigint NOT NULL,
    cases_year_1 bigint NOT NULL,
    cases_year_0 bigint NOT NULL,
    cases bigint NOT NULL,
    latest_created_at timestamp with time zone NOT NULL,
    latest_id uuid NOT NULL,
    latest_name text NOT NULL
);

--
-- Name: stats_follow_through; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.stats_follow_through (
    case_id uuid NOT NULL,
    answered_at timestamp with time zone NOT NULL,
    follow_up_id uuid NOT NULL,
    carried_out boolean NOT NULL
);

--
-- Name: stats_follow_through_totals; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.stats_follow_through_totals (
    single boolean DEFAULT true NOT NULL,
    cases bigint NOT NULL,
    carried_out bigint NOT NULL,
    CONSTRAINT stats_follow_through_totals_single_check CHECK (single)
);

--
-- Name: stats_rulings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.stats_rulings (
    days integer NOT NULL,
    within_due boolean NOT NULL,
    case_type text NOT NULL,
    outcome text NOT NULL,
    rulings bigint NOT NULL
);

--
-- Name: timers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.timers (
    id bigint NOT NULL,
    kind text NOT NULL,
    case_id uuid,
    stage text,
    subject_id uuid,
    due_at timestamp with time zone NOT NULL,
    created_at timestamp with time zone NOT NULL,
    fired_at timestamp with time zone,
    outcome text,
    attempts integer DEFAULT 0 NOT NULL,
    last_error text,
    failed_at timestamp with time zone,
    next_attempt_at timestamp with time zone NOT NULL,
    CONSTRAINT timers_attempts_check CHECK ((attempts >= 0)),
    CONSTRAINT timers_check CHECK (((fired_at IS NULL) = (outcome IS NULL))),
    CONSTRAINT timers_failure_has_error CHECK (((failed_at IS NULL) OR (last_error IS NOT NULL))),
    CONSTRAINT timers_fired_or_failed CHECK (((fired_at IS NULL) OR (failed_at IS NULL))),
    CONSTRAINT timers_kind_check CHECK ((kind = ANY (ARRAY['preferred_passed'::text, 'due_passed'::text, 'follow_up_due'::text, 'follow_up_missed'::text, 'absence_ended'::text, 'draft_window_closed'::text, 'appointment_reminder'::text]))),
    CONSTRAINT timers_last_error_check CHECK ((char_length(last_error) <= 200))
);

--
-- Name: timers_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.timers_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: timers_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.timers_id_seq OWNED BY public.timers.id;

--
-- Name: case_events id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_events ALTER COLUMN id SET DEFAULT nextval('public.case_events_id_seq'::regclass);

--
-- Name: escalations id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.escalations ALTER COLUMN id SET DEFAULT nextval('public.escalations_id_seq'::regclass);

--
-- Name: login_attempts id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.login_attempts ALTER COLUMN id SET DEFAULT nextval('public.login_attempts_id_seq'::regclass);

--
-- Name: notifications id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications ALTER COLUMN id SET DEFAULT nextval('public.notifications_id_seq'::regclass);

--
-- Name: panel_assignments id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.panel_assignments ALTER COLUMN id SET DEFAULT nextval('public.panel_assignments_id_seq'::regclass);

--
-- Name: staff_events id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.staff_events ALTER COLUMN id SET DEFAULT nextval('public.staff_events_id_seq'::regclass);

--
-- Name: timers id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.timers ALTER COLUMN id SET DEFAULT nextval('public.timers_id_seq'::regclass);

--
-- Name: access_link_requests access_link_requests_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.access_link_requests
    ADD CONSTRAINT access_link_requests_pkey PRIMARY KEY (id);

--
-- Name: appeal_outcomes appeal_outcomes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.appeal_outcomes
    ADD CONSTRAINT appeal_outcomes_pkey PRIMARY KEY (case_id);

--
-- Name: appeals appeals_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.appeals
    ADD CONSTRAINT appeals_pkey PRIMARY KEY (case_id);

--
-- Name: appointment_medical appointment_medical_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.appointment_medical
    ADD CONSTRAINT appointment_medical_pkey PRIMARY KEY (appointment_id);

--
-- Name: appointment_responses appointment_responses_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.appointment_responses
    ADD CONSTRAINT appointment_responses_pkey PRIMARY KEY (appointment_id, party);

--
-- Name: appointments appointments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.appointments
    ADD CONSTRAINT appointments_pkey PRIMARY KEY (id);

--
-- Name: binding_agreements binding_agreements_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.binding_agreements
    ADD CONSTRAINT binding_agreements_pkey PRIMARY KEY (case_id, party);

--
-- Name: case_deadlines case_deadlines_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_deadlines
    ADD CONSTRAINT case_deadlines_pkey PRIMARY KEY (case_id, stage);

--
-- Name: case_event_counters case_event_counters_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_event_counters
    ADD CONSTRAINT case_event_counters_pkey PRIMARY KEY (case_id);

--
-- Name: case_events case_events_case_id_seq_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_events
    ADD CONSTRAINT case_events_case_id_seq_key UNIQUE (case_id, seq);

--
-- Name: case_events case_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_events
    ADD CONSTRAINT case_events_pkey PRIMARY KEY (id);

--
-- Name: case_medical case_medical_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_medical
    ADD CONSTRAINT case_medical_pkey PRIMARY KEY (case_id);

--
-- Name: case_parties case_parties_case_id_role_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_parties
    ADD CONSTRAINT case_parties_case_id_role_key UNIQUE (case_id, role);

--
-- Name: case_parties case_parties_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_parties
    ADD CONSTRAINT case_parties_pkey PRIMARY KEY (id);

--
-- Name: case_parties case_parties_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_parties
    ADD CONSTRAINT case_parties_token_hash_key UNIQUE (token_hash);

--
-- Name: case_statements case_statements_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_statements
    ADD CONSTRAINT case_statements_pkey PRIMARY KEY (id);

--
-- Name: case_status_transitions case_status_transitions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_status_transitions
    ADD CONSTRAINT case_status_transitions_pkey PRIMARY KEY (from_status, to_status);

--
-- Name: cases cases_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_pkey PRIMARY KEY (id);

--
-- Name: cases cases_reference_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_reference_key UNIQUE (reference);

--
-- Name: consent_changes consent_changes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.consent_changes
    ADD CONSTRAINT consent_changes_pkey PRIMARY KEY (id);

--
-- Name: deadline_rules deadline_rules_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.deadline_rules
    ADD CONSTRAINT deadline_rules_pkey PRIMARY KEY (stage);

--
-- Name: document_chunks document_chunks_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.document_chunks
    ADD CONSTRAINT document_chunks_pkey PRIMARY KEY (document_id, seq);

--
-- Name: documents documents_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.documents
    ADD CONSTRAINT documents_pkey PRIMARY KEY (id);

--
-- Name: draft_comments draft_comments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.draft_comments
    ADD CONSTRAINT draft_comments_pkey PRIMARY KEY (id);

--
-- Name: draft_ruling_medical draft_ruling_medical_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.draft_ruling_medical
    ADD CONSTRAINT draft_ruling_medical_pkey PRIMARY KEY (case_id);

--
-- Name: draft_rulings draft_rulings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.draft_rulings
    ADD CONSTRAINT draft_rulings_pkey PRIMARY KEY (case_id);

--
-- Name: escalations escalations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.escalations
    ADD CONSTRAINT escalations_pkey PRIMARY KEY (id);

--
-- Name: event_types event_types_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_types
    ADD CONSTRAINT event_types_pkey PRIMARY KEY (type);

--
-- Name: follow_ups follow_ups_case_id_party_sequence_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.follow_ups
    ADD CONSTRAINT follow_ups_case_id_party_sequence_key UNIQUE (case_id, party, sequence);

--
-- Name: follow_ups follow_ups_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.follow_ups
    ADD CONSTRAINT follow_ups_pkey PRIMARY KEY (id);

--
-- Name: idempotency_keys idempotency_keys_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idempotency_keys
    ADD CONSTRAINT idempotency_keys_pkey PRIMARY KEY (key_hash);

--
-- Name: login_attempts login_attempts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.login_attempts
    ADD CONSTRAINT login_attempts_pkey PRIMARY KEY (id);

--
-- Name: login_challenges login_challenges_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.login_challenges
    ADD CONSTRAINT login_challenges_pkey PRIMARY KEY (challenge_hash);

--
-- Name: member_absences member_absences_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.member_absences
    ADD CONSTRAINT member_absences_pkey PRIMARY KEY (id);

--
-- Name: non_working_days non_working_days_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.non_working_days
    ADD CONSTRAINT non_working_days_pkey PRIMARY KEY (day);

--
-- Name: notifications notifications_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_pkey PRIMARY KEY (id);

--
-- Name: objections objections_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.objections
    ADD CONSTRAINT objections_pkey PRIMARY KEY (id);

--
-- Name: panel_assignments panel_assignments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.panel_assignments
    ADD CONSTRAINT panel_assignments_pkey PRIMARY KEY (id);

--
-- Name: panel_members panel_members_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.panel_members
    ADD CONSTRAINT panel_members_pkey PRIMARY KEY (staff_id);

--
-- Name: panel_step_asides panel_step_asides_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.panel_step_asides
    ADD CONSTRAINT panel_step_asides_pkey PRIMARY KEY (case_id, staff_id);

--
-- Name: party_sessions party_sessions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.party_sessions
    ADD CONSTRAINT party_sessions_pkey PRIMARY KEY (token_hash);

--
-- Name: ruling_medical ruling_medical_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ruling_medical
    ADD CONSTRAINT ruling_medical_pkey PRIMARY KEY (case_id);

--
-- Name: rulings rulings_chain_seq_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rulings
    ADD CONSTRAINT rulings_chain_seq_key UNIQUE (chain_seq);

--
-- Name: rulings rulings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rulings
    ADD CONSTRAINT rulings_pkey PRIMARY KEY (case_id);

--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);

--
-- Name: signing_keys signing_keys_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.signing_keys
    ADD CONSTRAINT signing_keys_pkey PRIMARY KEY (key_id);

--
-- Name: signing_keys signing_keys_public_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.signing_keys
    ADD CONSTRAINT signing_keys_public_key_key UNIQUE (public_key);

--
-- Name: staff_devices staff_devices_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.staff_devices
    ADD CONSTRAINT staff_devices_pkey PRIMARY KEY (token_hash);

--
-- Name: staff_events staff_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.staff_events
    ADD CONSTRAINT staff_events_pkey PRIMARY KEY (id);

--
-- Name: staff_otp staff_otp_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.staff_otp
    ADD CONSTRAINT staff_otp_pkey PRIMARY KEY (staff_id);

--
-- Name: staff staff_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.staff
    ADD CONSTRAINT staff_pkey PRIMARY KEY (id);

--
-- Name: staff_recovery_codes staff_recovery_codes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.staff_recovery_codes
    ADD CONSTRAINT staff_recovery_codes_pkey PRIMARY KEY (staff_id, code_hash);

--
-- Name: staff_sessions staff_sessions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.staff_sessions
    ADD CONSTRAINT staff_sessions_pkey PRIMARY KEY (token_hash);

--
-- Name: stats_accepted_months stats_accepted_months_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stats_accepted_months
    ADD CONSTRAINT stats_accepted_months_pkey PRIMARY KEY (month, case_type, shard);

--
-- Name: stats_case_counts stats_case_counts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stats_case_counts
    ADD CONSTRAINT stats_case_counts_pkey PRIMARY KEY (shard, status, case_type);

--
-- Name: stats_employer_windows stats_employer_windows_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stats_employer_windows
    ADD CONSTRAINT stats_employer_windows_pkey PRIMARY KEY (window_year, employer_kvk);

--
-- Name: stats_follow_through stats_follow_through_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stats_follow_through
    ADD CONSTRAINT stats_follow_through_pkey PRIMARY KEY (case_id);

--
-- Name: stats_follow_through_totals stats_follow_through_totals_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stats_follow_through_totals
    ADD CONSTRAINT stats_follow_through_totals_pkey PRIMARY KEY (single);

--
-- Name: stats_rulings stats_rulings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stats_rulings
    ADD CONSTRAINT stats_rulings_pkey PRIMARY KEY (days, within_due, case_type, outcome);

--
-- Name: timers timers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.timers
    ADD CONSTRAINT timers_pkey PRIMARY KEY (id);

--
-- Name: access_link_requests_age; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX access_link_requests_age ON public.access_link_requests USING btree (requested_at);

--
-- Name: access_link_requests_pending; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX access_link_requests_pending ON public.access_link_requests USING btree (id) WHERE (processed_at IS NULL);

--
-- Name: access_link_requests_recent; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX access_link_requests_recent ON public.access_link_requests USING btree (case_id, party, requested_at) WHERE sent;

--
-- Name: appointments_case_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX appointments_case_idx ON public.appointments USING btree (case_id, starts_at, id);

--
-- Name: appointments_scheduled_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX appointments_scheduled_idx ON public.appointments USING btree (case_id) WHERE (status = 'scheduled'::text);

--
-- Name: case_parties_one_filer; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX case_parties_one_filer ON public.case_parties USING btree (case_id) WHERE is_filer;

--
-- Name: case_statements_case_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX case_statements_case_idx ON public.case_statements USING btree (case_id, created_at);

--
-- Name: cases_awaiting_panel_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cases_awaiting_panel_idx ON public.cases USING btree (created_at, id) WHERE (status = 'awaiting_panel'::text);

--
-- Name: cases_employer_year_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cases_employer_year_idx ON public.cases USING btree (employer_kvk, filed_year) WHERE (triage_decision = 'accept'::text);

--
-- Name: cases_medical_retention_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cases_medical_retention_idx ON public.cases USING btree (closed_at) WHERE ((medical_purged_at IS NULL) AND (closed_at IS NOT NULL));

--
-- Name: cases_queue_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cases_queue_idx ON public.cases USING btree (COALESCE(next_due_by, 'infinity'::date), created_at, id);

--
-- Name: cases_retention_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cases_retention_idx ON public.cases USING btree (closed_at) WHERE ((purged_at IS NULL) AND (closed_at IS NOT NULL));

--
-- Name: cases_status_queue_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cases_status_queue_idx ON public.cases USING btree (status, COALESCE(next_due_by, 'infinity'::date), created_at, id);

--
-- Name: consent_changes_case_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX consent_changes_case_idx ON public.consent_changes USING btree (case_id, kind, id DESC);

--
-- Name: documents_case_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX documents_case_idx ON public.documents USING btree (case_id, uploaded_at, id);

--
-- Name: draft_comments_case_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX draft_comments_case_idx ON public.draft_comments USING btree (case_id, created_at, id);

--
-- Name: draft_comments_one_no_comments; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX draft_comments_one_no_comments ON public.draft_comments USING btree (case_id, party) WHERE no_comments;

--
-- Name: escalations_case_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX escalations_case_idx ON public.escalations USING btree (case_id);

--
-- Name: escalations_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX escalations_created_idx ON public.escalations USING btree (created_at, id);

--
-- Name: escalations_one_open_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX escalations_one_open_idx ON public.escalations USING btree (case_id, kind) WHERE ((resolved_at IS NULL) AND (kind = ANY (ARRAY['chair_absent'::text, 'follow_ups_missed'::text])));

--
-- Name: escalations_open_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX escalations_open_idx ON public.escalations USING btree (created_at) WHERE (resolved_at IS NULL);

--
-- Name: follow_ups_case_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX follow_ups_case_idx ON public.follow_ups USING btree (case_id);

--
-- Name: idempotency_keys_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idempotency_keys_created_idx ON public.idempotency_keys USING btree (created_at);

--
-- Name: login_attempts_address_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX login_attempts_address_idx ON public.login_attempts USING btree (client_address, at) WHERE (client_address IS NOT NULL);

--
-- Name: login_attempts_device_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX login_attempts_device_idx ON public.login_attempts USING btree (device_hash, at) WHERE (device_hash IS NOT NULL);

--
-- Name: login_attempts_email_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX login_attempts_email_idx ON public.login_attempts USING btree (email_key, at);

--
-- Name: login_challenges_expiry_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX login_challenges_expiry_idx ON public.login_challenges USING btree (expires_at);

--
-- Name: member_absences_current_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX member_absences_current_idx ON public.member_absences USING btree (ends_on, starts_on);

--
-- Name: member_absences_staff_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX member_absences_staff_idx ON public.member_absences USING btree (staff_id, ends_on);

--
-- Name: notifications_case_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notifications_case_idx ON public.notifications USING btree (case_id);

--
-- Name: notifications_failed_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notifications_failed_idx ON public.notifications USING btree (created_at, id) WHERE (failed_at IS NOT NULL);

--
-- Name: notifications_letters_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notifications_letters_idx ON public.notifications USING btree (created_at) WHERE ((channel = 'letter'::text) AND (sent_at IS NULL));

--
-- Name: notifications_pending_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notifications_pending_idx ON public.notifications USING btree (next_attempt_at) WHERE ((sent_at IS NULL) AND (failed_at IS NULL) AND (channel = 'email'::text));

--
-- Name: notifications_printed_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notifications_printed_idx ON public.notifications USING btree (sent_at DESC) WHERE ((channel = 'letter'::text) AND (sent_at IS NOT NULL));

--
-- Name: objections_case_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX objections_case_idx ON public.objections USING btree (case_id, lodged_at, id);

--
-- Name: objections_one_undecided; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX objections_one_undecided ON public.objections USING btree (case_id, staff_id, party) WHERE (decided_at IS NULL);

--
-- Name: objections_undecided_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX objections_undecided_idx ON public.objections USING btree (lodged_at, id) WHERE (decided_at IS NULL);

--
-- Name: panel_assignments_case_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX panel_assignments_case_idx ON public.panel_assignments USING btree (case_id);

--
-- Name: panel_assignments_member_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX panel_assignments_member_idx ON public.panel_assignments USING btree (staff_id, case_id);

--
-- Name: panel_assignments_member_once; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX panel_assignments_member_once ON public.panel_assignments USING btree (case_id, staff_id) WHERE (released_at IS NULL);

--
-- Name: panel_assignments_one_chair; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX panel_assignments_one_chair ON public.panel_assignments USING btree (case_id) WHERE (is_chair AND (released_at IS NULL));

--
-- Name: panel_assignments_one_per_discipline; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX panel_assignments_one_per_discipline ON public.panel_assignments USING btree (case_id, discipline) WHERE (released_at IS NULL);

--
-- Name: panel_members_discipline_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX panel_members_discipline_idx ON public.panel_members USING btree (discipline);

--
-- Name: party_sessions_case_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX party_sessions_case_idx ON public.party_sessions USING btree (case_id, role);

--
-- Name: party_sessions_expiry_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX party_sessions_expiry_idx ON public.party_sessions USING btree (expires_at);

--
-- Name: rulings_decided_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX rulings_decided_at_idx ON public.rulings USING btree (decided_at);

--
-- Name: staff_devices_staff_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX staff_devices_staff_idx ON public.staff_devices USING btree (staff_id);

--
-- Name: staff_email_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX staff_email_key ON public.staff USING btree (lower(email));

--
-- Name: staff_events_staff_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX staff_events_staff_idx ON public.staff_events USING btree (staff_id, id);

--
-- Name: staff_inactive_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX staff_inactive_idx ON public.staff USING btree (id) WHERE (NOT active);

--
-- Name: staff_name_normalized_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX staff_name_normalized_idx ON public.staff USING btree (name_normalized);

--
-- Name: staff_sessions_staff_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX staff_sessions_staff_idx ON public.staff_sessions USING btree (staff_id);

--
-- Name: stats_employer_windows_cases_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX stats_employer_windows_cases_idx ON public.stats_employer_windows USING btree (window_year, cases);

--
-- Name: timers_case_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX timers_case_idx ON public.timers USING btree (case_id);

--
-- Name: timers_fired_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX timers_fired_idx ON public.timers USING btree (fired_at) WHERE (fired_at IS NOT NULL);

--
-- Name: timers_pending_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX timers_pending_idx ON public.timers USING btree (next_attempt_at, id) WHERE ((fired_at IS NULL) AND (failed_at IS NULL));

--
-- Name: appeal_outcomes appeal_outcomes_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER appeal_outcomes_append_only BEFORE UPDATE ON public.appeal_outcomes FOR EACH ROW EXECUTE FUNCTION public.guard_appeal_outcome_update();

--
-- Name: appeal_outcomes appeal_outcomes_guard; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER appeal_outcomes_guard BEFORE INSERT ON public.appeal_outcomes FOR EACH ROW EXECUTE FUNCTION public.guard_appeal_outcome();

--
-- Name: appeal_outcomes appeal_outcomes_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER appeal_outcomes_no_delete BEFORE DELETE ON public.appeal_outcomes FOR EACH ROW EXECUTE FUNCTION public.forbid_change();

--
-- Name: appeal_outcomes appeal_outcomes_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER appeal_outcomes_no_truncate BEFORE TRUNCATE ON public.appeal_outcomes FOR EACH STATEMENT EXECUTE FUNCTION public.forbid_change();

--
-- Name: appeals appeals_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER appeals_append_only BEFORE DELETE OR UPDATE ON public.appeals FOR EACH ROW EXECUTE FUNCTION public.forbid_change();

--
-- Name: appointment_medical appointment_medical_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER appointment_medical_append_only BEFORE DELETE OR UPDATE ON public.appointment_medical FOR EACH ROW EXECUTE FUNCTION public.guard_draft_change();

--
-- Name: appointment_responses appointment_responses_guard; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER appointment_responses_guard BEFORE INSERT OR UPDATE ON public.appointment_responses FOR EACH ROW EXECUTE FUNCTION public.guard_appointment_response();

--
-- Name: appointment_responses appointment_responses_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER appointment_responses_no_delete BEFORE DELETE ON public.appointment_responses FOR EACH ROW EXECUTE FUNCTION public.forbid_change();

--
-- Name: appointments appointments_changes_once; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER appointments_changes_once BEFORE UPDATE ON public.appointments FOR EACH ROW EXECUTE FUNCTION public.guard_appointment_update();

--
-- Name: appointments appointments_guard_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER appointments_guard_insert BEFORE INSERT ON public.appointments FOR EACH ROW EXECUTE FUNCTION public.guard_appointment_insert();

--
-- Name: appointments appointments_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER appointments_no_delete BEFORE DELETE ON public.appointments FOR EACH ROW EXECUTE FUNCTION public.forbid_change();

--
-- Name: appointments appointments_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER appointments_no_truncate BEFORE TRUNCATE ON public.appointments FOR EACH STATEMENT EXECUTE FUNCTION public.forbid_change();

--
-- Name: binding_agreements binding_agreements_guard; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER binding_agreements_guard BEFORE INSERT OR DELETE OR UPDATE ON public.binding_agreements FOR EACH ROW EXECUTE FUNCTION public.guard_binding_agreement();

--
-- Name: binding_agreements binding_agreements_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER binding_agreements_no_truncate BEFORE TRUNCATE ON public.binding_agreements FOR EACH STATEMENT EXECUTE FUNCTION public.forbid_change();

--
-- Name: case_deadlines case_deadlines_refresh; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER case_deadlines_refresh AFTER INSERT OR UPDATE ON public.case_deadlines DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.refresh_next_due_by();

--
-- Name: case_events case_events_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER case_events_append_only BEFORE DELETE OR UPDATE ON public.case_events FOR EACH ROW EXECUTE FUNCTION public.forbid_change();

--
-- Name: case_events case_events_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON public.case_events FOR EACH STATEMENT EXECUTE FUNCTION public.forbid_change();

--
-- Name: case_events case_events_number; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER case_events_number BEFORE INSERT ON public.case_events FOR EACH ROW EXECUTE FUNCTION public.number_case_event();

--
-- Name: case_medical case_medical_guard; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER case_medical_guard BEFORE INSERT OR UPDATE ON public.case_medical FOR EACH ROW EXECUTE FUNCTION public.guard_case_medical();

--
-- Name: case_parties case_parties_invited_contact; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER case_parties_invited_contact BEFORE INSERT OR UPDATE OF email ON public.case_parties FOR EACH ROW EXECUTE FUNCTION public.guard_invited_contact();

--
-- Name: case_statements case_statements_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER case_statements_append_only BEFORE DELETE OR UPDATE ON public.case_statements FOR EACH ROW EXECUTE FUNCTION public.guard_statement();

--
-- Name: case_statements case_statements_verified_employee; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER case_statements_verified_employee BEFORE INSERT ON public.case_statements FOR EACH ROW EXECUTE FUNCTION public.guard_unverified_employee();

--
-- Name: cases cases_free_panel_seats; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER cases_free_panel_seats AFTER UPDATE OF status ON public.cases FOR EACH ROW WHEN (((old.status = ANY (ARRAY['awaiting_panel'::text, 'in_review'::text, 'draft_ruling'::text])) AND (new.status <> ALL (ARRAY['awaiting_panel'::text, 'in_review'::text, 'draft_ruling'::text])))) EXECUTE FUNCTION public.free_panel_seats();

--
-- Name: cases cases_guard_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER cases_guard_update BEFORE UPDATE ON public.cases FOR EACH ROW EXECUTE FUNCTION public.guard_case_update();

--
-- Name: cases cases_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER cases_no_delete BEFORE DELETE ON public.cases FOR EACH ROW EXECUTE FUNCTION public.forbid_delete();

--
-- Name: cases cases_purge_addresses; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER cases_purge_addresses BEFORE UPDATE OF purged_at ON public.cases FOR EACH ROW EXECUTE FUNCTION public.purge_addresses();

--
-- Name: cases cases_purge_agreement_names; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER cases_purge_agreement_names AFTER UPDATE OF purged_at ON public.cases FOR EACH ROW WHEN (((new.purged_at IS NOT NULL) AND (old.purged_at IS NULL))) EXECUTE FUNCTION public.purge_agreement_names();

--
-- Name: cases cases_purge_appeal_summaries; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER cases_purge_appeal_summaries AFTER UPDATE OF purged_at ON public.cases FOR EACH ROW WHEN (((new.purged_at IS NOT NULL) AND (old.purged_at IS NULL))) EXECUTE FUNCTION public.purge_appeal_summaries();

--
-- Name: cases cases_purge_appointments; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER cases_purge_appointments AFTER UPDATE OF purged_at ON public.cases FOR EACH ROW WHEN (((new.purged_at IS NOT NULL) AND (old.purged_at IS NULL))) EXECUTE FUNCTION public.purge_appointments();

--
-- Name: cases cases_purge_documents; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER cases_purge_documents AFTER UPDATE OF purged_at ON public.cases FOR EACH ROW WHEN (((new.purged_at IS NOT NULL) AND (old.purged_at IS NULL))) EXECUTE FUNCTION public.purge_documents();

--
-- Name: cases cases_purge_drafts; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER cases_purge_drafts AFTER UPDATE OF purged_at ON public.cases FOR EACH ROW WHEN (((new.purged_at IS NOT NULL) AND (old.purged_at IS NULL))) EXECUTE FUNCTION public.purge_drafts();

--
-- Name: cases cases_purge_objections; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER cases_purge_objections AFTER UPDATE OF purged_at ON public.cases FOR EACH ROW WHEN (((new.purged_at IS NOT NULL) AND (old.purged_at IS NULL))) EXECUTE FUNCTION public.purge_objections();

--
-- Name: cases cases_purge_work_signals; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER cases_purge_work_signals AFTER UPDATE OF medical_purged_at ON public.cases FOR EACH ROW WHEN (((new.medical_purged_at IS NOT NULL) AND (old.medical_purged_at IS NULL))) EXECUTE FUNCTION public.purge_work_signals();

--
-- Name: cases cases_stats_accepted; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER cases_stats_accepted AFTER UPDATE OF triage_decision ON public.cases DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (((new.triage_decision = 'accept'::text) AND (old.triage_decision IS DISTINCT FROM 'accept'::text))) EXECUTE FUNCTION public.stats_count_accepted();

--
-- Name: cases cases_stats_accepted_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER cases_stats_accepted_insert AFTER INSERT ON public.cases DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ((new.triage_decision = 'accept'::text)) EXECUTE FUNCTION public.stats_count_accepted();

--
-- Name: cases cases_stats_count; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER cases_stats_count AFTER INSERT OR UPDATE OF status, case_type ON public.cases DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.stats_count_case();

--
-- Name: consent_changes consent_changes_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER consent_changes_append_only BEFORE DELETE OR UPDATE ON public.consent_changes FOR EACH ROW EXECUTE FUNCTION public.forbid_change();

--
-- Name: consent_changes consent_changes_guard; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER consent_changes_guard BEFORE INSERT ON public.consent_changes FOR EACH ROW EXECUTE FUNCTION public.guard_consent_change();

--
-- Name: consent_changes consent_changes_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER consent_changes_no_truncate BEFORE TRUNCATE ON public.consent_changes FOR EACH STATEMENT EXECUTE FUNCTION public.forbid_change();

--
-- Name: document_chunks document_chunks_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER document_chunks_append_only BEFORE DELETE OR UPDATE ON public.document_chunks FOR EACH ROW EXECUTE FUNCTION public.guard_document_change();

--
-- Name: document_chunks document_chunks_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER document_chunks_no_truncate BEFORE TRUNCATE ON public.document_chunks FOR EACH STATEMENT EXECUTE FUNCTION public.forbid_change();

--
-- Name: documents documents_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER documents_append_only BEFORE DELETE OR UPDATE ON public.documents FOR EACH ROW EXECUTE FUNCTION public.guard_document_change();

--
-- Name: documents documents_guard_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER documents_guard_insert BEFORE INSERT ON public.documents FOR EACH ROW EXECUTE FUNCTION public.guard_document_insert();

--
-- Name: documents documents_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER documents_no_truncate BEFORE TRUNCATE ON public.documents FOR EACH STATEMENT EXECUTE FUNCTION public.forbid_change();

--
-- Name: draft_comments draft_comments_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER draft_comments_append_only BEFORE DELETE OR UPDATE ON public.draft_comments FOR EACH ROW EXECUTE FUNCTION public.guard_draft_change();

--
-- Name: draft_comments draft_comments_guard_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER draft_comments_guard_insert BEFORE INSERT ON public.draft_comments FOR EACH ROW EXECUTE FUNCTION public.guard_draft_comment();

--
-- Name: draft_comments draft_comments_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER draft_comments_no_truncate BEFORE TRUNCATE ON public.draft_comments FOR EACH STATEMENT EXECUTE FUNCTION public.forbid_change();

--
-- Name: draft_ruling_medical draft_ruling_medical_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER draft_ruling_medical_append_only BEFORE DELETE OR UPDATE ON public.draft_ruling_medical FOR EACH ROW EXECUTE FUNCTION public.guard_draft_change();

--
-- Name: draft_ruling_medical draft_ruling_medical_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER draft_ruling_medical_no_truncate BEFORE TRUNCATE ON public.draft_ruling_medical FOR EACH STATEMENT EXECUTE FUNCTION public.forbid_change();

--
-- Name: draft_rulings draft_rulings_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER draft_rulings_append_only BEFORE DELETE OR UPDATE ON public.draft_rulings FOR EACH ROW EXECUTE FUNCTION public.guard_draft_change();

--
-- Name: draft_rulings draft_rulings_guard_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER draft_rulings_guard_insert BEFORE INSERT ON public.draft_rulings FOR EACH ROW EXECUTE FUNCTION public.guard_draft_insert();

--
-- Name: draft_rulings draft_rulings_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER draft_rulings_no_truncate BEFORE TRUNCATE ON public.draft_rulings FOR EACH STATEMENT EXECUTE FUNCTION public.forbid_change();

--
-- Name: follow_ups follow_ups_stats_answered; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER follow_ups_stats_answered AFTER UPDATE OF answered_at ON public.follow_ups FOR EACH ROW WHEN (((old.answered_at IS NULL) AND (new.answered_at IS NOT NULL))) EXECUTE FUNCTION public.stats_count_follow_through();

--
-- Name: follow_ups follow_ups_stats_inserted; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER follow_ups_stats_inserted AFTER INSERT ON public.follow_ups FOR EACH ROW WHEN ((new.answered_at IS NOT NULL)) EXECUTE FUNCTION public.stats_count_follow_through();

--
-- Name: follow_ups follow_ups_verified_employee; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER follow_ups_verified_employee BEFORE UPDATE OF answered_at ON public.follow_ups FOR EACH ROW EXECUTE FUNCTION public.guard_unverified_employee();

--
-- Name: notifications notifications_notify; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER notifications_notify AFTER INSERT ON public.notifications FOR EACH STATEMENT EXECUTE FUNCTION public.notify_outbox();

--
-- Name: objections objections_decided_once; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER objections_decided_once BEFORE UPDATE ON public.objections FOR EACH ROW EXECUTE FUNCTION public.guard_objection_update();

--
-- Name: objections objections_guard_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER objections_guard_insert BEFORE INSERT ON public.objections FOR EACH ROW EXECUTE FUNCTION public.guard_objection_insert();

--
-- Name: objections objections_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER objections_no_delete BEFORE DELETE ON public.objections FOR EACH ROW EXECUTE FUNCTION public.forbid_change();

--
-- Name: objections objections_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER objections_no_truncate BEFORE TRUNCATE ON public.objections FOR EACH STATEMENT EXECUTE FUNCTION public.forbid_change();

--
-- Name: panel_assignments panel_assignments_guard; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER panel_assignments_guard BEFORE DELETE OR UPDATE ON public.panel_assignments FOR EACH ROW EXECUTE FUNCTION public.guard_panel_assignment();

--
-- Name: panel_assignments panel_assignments_never_return; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER panel_assignments_never_return BEFORE INSERT ON public.panel_assignments FOR EACH ROW EXECUTE FUNCTION public.guard_seat_not_retaken();

--
-- Name: panel_assignments panel_assignments_take_seat; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER panel_assignments_take_seat BEFORE INSERT ON public.panel_assignments FOR EACH ROW EXECUTE FUNCTION public.take_panel_seat();

--
-- Name: panel_members panel_staff_consistency; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER panel_staff_consistency AFTER INSERT ON public.panel_members DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.check_staff_panel_consistency();

--
-- Name: panel_step_asides panel_step_asides_no_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER panel_step_asides_no_change BEFORE DELETE OR UPDATE ON public.panel_step_asides FOR EACH ROW EXECUTE FUNCTION public.guard_draft_change();

--
-- Name: panel_step_asides panel_step_asides_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER panel_step_asides_no_truncate BEFORE TRUNCATE ON public.panel_step_asides FOR EACH STATEMENT EXECUTE FUNCTION public.forbid_change();

--
-- Name: ruling_medical ruling_medical_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ruling_medical_append_only BEFORE DELETE OR UPDATE ON public.ruling_medical FOR EACH ROW EXECUTE FUNCTION public.guard_ruling_medical();

--
-- Name: ruling_medical ruling_medical_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ruling_medical_no_truncate BEFORE TRUNCATE ON public.ruling_medical FOR EACH STATEMENT EXECUTE FUNCTION public.forbid_change();

--
-- Name: rulings rulings_after_draft; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER rulings_after_draft BEFORE INSERT ON public.rulings FOR EACH ROW EXECUTE FUNCTION public.guard_ruling_after_draft();

--
-- Name: rulings rulings_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER rulings_append_only BEFORE DELETE OR UPDATE ON public.rulings FOR EACH ROW EXECUTE FUNCTION public.forbid_change();

--
-- Name: rulings rulings_binding; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER rulings_binding BEFORE INSERT ON public.rulings FOR EACH ROW EXECUTE FUNCTION public.set_ruling_binding();

--
-- Name: rulings rulings_guard_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER rulings_guard_insert BEFORE INSERT ON public.rulings FOR EACH ROW EXECUTE FUNCTION public.guard_ruling_insert();

--
-- Name: rulings rulings_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER rulings_no_truncate BEFORE TRUNCATE ON public.rulings FOR EACH STATEMENT EXECUTE FUNCTION public.forbid_change();

--
-- Name: rulings rulings_stats_count; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER rulings_stats_count AFTER INSERT ON public.rulings FOR EACH ROW EXECUTE FUNCTION public.stats_count_ruling();

--
-- Name: signing_keys signing_keys_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER signing_keys_append_only BEFORE DELETE OR UPDATE ON public.signing_keys FOR EACH ROW EXECUTE FUNCTION public.forbid_change();

--
-- Name: staff staff_credentials_end_sessions; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER staff_credentials_end_sessions AFTER UPDATE OF password_hash, email ON public.staff FOR EACH ROW EXECUTE FUNCTION public.end_sessions_on_credential_change();

--
-- Name: staff_events staff_events_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER staff_events_append_only BEFORE DELETE OR UPDATE ON public.staff_events FOR EACH ROW EXECUTE FUNCTION public.forbid_change();

--
-- Name: staff_events staff_events_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER staff_events_no_truncate BEFORE TRUNCATE ON public.staff_events FOR EACH STATEMENT EXECUTE FUNCTION public.forbid_change();

--
-- Name: staff staff_panel_consistency; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER staff_panel_consistency AFTER INSERT OR UPDATE OF role ON public.staff DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.check_staff_panel_consistency();

--
-- Name: timers timers_first_attempt; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER timers_first_attempt BEFORE INSERT ON public.timers FOR EACH ROW EXECUTE FUNCTION public.timers_first_attempt();

--
-- Name: timers timers_notify; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER timers_notify AFTER INSERT ON public.timers FOR EACH STATEMENT EXECUTE FUNCTION public.notify_timer();

--
-- Name: access_link_requests access_link_requests_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.access_link_requests
    ADD CONSTRAINT access_link_requests_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id) ON DELETE CASCADE;

--
-- Name: appeal_outcomes appeal_outcomes_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.appeal_outcomes
    ADD CONSTRAINT appeal_outcomes_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.appeals(case_id);

--
-- Name: appeal_outcomes appeal_outcomes_recorded_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.appeal_outcomes
    ADD CONSTRAINT appeal_outcomes_recorded_by_fkey FOREIGN KEY (recorded_by) REFERENCES public.staff(id);

--
-- Name: appeals appeals_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.appeals
    ADD CONSTRAINT appeals_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.rulings(case_id);

--
-- Name: appointment_medical appointment_medical_appointment_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.appointment_medical
    ADD CONSTRAINT appointment_medical_appointment_id_fkey FOREIGN KEY (appointment_id) REFERENCES public.appointments(id);

--
-- Name: appointment_responses appointment_responses_appointment_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.appointment_responses
    ADD CONSTRAINT appointment_responses_appointment_id_fkey FOREIGN KEY (appointment_id) REFERENCES public.appointments(id);

--
-- Name: appointments appointments_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.appointments
    ADD CONSTRAINT appointments_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);

--
-- Name: appointments appointments_examiner_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.appointments
    ADD CONSTRAINT appointments_examiner_id_fkey FOREIGN KEY (examiner_id) REFERENCES public.staff(id);

--
-- Name: appointments appointments_planned_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.appointments
    ADD CONSTRAINT appointments_planned_by_fkey FOREIGN KEY (planned_by) REFERENCES public.staff(id);

--
-- Name: appointments appointments_reported_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.appointments
    ADD CONSTRAINT appointments_reported_by_fkey FOREIGN KEY (reported_by) REFERENCES public.staff(id);

--
-- Name: binding_agreements binding_agreements_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.binding_agreements
    ADD CONSTRAINT binding_agreements_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);

--
-- Name: case_deadlines case_deadlines_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_deadlines
    ADD CONSTRAINT case_deadlines_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);

--
-- Name: case_event_counters case_event_counters_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_event_counters
    ADD CONSTRAINT case_event_counters_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);

--
-- Name: case_events case_events_actor_staff_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_events
    ADD CONSTRAINT case_events_actor_staff_id_fkey FOREIGN KEY (actor_staff_id) REFERENCES public.staff(id);

--
-- Name: case_events case_events_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_events
    ADD CONSTRAINT case_events_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);

--
-- Name: case_events case_events_type_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_events
    ADD CONSTRAINT case_events_type_fkey FOREIGN KEY (type) REFERENCES public.event_types(type);

--
-- Name: case_medical case_medical_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_medical
    ADD CONSTRAINT case_medical_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);

--
-- Name: case_parties case_parties_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_parties
    ADD CONSTRAINT case_parties_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);

--
-- Name: case_parties case_parties_verified_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_parties
    ADD CONSTRAINT case_parties_verified_by_fkey FOREIGN KEY (verified_by) REFERENCES public.staff(id);

--
-- Name: case_statements case_statements_author_staff_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_statements
    ADD CONSTRAINT case_statements_author_staff_id_fkey FOREIGN KEY (author_staff_id) REFERENCES public.staff(id);

--
-- Name: case_statements case_statements_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_statements
    ADD CONSTRAINT case_statements_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);

--
-- Name: cases cases_triaged_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_triaged_by_fkey FOREIGN KEY (triaged_by) REFERENCES public.staff(id);

--
-- Name: consent_changes consent_changes_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.consent_changes
    ADD CONSTRAINT consent_changes_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);

--
-- Name: document_chunks document_chunks_document_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.document_chunks
    ADD CONSTRAINT document_chunks_document_id_fkey FOREIGN KEY (document_id) REFERENCES public.documents(id) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: documents documents_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.documents
    ADD CONSTRAINT documents_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);

--
-- Name: documents documents_uploaded_by_staff_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.documents
    ADD CONSTRAINT documents_uploaded_by_staff_fkey FOREIGN KEY (uploaded_by_staff) REFERENCES public.staff(id);

--
-- Name: draft_comments draft_comments_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.draft_comments
    ADD CONSTRAINT draft_comments_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.draft_rulings(case_id);

--
-- Name: draft_ruling_medical draft_ruling_medical_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.draft_ruling_medical
    ADD CONSTRAINT draft_ruling_medical_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.draft_rulings(case_id);

--
-- Name: draft_rulings draft_rulings_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.draft_rulings
    ADD CONSTRAINT draft_rulings_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);

--
-- Name: draft_rulings draft_rulings_issued_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.draft_rulings
    ADD CONSTRAINT draft_rulings_issued_by_fkey FOREIGN KEY (issued_by) REFERENCES public.staff(id);

--
-- Name: escalations escalations_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.escalations
    ADD CONSTRAINT escalations_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);

--
-- Name: escalations escalations_resolved_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.escalations
    ADD CONSTRAINT escalations_resolved_by_fkey FOREIGN KEY (resolved_by) REFERENCES public.staff(id);

--
-- Name: follow_ups follow_ups_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.follow_ups
    ADD CONSTRAINT follow_ups_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.rulings(case_id);

--
-- Name: idempotency_keys idempotency_keys_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idempotency_keys
    ADD CONSTRAINT idempotency_keys_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);

--
-- Name: login_challenges login_challenges_staff_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.login_challenges
    ADD CONSTRAINT login_challenges_staff_id_fkey FOREIGN KEY (staff_id) REFERENCES public.staff(id);

--
-- Name: member_absences member_absences_staff_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.member_absences
    ADD CONSTRAINT member_absences_staff_id_fkey FOREIGN KEY (staff_id) REFERENCES public.panel_members(staff_id);

--
-- Name: notifications notifications_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);

--
-- Name: notifications notifications_recipient_staff_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_recipient_staff_id_fkey FOREIGN KEY (recipient_staff_id) REFERENCES public.staff(id);

--
-- Name: objections objections_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.objections
    ADD CONSTRAINT objections_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);

--
-- Name: objections objections_decided_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.objections
    ADD CONSTRAINT objections_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES public.staff(id);

--
-- Name: objections objections_staff_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.objections
    ADD CONSTRAINT objections_staff_id_fkey FOREIGN KEY (staff_id) REFERENCES public.staff(id);

--
-- Name: panel_assignments panel_assignments_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.panel_assignments
    ADD CONSTRAINT panel_assignments_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);

--
-- Name: panel_assignments panel_assignments_staff_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.panel_assignments
    ADD CONSTRAINT panel_assignments_staff_id_fkey FOREIGN KEY (staff_id) REFERENCES public.panel_members(staff_id);

--
-- Name: panel_members panel_members_staff_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.panel_members
    ADD CONSTRAINT panel_members_staff_id_fkey FOREIGN KEY (staff_id) REFERENCES public.staff(id);

--
-- Name: panel_step_asides panel_step_asides_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.panel_step_asides
    ADD CONSTRAINT panel_step_asides_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);

--
-- Name: panel_step_asides panel_step_asides_staff_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.panel_step_asides
    ADD CONSTRAINT panel_step_asides_staff_id_fkey FOREIGN KEY (staff_id) REFERENCES public.staff(id);

--
-- Name: party_sessions party_sessions_case_id_role_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.party_sessions
    ADD CONSTRAINT party_sessions_case_id_role_fkey FOREIGN KEY (case_id, role) REFERENCES public.case_parties(case_id, role);

--
-- Name: ruling_medical ruling_medical_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ruling_medical
    ADD CONSTRAINT ruling_medical_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.rulings(case_id);

--
-- Name: rulings rulings_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rulings
    ADD CONSTRAINT rulings_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);

--
-- Name: rulings rulings_decided_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rulings
    ADD CONSTRAINT rulings_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES public.staff(id);

--
-- Name: staff_devices staff_devices_staff_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.staff_devices
    ADD CONSTRAINT staff_devices_staff_id_fkey FOREIGN KEY (staff_id) REFERENCES public.staff(id);

--
-- Name: staff_events staff_events_actor_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.staff_events
    ADD CONSTRAINT staff_events_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES public.staff(id);

--
-- Name: staff_events staff_events_staff_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.staff_events
    ADD CONSTRAINT staff_events_staff_id_fkey FOREIGN KEY (staff_id) REFERENCES public.staff(id);

--
-- Name: staff_otp staff_otp_staff_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.staff_otp
    ADD CONSTRAINT staff_otp_staff_id_fkey FOREIGN KEY (staff_id) REFERENCES public.staff(id);

--
-- Name: staff_recovery_codes staff_recovery_codes_staff_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.staff_recovery_codes
    ADD CONSTRAINT staff_recovery_codes_staff_id_fkey FOREIGN KEY (staff_id) REFERENCES public.staff(id);

--
-- Name: staff_sessions staff_sessions_staff_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.staff_sessions
    ADD CONSTRAINT staff_sessions_staff_id_fkey FOREIGN KEY (staff_id) REFERENCES public.staff(id);

--
-- Name: timers timers_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.timers
    ADD CONSTRAINT timers_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);

--
-- Name: appointment_medical; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.appointment_medical ENABLE ROW LEVEL SECURITY;

--
-- Name: appointment_medical appointment_medical_purge; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY appointment_medical_purge ON public.appointment_medical FOR DELETE USING ((current_setting('eenloket.retention'::text, true) = 'on'::text));

--
-- Name: appointment_medical appointment_medical_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY appointment_medical_read ON public.appointment_medical FOR SELECT USING (((current_setting('eenloket.medical_read'::text, true) = 'on'::text) OR (current_setting('eenloket.retention'::text, true) = 'on'::text)));

--
-- Name: appointment_medical appointment_medical_write; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY appointment_medical_write ON public.appointment_medical FOR INSERT WITH CHECK (true);

--
-- Name: case_medical; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.case_medical ENABLE ROW LEVEL SECURITY;

--
-- Name: case_medical case_medical_purge; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY case_medical_purge ON public.case_medical FOR DELETE USING ((current_setting('eenloket.retention'::text, true) = 'on'::text));

--
-- Name: case_medical case_medical_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY case_medical_read ON public.case_medical FOR SELECT USING (((current_setting('eenloket.medical_read'::text, true) = 'on'::text) OR (current_setting('eenloket.retention'::text, true) = 'on'::text)));

--
-- Name: case_medical case_medical_write; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY case_medical_write ON public.case_medical FOR INSERT WITH CHECK (true);

--
-- Name: case_statements; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.case_statements ENABLE ROW LEVEL SECURITY;

--
-- Name: case_statements case_statements_purge; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY case_statements_purge ON public.case_statements FOR UPDATE USING ((current_setting('eenloket.retention'::text, true) = 'on'::text)) WITH CHECK ((current_setting('eenloket.retention'::text, true) = 'on'::text));

--
-- Name: case_statements case_statements_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY case_statements_read ON public.case_statements FOR SELECT USING (((NOT medical) OR (current_setting('eenloket.medical_read'::text, true) = 'on'::text) OR (current_setting('eenloket.retention'::text, true) = 'on'::text)));

--
-- Name: case_statements case_statements_write; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY case_statements_write ON public.case_statements FOR INSERT WITH CHECK (true);

--
-- Name: document_chunks; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.document_chunks ENABLE ROW LEVEL SECURITY;

--
-- Name: document_chunks document_chunks_purge; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY document_chunks_purge ON public.document_chunks FOR DELETE USING ((current_setting('eenloket.retention'::text, true) = 'on'::text));

--
-- Name: document_chunks document_chunks_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY document_chunks_read ON public.document_chunks FOR SELECT USING (((current_setting('eenloket.medical_read'::text, true) = 'on'::text) OR (current_setting('eenloket.retention'::text, true) = 'on'::text) OR (EXISTS ( SELECT 1
   FROM public.documents d
  WHERE ((d.id = document_chunks.document_id) AND (NOT d.medical))))));

--
-- Name: document_chunks document_chunks_write; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY document_chunks_write ON public.document_chunks FOR INSERT WITH CHECK (true);

--
-- Name: documents; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.documents ENABLE ROW LEVEL SECURITY;

--
-- Name: documents documents_purge; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY documents_purge ON public.documents FOR UPDATE USING ((current_setting('eenloket.retention'::text, true) = 'on'::text)) WITH CHECK ((current_setting('eenloket.retention'::text, true) = 'on'::text));

--
-- Name: documents documents_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY documents_read ON public.documents FOR SELECT USING (((NOT medical) OR (current_setting('eenloket.medical_read'::text, true) = 'on'::text) OR (current_setting('eenloket.retention'::text, true) = 'on'::text)));

--
-- Name: documents documents_write; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY documents_write ON public.documents FOR INSERT WITH CHECK (true);

--
-- Name: draft_comments; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.draft_comments ENABLE ROW LEVEL SECURITY;

--
-- Name: draft_comments draft_comments_purge; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY draft_comments_purge ON public.draft_comments FOR UPDATE USING ((current_setting('eenloket.retention'::text, true) = 'on'::text)) WITH CHECK ((current_setting('eenloket.retention'::text, true) = 'on'::text));

--
-- Name: draft_comments draft_comments_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY draft_comments_read ON public.draft_comments FOR SELECT USING (((NOT medical) OR (current_setting('eenloket.medical_read'::text, true) = 'on'::text) OR (current_setting('eenloket.retention'::text, true) = 'on'::text)));

--
-- Name: draft_comments draft_comments_write; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY draft_comments_write ON public.draft_comments FOR INSERT WITH CHECK (true);

--
-- Name: draft_ruling_medical; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.draft_ruling_medical ENABLE ROW LEVEL SECURITY;

--
-- Name: draft_ruling_medical draft_ruling_medical_purge; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY draft_ruling_medical_purge ON public.draft_ruling_medical FOR DELETE USING ((current_setting('eenloket.retention'::text, true) = 'on'::text));

--
-- Name: draft_ruling_medical draft_ruling_medical_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY draft_ruling_medical_read ON public.draft_ruling_medical FOR SELECT USING (((current_setting('eenloket.medical_read'::text, true) = 'on'::text) OR (current_setting('eenloket.retention'::text, true) = 'on'::text)));

--
-- Name: draft_ruling_medical draft_ruling_medical_write; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY draft_ruling_medical_write ON public.draft_ruling_medical FOR INSERT WITH CHECK (true);

--
-- Name: ruling_medical; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.ruling_medical ENABLE ROW LEVEL SECURITY;

--
-- Name: ruling_medical ruling_medical_purge; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ruling_medical_purge ON public.ruling_medical FOR DELETE USING ((current_setting('eenloket.retention'::text, true) = 'on'::text));

--
-- Name: ruling_medical ruling_medical_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ruling_medical_read ON public.ruling_medical FOR SELECT USING (((current_setting('eenloket.medical_read'::text, true) = 'on'::text) OR (current_setting('eenloket.retention'::text, true) = 'on'::text)));

--
-- Name: ruling_medical ruling_medical_write; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ruling_medical_write ON public.ruling_medical FOR INSERT WITH CHECK (true);

--
-- PostgreSQL database dump complete
--
