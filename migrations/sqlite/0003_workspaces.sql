-- Customer Success workspaces and the teams assigned to them (SPEC §3). A team belongs to at
-- most one workspace; a team that is assigned cannot be deleted (no cascade on team_id).
-- The PostgreSQL twin is migrations/postgres/0003_workspaces.sql.

CREATE TABLE workspaces (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    description TEXT    NOT NULL DEFAULT '',
    is_main     INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT    NOT NULL
);
CREATE UNIQUE INDEX workspaces_one_main ON workspaces(is_main) WHERE is_main = 1;

CREATE TABLE workspace_teams (
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    team_id      INTEGER NOT NULL UNIQUE REFERENCES teams(id),
    PRIMARY KEY (workspace_id, team_id)
);
