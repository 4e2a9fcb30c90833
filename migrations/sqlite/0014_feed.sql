-- The Feed (SPEC §4). The PostgreSQL twin is migrations/postgres/0014_feed.sql.
--
-- A deleted notification: hidden for that user only; the sales event stays for everyone else.
-- The feed asks "did this user delete this event?" once per event it reads: the primary key.
CREATE TABLE feed_dismissals (
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    event_id     INTEGER NOT NULL REFERENCES sales_events(id) ON DELETE CASCADE,
    dismissed_at TEXT    NOT NULL,
    PRIMARY KEY (user_id, event_id)
);
-- An event deleted with its contact finds its dismissals without reading them all.
CREATE INDEX feed_dismissals_event ON feed_dismissals(event_id);

-- The feed of one activity type walks that type's events newest first. Every SQLite index
-- ends with the rowid (`id`), so this is (kind, occurred_at, id), the feed's full order, as
-- sales_events_time is (occurred_at, id) for the unfiltered feed.
CREATE INDEX sales_events_kind ON sales_events(kind, occurred_at);
