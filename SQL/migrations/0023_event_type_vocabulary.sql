-- Event types are a closed list, like the other vocabularies: the database
-- refuses a history event of an unknown type. The list is a table, so a later
-- migration that adds a type inserts one row instead of repeating the list;
-- Swift's EventType holds the same names (SQLVocabularyTests keeps them equal).
-- It replaces the pattern-only check of 0002. The runner applies a migration in
-- one transaction, so adding the foreign key checks the existing events while
-- holding its locks; on a large database plan the migration for a quiet moment.
CREATE TABLE event_types (
    type text PRIMARY KEY CHECK (type ~ '^[a-z][a-z_]*$')
);

INSERT INTO event_types (type) VALUES
    ('case_filed'),
    ('case_triaged'),
    ('party_invited'),
    ('party_link_first_used'),
    ('party_verified'),
    ('member_assigned'),
    ('panel_completed'),
    ('panel_changed'),
    ('statement_added'),
    ('ruling_recorded'),
    ('case_withdrawn'),
    ('appeal_lodged'),
    ('medical_data_viewed'),
    ('data_exported'),
    ('reminder_sent'),
    ('deadline_missed'),
    ('escalated'),
    ('follow_up_answered'),
    ('follow_up_missed'),
    ('letter_printed'),
    ('letter_reprinted'),
    ('personal_data_purged');

ALTER TABLE case_events
    DROP CONSTRAINT case_events_type_check,
    ADD CONSTRAINT case_events_type_fkey FOREIGN KEY (type) REFERENCES event_types (type);
