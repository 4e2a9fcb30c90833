-- The Tasks views compare the status as lists compare every select property, through LOWER()
-- (see app/src/db/query/mod.rs). With the owner and the due date (or the completion date, by
-- which All completed sorts) these indexes make the views' pages and counts one index range
-- each, in their order, without sorting the owner's tasks. NULLS FIRST, as lists sort
-- ascending NULLS FIRST and descending (a backward scan) NULLS LAST.
-- The SQLite twin is migrations/sqlite/0010_task_status_index.sql.
CREATE INDEX activities_owner_status_due
    ON activities(owner_id, LOWER(task_status), due_at NULLS FIRST, id) WHERE kind = 'task';
CREATE INDEX activities_owner_status_completed
    ON activities(owner_id, LOWER(task_status), completed_at NULLS FIRST, id) WHERE kind = 'task';
