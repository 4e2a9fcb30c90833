-- Core schema for the embedded SQLite backend. The PostgreSQL twin lives in
-- migrations/postgres/0001_core.sql; both must describe the same tables and columns.
-- Timestamps are stored as text in sqlx's chrono encoding (sortable), booleans as 0/1.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT    NOT NULL
);

CREATE TABLE teams (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

CREATE TABLE team_members (
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    team_id    INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    is_primary INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, team_id)
);
CREATE INDEX team_members_team ON team_members(team_id);
CREATE UNIQUE INDEX team_members_one_primary ON team_members(user_id) WHERE is_primary = 1;

CREATE TABLE user_permissions (
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    permission TEXT    NOT NULL CHECK (permission IN
        ('super_admin', 'service_seat', 'cs_workspace_access', 'manage_cs_settings')),
    PRIMARY KEY (user_id, permission)
);

CREATE TABLE object_types (
    id             INTEGER PRIMARY KEY,
    name           TEXT    NOT NULL UNIQUE,
    singular_label TEXT    NOT NULL,
    plural_label   TEXT    NOT NULL,
    is_custom      INTEGER NOT NULL,
    has_pipelines  INTEGER NOT NULL,
    created_at     TEXT    NOT NULL
);

CREATE TABLE property_definitions (
    id             INTEGER PRIMARY KEY,
    object_type_id INTEGER NOT NULL REFERENCES object_types(id) ON DELETE CASCADE,
    name           TEXT    NOT NULL,
    label          TEXT    NOT NULL,
    property_type  TEXT    NOT NULL CHECK (property_type IN ('text', 'number', 'currency', 'date',
        'datetime', 'enumeration', 'multi_enumeration', 'boolean', 'user')),
    is_standard    INTEGER NOT NULL,
    position       INTEGER NOT NULL,
    created_at     TEXT    NOT NULL,
    UNIQUE (object_type_id, name)
);

CREATE TABLE property_options (
    property_id INTEGER NOT NULL REFERENCES property_definitions(id) ON DELETE CASCADE,
    value       TEXT    NOT NULL,
    label       TEXT    NOT NULL,
    position    INTEGER NOT NULL,
    PRIMARY KEY (property_id, value)
);

CREATE TABLE pipelines (
    id             INTEGER PRIMARY KEY,
    object_type_id INTEGER NOT NULL REFERENCES object_types(id) ON DELETE CASCADE,
    name           TEXT    NOT NULL,
    position       INTEGER NOT NULL,
    created_at     TEXT    NOT NULL,
    UNIQUE (object_type_id, name)
);

CREATE TABLE pipeline_stages (
    id          INTEGER PRIMARY KEY,
    pipeline_id INTEGER NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    position    INTEGER NOT NULL,
    is_closed   INTEGER NOT NULL DEFAULT 0,
    UNIQUE (pipeline_id, name)
);

CREATE TABLE stage_required_properties (
    stage_id    INTEGER NOT NULL REFERENCES pipeline_stages(id) ON DELETE CASCADE,
    property_id INTEGER NOT NULL REFERENCES property_definitions(id) ON DELETE CASCADE,
    PRIMARY KEY (stage_id, property_id)
);

-- Identity of every CRM record; its property values live in the per-object table obj_<object_type_id>
-- that the repository layer creates and extends (see app/src/db/mod.rs).
CREATE TABLE records (
    id             INTEGER PRIMARY KEY,
    object_type_id INTEGER NOT NULL REFERENCES object_types(id),
    created_at     TEXT    NOT NULL
);
CREATE INDEX records_object_type ON records(object_type_id, id);

CREATE TABLE property_history (
    id            INTEGER PRIMARY KEY,
    record_id     INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    property_name TEXT    NOT NULL,
    old_value     TEXT,
    new_value     TEXT,
    changed_by    INTEGER REFERENCES users(id),
    changed_at    TEXT    NOT NULL,
    source        TEXT    NOT NULL
);
CREATE INDEX property_history_record ON property_history(record_id, property_name, changed_at);

CREATE TABLE associations (
    from_record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    to_record_id   INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    created_at     TEXT    NOT NULL,
    PRIMARY KEY (from_record_id, to_record_id),
    CHECK (from_record_id < to_record_id)
);
CREATE INDEX associations_to ON associations(to_record_id, from_record_id);

CREATE TABLE activities (
    id               INTEGER PRIMARY KEY,
    kind             TEXT    NOT NULL CHECK (kind IN ('note', 'email', 'call', 'task', 'meeting')),
    subject          TEXT    NOT NULL,
    body             TEXT    NOT NULL DEFAULT '',
    owner_id         INTEGER REFERENCES users(id),
    created_by       INTEGER REFERENCES users(id),
    occurred_at      TEXT    NOT NULL,
    due_at           TEXT,
    task_status      TEXT CHECK (task_status IN ('not_started', 'completed')),
    task_type        TEXT CHECK (task_type IN ('todo', 'call', 'email')),
    priority         TEXT CHECK (priority IN ('none', 'low', 'medium', 'high')),
    completed_at     TEXT,
    starts_at        TEXT,
    ends_at          TEXT,
    location         TEXT,
    duration_minutes INTEGER,
    created_at       TEXT    NOT NULL
);
CREATE INDEX activities_tasks ON activities(owner_id, task_status, due_at) WHERE kind = 'task';
CREATE INDEX activities_meetings ON activities(owner_id, starts_at) WHERE kind = 'meeting';

CREATE TABLE activity_associations (
    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    record_id   INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    PRIMARY KEY (activity_id, record_id)
);
CREATE INDEX activity_associations_record ON activity_associations(record_id, activity_id);

CREATE TABLE meeting_attendees (
    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    record_id   INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    PRIMARY KEY (activity_id, record_id)
);

CREATE TABLE sales_events (
    id            INTEGER PRIMARY KEY,
    contact_id    INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL CHECK (kind IN ('email_opened', 'email_clicked', 'email_replied',
        'form_submitted', 'page_visited', 'meeting_booked', 'sequence_enrolled', 'sequence_unenrolled')),
    occurred_at   TEXT    NOT NULL,
    detail        TEXT    NOT NULL DEFAULT '',
    sequence_name TEXT
);
CREATE INDEX sales_events_contact ON sales_events(contact_id, occurred_at);
CREATE INDEX sales_events_time ON sales_events(occurred_at);

CREATE TABLE follows (
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    record_id  INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    created_at TEXT    NOT NULL,
    PRIMARY KEY (user_id, record_id)
);
CREATE INDEX follows_record ON follows(record_id);
