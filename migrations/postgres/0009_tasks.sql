-- Tasks and meetings as the Tasks and Schedule tabs work with them. The SQLite twin is
-- migrations/sqlite/0009_tasks.sql.
-- A version, so an edit made on a stale copy of a task is refused rather than lost.
ALTER TABLE activities ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
-- A meeting's video link and when its organiser started it.
ALTER TABLE activities ADD COLUMN link TEXT;
ALTER TABLE activities ADD COLUMN started_at TIMESTAMPTZ;
-- Titles compare and sort bytewise, like every other text the lists filter (see 0004).
ALTER TABLE activities ALTER COLUMN subject TYPE TEXT COLLATE "C";
ALTER TABLE activities ALTER COLUMN body TYPE TEXT COLLATE "C";
-- The Tasks list sorts and pages by due date and by title (the default views are ranges of
-- due dates; the owner's index `activities_tasks` serves "my tasks").
CREATE INDEX activities_task_due ON activities(due_at NULLS FIRST, id) WHERE kind = 'task';
CREATE INDEX activities_task_subject ON activities(LOWER(subject) NULLS FIRST, id) WHERE kind = 'task';
-- The Schedule reads a user's tasks by due time and meetings by start, in a range.
CREATE INDEX activities_owner_due ON activities(owner_id, due_at) WHERE kind = 'task';
