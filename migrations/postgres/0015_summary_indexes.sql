-- The Summary's counts read only indexes. The active alerts of a user are counted by expiry
-- (the user-and-id index made the count look up every alert row). A day's meetings are
-- those starting in it or shortly before and ending after it starts: with the end in the
-- index, neither the count nor the first items look up the meetings that ended already.
-- The SQLite twin is migrations/sqlite/0015_summary_indexes.sql.
CREATE INDEX health_alerts_active ON health_alerts(user_id, expires_at);
CREATE INDEX activities_meeting_spans ON activities(owner_id, starts_at, ends_at) WHERE kind = 'meeting';
DROP INDEX activities_meetings;
