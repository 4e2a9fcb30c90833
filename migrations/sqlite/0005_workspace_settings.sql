-- Workspace configuration (SPEC §3): which objects play the customer, services and revenue
-- roles, each workspace's tab settings, and the audit log of settings changes. The defaults
-- (Companies / Services / Deals + Tickets, and the main workspace) are written by the server at
-- start-up, once the built-in objects exist. The PostgreSQL twin is
-- migrations/postgres/0005_workspace_settings.sql.

-- The single row of object roles; a missing services object turns the Services tab off.
CREATE TABLE cs_objects (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    customer_object_id INTEGER NOT NULL REFERENCES object_types(id),
    services_object_id INTEGER REFERENCES object_types(id)
);

-- At most two revenue objects: the position is the key and can only be 0 or 1.
CREATE TABLE cs_revenue_objects (
    position       INTEGER PRIMARY KEY CHECK (position IN (0, 1)),
    object_type_id INTEGER NOT NULL UNIQUE REFERENCES object_types(id)
);

ALTER TABLE workspaces ADD COLUMN services_tab_shown INTEGER NOT NULL DEFAULT 1;
ALTER TABLE workspaces ADD COLUMN services_default_pipeline_id INTEGER
    REFERENCES pipelines(id) ON DELETE SET NULL;
ALTER TABLE workspaces ADD COLUMN services_default_layout TEXT NOT NULL DEFAULT 'board'
    CHECK (services_default_layout IN ('board', 'table'));
ALTER TABLE workspaces ADD COLUMN revenue_tab_shown INTEGER NOT NULL DEFAULT 1;
ALTER TABLE workspaces ADD COLUMN revenue_default_pipeline_id INTEGER
    REFERENCES pipelines(id) ON DELETE SET NULL;
ALTER TABLE workspaces ADD COLUMN revenue_default_layout TEXT NOT NULL DEFAULT 'board'
    CHECK (revenue_default_layout IN ('board', 'table'));

-- Per workspace and object: the user property holding the CSM and the renewal/end date.
CREATE TABLE workspace_object_settings (
    workspace_id     INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    object_type_id   INTEGER NOT NULL REFERENCES object_types(id) ON DELETE CASCADE,
    csm_property_id  INTEGER REFERENCES property_definitions(id) ON DELETE SET NULL,
    date_property_id INTEGER REFERENCES property_definitions(id) ON DELETE SET NULL,
    PRIMARY KEY (workspace_id, object_type_id)
);

-- The pipelines a workspace shows on its Services and Revenue tabs.
CREATE TABLE workspace_pipelines (
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    pipeline_id  INTEGER NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
    PRIMARY KEY (workspace_id, pipeline_id)
);

-- Who changed which settings when; `changes` holds one "Field: old → new" line per change.
CREATE TABLE settings_audit_log (
    id         INTEGER PRIMARY KEY,
    changed_at TEXT    NOT NULL,
    user_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    area       TEXT    NOT NULL,
    changes    TEXT    NOT NULL
);
