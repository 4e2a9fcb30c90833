-- Health alerts (SPEC §5): a customer's health category changed, told to its CSM. The
-- PostgreSQL twin is migrations/postgres/0012_health_alerts.sql. Kept for 14 days
-- (`expires_at`); reads ignore expired rows at once, the background scorer deletes them.
CREATE TABLE health_alerts (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    record_id     INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    profile_id    INTEGER NOT NULL REFERENCES health_score_profiles(id) ON DELETE CASCADE,
    from_category TEXT    NOT NULL,
    to_category   TEXT    NOT NULL,
    from_score    INTEGER NOT NULL,
    to_score      INTEGER NOT NULL,
    created_at    TEXT    NOT NULL,
    expires_at    TEXT    NOT NULL,
    read_at       TEXT
);
-- A user's alerts newest first, paged by id.
CREATE INDEX health_alerts_user ON health_alerts(user_id, id);
-- The badge: a user's unread alerts.
CREATE INDEX health_alerts_unread ON health_alerts(user_id, expires_at) WHERE read_at IS NULL;
CREATE INDEX health_alerts_expiry ON health_alerts(expires_at);
