-- Pipeline rules: whether a record may skip stages or move backward (super admins bypass both).
-- The PostgreSQL twin is migrations/postgres/0007_pipeline_rules.sql.
ALTER TABLE pipelines ADD COLUMN block_skipping INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pipelines ADD COLUMN block_backward INTEGER NOT NULL DEFAULT 0;
