-- Each user's IANA time zone (e.g. 'Europe/Warsaw'); NULL until chosen, which shows UTC and lets
-- the first login take the browser's zone. The PostgreSQL twin is migrations/postgres/0008_time_zones.sql.
ALTER TABLE users ADD COLUMN time_zone TEXT;
