-- Pipeline rules: whether a record may skip stages or move backward (super admins bypass both).
-- The SQLite twin is migrations/sqlite/0007_pipeline_rules.sql.
ALTER TABLE pipelines ADD COLUMN block_skipping BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE pipelines ADD COLUMN block_backward BOOLEAN NOT NULL DEFAULT FALSE;
