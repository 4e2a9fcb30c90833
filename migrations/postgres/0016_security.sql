-- Sessions end after a time without use (the idle timeout) as well as at `expires_at`; use is
-- written at most once a minute. Login attempts are counted per client address too, so one
-- address cannot keep an account locked for everyone. The audit log holds security events
-- (logins, lockouts, account changes) beside settings changes, each with its kind and the user
-- acted on, and is filtered by kind, user and date.
-- The SQLite twin is migrations/sqlite/0016_security.sql.
ALTER TABLE sessions ADD COLUMN last_seen_at TIMESTAMPTZ;
UPDATE sessions SET last_seen_at = created_at;
ALTER TABLE sessions ALTER COLUMN last_seen_at SET NOT NULL;

ALTER TABLE login_attempts ADD COLUMN client_address TEXT NOT NULL DEFAULT '';
CREATE INDEX login_attempts_address ON login_attempts(client_address, attempted_at);

ALTER TABLE settings_audit_log ADD COLUMN kind TEXT NOT NULL DEFAULT 'settings_changed';
ALTER TABLE settings_audit_log ADD COLUMN subject_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL;
CREATE INDEX settings_audit_log_kind ON settings_audit_log(kind, id);
CREATE INDEX settings_audit_log_user ON settings_audit_log(user_id, id);
CREATE INDEX settings_audit_log_subject ON settings_audit_log(subject_user_id, id);
