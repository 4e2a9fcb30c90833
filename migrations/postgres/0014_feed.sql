-- The Feed (SPEC §4). The SQLite twin is migrations/sqlite/0014_feed.sql.
--
-- A deleted notification: hidden for that user only; the sales event stays for everyone else.
-- The feed asks "did this user delete this event?" once per event it reads: the primary key.
CREATE TABLE feed_dismissals (
    user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    event_id     BIGINT NOT NULL REFERENCES sales_events(id) ON DELETE CASCADE,
    dismissed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, event_id)
);
-- An event deleted with its contact finds its dismissals without reading them all.
CREATE INDEX feed_dismissals_event ON feed_dismissals(event_id);

-- The feed's order is (occurred_at DESC, id DESC). SQLite's indexes end with the row id;
-- PostgreSQL's do not, so the id joins the key here — else every page would sort its ties.
DROP INDEX sales_events_time;
CREATE INDEX sales_events_time ON sales_events(occurred_at, id);
-- The feed of one activity type walks that type's events newest first.
CREATE INDEX sales_events_kind ON sales_events(kind, occurred_at, id);

-- The feed searches subjects and sequence names with LOWER(…) LIKE, as it does names: compared
-- bytewise ("C"), like SQLite, both backends lowercase ASCII only and agree (see 0004).
ALTER TABLE sales_events ALTER COLUMN detail TYPE TEXT COLLATE "C";
ALTER TABLE sales_events ALTER COLUMN sequence_name TYPE TEXT COLLATE "C";
