-- Server-side sessions and the login attempts that throttling counts.
-- The PostgreSQL twin is migrations/postgres/0002_sessions.sql.

-- `id` is the SHA-256 of the cookie's token, so a copy of this table opens no session.
CREATE TABLE sessions (
    id         TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT    NOT NULL,
    expires_at TEXT    NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_attempts (
    id           INTEGER PRIMARY KEY,
    email        TEXT    NOT NULL,
    attempted_at TEXT    NOT NULL,
    succeeded    INTEGER NOT NULL
);
CREATE INDEX login_attempts_email ON login_attempts(email, attempted_at);
