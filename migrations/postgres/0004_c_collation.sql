-- Names sort the same on both backends: PostgreSQL compares these columns bytewise ("C"),
-- like SQLite does. (SQLite needs no migration for this, hence no twin.)
ALTER TABLE users ALTER COLUMN name TYPE TEXT COLLATE "C";
ALTER TABLE teams ALTER COLUMN name TYPE TEXT COLLATE "C";
ALTER TABLE workspaces ALTER COLUMN name TYPE TEXT COLLATE "C";
