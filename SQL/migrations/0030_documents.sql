-- The case file: documents stored in PostgreSQL in chunks of at most 256 KiB,
-- streamed in both directions (contract Part 2, "Documents: the case file").

CREATE TABLE documents (
    id                uuid PRIMARY KEY,
    case_id           uuid NOT NULL REFERENCES cases (id),
    kind              text NOT NULL CHECK (kind IN ('problem_analysis', 'action_plan', 'physician_advice', 'evaluation',
                                                    'job_description', 'treating_physician_info', 'reintegration_report',
                                                    'correspondence', 'other')),
    filename          text NOT NULL CHECK (char_length(filename) BETWEEN 1 AND 255),
    content_type      text NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
    size              bigint NOT NULL CHECK (size > 0),
    sha256            text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    medical           boolean NOT NULL,
    description       text CHECK (char_length(description) BETWEEN 1 AND 500),
    uploaded_by       text NOT NULL CHECK (uploaded_by IN ('employee', 'employer', 'intake_officer', 'panel_member')),
    uploaded_by_staff uuid REFERENCES staff (id),
    uploaded_at       timestamptz NOT NULL,
    purged_at         timestamptz,
    CONSTRAINT treating_physician_info_is_medical CHECK (kind <> 'treating_physician_info' OR medical),
    CONSTRAINT employer_uploads_no_medical CHECK (NOT medical OR uploaded_by <> 'employer'),
    CONSTRAINT staff_upload_names_staff CHECK ((uploaded_by IN ('intake_officer', 'panel_member')) = (uploaded_by_staff IS NOT NULL))
);
CREATE INDEX documents_case_idx ON documents (case_id, uploaded_at, id);

-- The content, in order. Written before its document row in the same
-- transaction (the row needs the size and digest), hence the deferred key.
CREATE TABLE document_chunks (
    document_id uuid NOT NULL REFERENCES documents (id) DEFERRABLE INITIALLY DEFERRED,
    seq         integer NOT NULL CHECK (seq >= 0),
    bytes       bytea NOT NULL CHECK (octet_length(bytes) BETWEEN 1 AND 262144),
    PRIMARY KEY (document_id, seq)
);

-- Medical documents follow the medical-field rule in the database too: their
-- rows and content are visible only while open_medical() opened them.
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE documents FORCE ROW LEVEL SECURITY;
CREATE POLICY documents_read ON documents FOR SELECT
    USING (NOT medical OR current_setting('eenloket.medical_read', true) = 'on'
           OR current_setting('eenloket.retention', true) = 'on');
CREATE POLICY documents_write ON documents FOR INSERT WITH CHECK (true);
CREATE POLICY documents_purge ON documents FOR UPDATE
    USING (current_setting('eenloket.retention', true) = 'on') WITH CHECK (current_setting('eenloket.retention', true) = 'on');

ALTER TABLE document_chunks ENABLE ROW LEVEL SECURITY;
ALTER TABLE document_chunks FORCE ROW LEVEL SECURITY;
CREATE POLICY document_chunks_read ON document_chunks FOR SELECT
    USING (current_setting('eenloket.medical_read', true) = 'on' OR current_setting('eenloket.retention', true) = 'on'
           OR EXISTS (SELECT 1 FROM documents d WHERE d.id = document_id AND NOT d.medical));
CREATE POLICY document_chunks_write ON document_chunks FOR INSERT WITH CHECK (true);
CREATE POLICY document_chunks_purge ON document_chunks FOR DELETE USING (current_setting('eenloket.retention', true) = 'on');

-- Added only while the case is open (the case row read FOR SHARE).
CREATE FUNCTION guard_document_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT status FROM cases WHERE id = NEW.case_id FOR SHARE)
       NOT IN ('submitted', 'awaiting_panel', 'in_review', 'draft_ruling') THEN
        RAISE EXCEPTION 'case % takes no documents now', NEW.case_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'document_while_open';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER documents_guard_insert BEFORE INSERT ON documents FOR EACH ROW EXECUTE FUNCTION guard_document_insert();

-- Documents are never changed; only the retention purge removes the file name
-- and description (and deletes the content), keeping kind, size, digest and time.
CREATE FUNCTION guard_document_change() RETURNS trigger
LANGUAGE plpgsql AS $$
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
CREATE TRIGGER documents_append_only BEFORE UPDATE OR DELETE ON documents FOR EACH ROW EXECUTE FUNCTION guard_document_change();
CREATE TRIGGER document_chunks_append_only BEFORE UPDATE OR DELETE ON document_chunks
    FOR EACH ROW EXECUTE FUNCTION guard_document_change();
CREATE TRIGGER documents_no_truncate BEFORE TRUNCATE ON documents FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();
CREATE TRIGGER document_chunks_no_truncate BEFORE TRUNCATE ON document_chunks FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();

CREATE FUNCTION purge_documents() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM document_chunks WHERE document_id IN (SELECT id FROM documents WHERE case_id = NEW.id);
    UPDATE documents SET filename = 'verwijderd', description = NULL, purged_at = NEW.purged_at
     WHERE case_id = NEW.id AND purged_at IS NULL;
    RETURN NEW;
END;
$$;
CREATE TRIGGER cases_purge_documents AFTER UPDATE OF purged_at ON cases
    FOR EACH ROW WHEN (NEW.purged_at IS NOT NULL AND OLD.purged_at IS NULL) EXECUTE FUNCTION purge_documents();

INSERT INTO event_types (type) VALUES ('document_added');
