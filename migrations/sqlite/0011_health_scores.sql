-- Health scores (SPEC §5). The PostgreSQL twin is migrations/postgres/0011_health_scores.sql.
-- A computed property (a live score's score and category) is written by the server, never
-- typed: editors show it read-only and record updates refuse it.
ALTER TABLE property_definitions ADD COLUMN computed INTEGER NOT NULL DEFAULT 0;

-- A score profile. `published` is the definition in force (JSON, see
-- app/src/models/health_score.rs), `draft` the edits not yet turned on; a profile that was
-- never turned on keeps its definition in `draft` only. While live, its score and category are
-- the computed properties `score_property_id` and `category_property_id` of the customer object.
CREATE TABLE health_score_profiles (
    id                   INTEGER PRIMARY KEY,
    name                 TEXT    NOT NULL,
    description          TEXT    NOT NULL DEFAULT '',
    object_type_id       INTEGER NOT NULL REFERENCES object_types(id),
    live                 INTEGER NOT NULL DEFAULT 0,
    published            TEXT,
    draft                TEXT,
    score_property_id    INTEGER REFERENCES property_definitions(id),
    category_property_id INTEGER REFERENCES property_definitions(id),
    version              INTEGER NOT NULL DEFAULT 1,
    created_by           INTEGER REFERENCES users(id),
    created_at           TEXT    NOT NULL,
    updated_at           TEXT    NOT NULL,
    -- When every record was last scored; the daily run scores again once this is another day.
    computed_at          TEXT,
    -- A run of every record claimed by a server (a lease: another may take over after ten
    -- minutes, when that server stopped mid-run).
    claimed_at           TEXT
);

-- Each record's current score under a live profile, with the criteria that held
-- (`held`: JSON [[group, criterion], …]), so the health card explains it.
CREATE TABLE health_scores (
    profile_id INTEGER NOT NULL REFERENCES health_score_profiles(id) ON DELETE CASCADE,
    record_id  INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    score      INTEGER NOT NULL,
    category   TEXT    NOT NULL,
    held       TEXT    NOT NULL,
    changed_at TEXT    NOT NULL,
    PRIMARY KEY (profile_id, record_id)
);

-- Every change of a record's score (not one row per day): storage grows with changes.
CREATE TABLE health_score_history (
    id           INTEGER PRIMARY KEY,
    profile_id   INTEGER NOT NULL REFERENCES health_score_profiles(id) ON DELETE CASCADE,
    record_id    INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    score        INTEGER NOT NULL,
    category     TEXT    NOT NULL,
    group_points TEXT    NOT NULL,
    held         TEXT    NOT NULL,
    changed_at   TEXT    NOT NULL
);
CREATE INDEX health_score_history_record ON health_score_history(record_id, profile_id, changed_at);

-- Per profile and day: the average score and the records per category ("average over time").
CREATE TABLE health_score_daily (
    profile_id INTEGER NOT NULL REFERENCES health_score_profiles(id) ON DELETE CASCADE,
    day        TEXT    NOT NULL,
    average    REAL    NOT NULL,
    scored     INTEGER NOT NULL,
    at_risk    INTEGER NOT NULL,
    neutral    INTEGER NOT NULL,
    healthy    INTEGER NOT NULL,
    PRIMARY KEY (profile_id, day)
);

-- Records whose inputs changed (a property, an activity, a ticket, a merge): the background
-- scorer takes them off this queue within a second, off the request path.
CREATE TABLE health_score_queue (
    record_id INTEGER PRIMARY KEY,
    queued_at TEXT NOT NULL
);
