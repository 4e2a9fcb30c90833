-- Sessions end after a time without use (the idle timeout) as well as at `expires_at`; use is
-- written at most once a minute. Login attempts are counted per client address too, so one
-- address cannot keep an account locked for everyone.
-- The SQLite twin is migrations/sqlite/0016_session_security.sql.
ALTER TABLE sessions ADD COLUMN last_seen_at TIMESTAMPTZ;
UPDATE sessions SET last_seen_at = created_at;
ALTER TABLE sessions ALTER COLUMN last_seen_at SET NOT NULL;

ALTER TABLE login_attempts ADD COLUMN client_address TEXT NOT NULL DEFAULT '';
CREATE INDEX login_attempts_address ON login_attempts(client_address, attempted_at);
