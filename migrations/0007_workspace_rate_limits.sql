-- Per-workspace rate-limit tiers, set by the platform operator. A missing row is the standard
-- tier (the spec's x-rate-limit); 'raised' counts against the binding at ten times the limit;
-- 'exempt' counts nothing (the seeded load-test workspace, whose load comes from one machine).
CREATE TABLE workspace_rate_limits (
  workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  key_kind TEXT NOT NULL CHECK (key_kind IN ('ip', 'user', 'apiKey')),
  tier TEXT NOT NULL CHECK (tier IN ('raised', 'exempt')),
  PRIMARY KEY (workspace_id, key_kind)
) WITHOUT ROWID;
