-- Views of record lists, indexed multi-select values, the schema version that invalidates the
-- servers' schema caches, and the index behind "Assigned in the last 30 days".
-- The PostgreSQL twin is migrations/postgres/0006_views.sql.

-- Saved views: columns, filters and sort as JSON (`state`), private to their owner or shared
-- with everyone. Only views shared with everyone may be featured on the Summary page.
CREATE TABLE saved_views (
    id             INTEGER PRIMARY KEY,
    object_type_id INTEGER NOT NULL REFERENCES object_types(id) ON DELETE CASCADE,
    owner_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name           TEXT    NOT NULL,
    sharing        TEXT    NOT NULL CHECK (sharing IN ('private', 'everyone')),
    featured       INTEGER NOT NULL DEFAULT 0,
    description    TEXT    NOT NULL DEFAULT '',
    state          TEXT    NOT NULL,
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL,
    CHECK (featured = 0 OR sharing = 'everyone'),
    UNIQUE (object_type_id, owner_id, name)
);
CREATE INDEX saved_views_shared ON saved_views(object_type_id, sharing, id);

-- One row per chosen value of a multi-select property, so "contains any/all/none of" is an
-- index lookup rather than a LIKE over the ';'-joined column.
CREATE TABLE multi_values (
    record_id   INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    property_id INTEGER NOT NULL REFERENCES property_definitions(id) ON DELETE CASCADE,
    value       TEXT    NOT NULL,
    PRIMARY KEY (property_id, value, record_id)
);
CREATE INDEX multi_values_record ON multi_values(record_id);

-- Bumped in the same transaction as every change of object types, properties, options or
-- pipelines; a server reloads its cached schemas when the number moved.
CREATE TABLE schema_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO schema_version (id, version) VALUES (1, 1);

-- Who was given a record (e.g. the CSM property set to a user) since when.
CREATE INDEX property_history_assigned
    ON property_history(property_name, new_value, changed_at, record_id);
