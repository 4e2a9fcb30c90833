-- The Summary's reports (SPEC §4 Summary → Reporting): up to five per user, each over one
-- object. The PostgreSQL twin is migrations/postgres/0013_summary_reports.sql.
CREATE TABLE summary_reports (
    id               INTEGER PRIMARY KEY,
    user_id          INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    title            TEXT   NOT NULL,
    object_type_id   INTEGER NOT NULL REFERENCES object_types(id) ON DELETE CASCADE,
    measure          TEXT   NOT NULL CHECK (measure IN ('count', 'sum', 'average')),
    measure_property TEXT,
    group_by         TEXT,
    time_unit        TEXT   CHECK (time_unit IN ('day', 'week', 'month')),
    chart            TEXT   NOT NULL CHECK (chart IN ('bar', 'line', 'pie', 'number')),
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
);
CREATE INDEX summary_reports_user ON summary_reports(user_id, position);

-- The Summary's score distribution counts a profile's records per ten points from this index
-- alone, without visiting the table.
CREATE INDEX health_scores_distribution ON health_scores(profile_id, score);
