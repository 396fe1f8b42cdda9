-- Core schema: workspaces, boards, end users, feedback with counters on the row, weighted votes,
-- threaded comments, themes, duplicate groups, roadmaps, widget config, branding, api keys.
-- Times are unix epoch milliseconds (INTEGER). Booleans are 0/1 with CHECKs.

CREATE TABLE workspaces (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 63),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  require_signed_identity INTEGER NOT NULL DEFAULT 0 CHECK (require_signed_identity IN (0, 1)),
  identity_secret TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE api_keys (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,          -- SHA-256 of the whole key, hex; the key itself is never stored
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER
);
CREATE INDEX idx_api_keys_workspace ON api_keys(workspace_id, revoked_at);

CREATE TABLE boards (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  slug TEXT NOT NULL CHECK (length(slug) BETWEEN 1 AND 63),
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  UNIQUE (workspace_id, slug)
);

CREATE TABLE end_users (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  external_id TEXT NOT NULL CHECK (length(external_id) BETWEEN 1 AND 200),
  name TEXT,
  email TEXT,
  created_at INTEGER NOT NULL,
  UNIQUE (workspace_id, external_id)
);

CREATE TABLE themes (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
  item_count INTEGER NOT NULL DEFAULT 0 CHECK (item_count >= 0),
  created_at INTEGER NOT NULL,
  UNIQUE (workspace_id, name)
);

CREATE TABLE feedback_items (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  board_id INTEGER NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  user_id INTEGER REFERENCES end_users(id) ON DELETE SET NULL,
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'under_review', 'planned', 'in_progress', 'completed', 'closed')),
  category TEXT,
  moderation_state TEXT NOT NULL DEFAULT 'approved' CHECK (moderation_state IN ('pending', 'approved', 'rejected')),
  is_hidden INTEGER NOT NULL DEFAULT 0 CHECK (is_hidden IN (0, 1)),
  theme_id INTEGER REFERENCES themes(id) ON DELETE SET NULL,
  merged_into_id INTEGER REFERENCES feedback_items(id) ON DELETE SET NULL CHECK (merged_into_id <> id),
  -- Counters maintained by the triggers below, inside the statement that changes a vote or comment.
  vote_count INTEGER NOT NULL DEFAULT 0 CHECK (vote_count >= 0),
  voter_count INTEGER NOT NULL DEFAULT 0 CHECK (voter_count >= 0),
  comment_count INTEGER NOT NULL DEFAULT 0 CHECK (comment_count >= 0),
  -- ln(sum over votes of weight * e^(t / tau)), with the item's creation as one vote (tau: see queries/trend.ts).
  trend_score REAL NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE feedback_votes (
  id INTEGER PRIMARY KEY,
  feedback_id INTEGER NOT NULL REFERENCES feedback_items(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES end_users(id) ON DELETE CASCADE,
  weight INTEGER NOT NULL DEFAULT 1 CHECK (weight BETWEEN 1 AND 100),
  -- Set on a vote copied from a merged duplicate, so unmerging can take exactly those back.
  source_feedback_id INTEGER REFERENCES feedback_items(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  UNIQUE (feedback_id, user_id)
);

CREATE TABLE feedback_comments (
  id INTEGER PRIMARY KEY,
  feedback_id INTEGER NOT NULL REFERENCES feedback_items(id) ON DELETE CASCADE,
  parent_id INTEGER REFERENCES feedback_comments(id) ON DELETE CASCADE,
  user_id INTEGER REFERENCES end_users(id) ON DELETE SET NULL,
  author_name TEXT,
  is_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
  is_internal INTEGER NOT NULL DEFAULT 0 CHECK (is_internal IN (0, 1)),
  body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  created_at INTEGER NOT NULL,
  CHECK (is_internal = 0 OR is_admin = 1)
);

CREATE TABLE duplicate_groups (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  parent_id INTEGER NOT NULL REFERENCES feedback_items(id) ON DELETE CASCADE,
  duplicate_id INTEGER NOT NULL REFERENCES feedback_items(id) ON DELETE CASCADE,
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
  moved_votes INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  unmerged_at INTEGER,
  CHECK (parent_id <> duplicate_id)
);
-- An item is an active duplicate of at most one parent.
CREATE UNIQUE INDEX idx_duplicates_active_duplicate ON duplicate_groups(duplicate_id) WHERE is_active = 1;

CREATE TABLE roadmaps (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  slug TEXT NOT NULL,
  name TEXT NOT NULL,
  is_public INTEGER NOT NULL DEFAULT 1 CHECK (is_public IN (0, 1)),
  created_at INTEGER NOT NULL,
  UNIQUE (workspace_id, slug)
);

CREATE TABLE roadmap_phases (
  id INTEGER PRIMARY KEY,
  roadmap_id INTEGER NOT NULL REFERENCES roadmaps(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  UNIQUE (roadmap_id, name)
);

CREATE TABLE roadmap_items (
  id INTEGER PRIMARY KEY,
  roadmap_id INTEGER NOT NULL REFERENCES roadmaps(id) ON DELETE CASCADE,
  phase_id INTEGER NOT NULL REFERENCES roadmap_phases(id) ON DELETE RESTRICT,
  feedback_id INTEGER REFERENCES feedback_items(id) ON DELETE SET NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  is_public INTEGER NOT NULL DEFAULT 1 CHECK (is_public IN (0, 1)),
  priority INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

CREATE TABLE widget_configs (
  workspace_id INTEGER PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  default_board TEXT,
  position TEXT NOT NULL DEFAULT 'bottom-right' CHECK (position IN ('bottom-right', 'bottom-left', 'top-right', 'top-left')),
  theme TEXT NOT NULL DEFAULT 'auto' CHECK (theme IN ('light', 'dark', 'auto')),
  show_roadmap INTEGER NOT NULL DEFAULT 1 CHECK (show_roadmap IN (0, 1)),
  locale TEXT NOT NULL DEFAULT 'en',
  allowed_origins TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(allowed_origins)),
  updated_at INTEGER NOT NULL
);

CREATE TABLE workspace_branding (
  workspace_id INTEGER PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  logo_url TEXT,
  primary_color TEXT NOT NULL DEFAULT '#4f46e5',
  accent_color TEXT NOT NULL DEFAULT '#f59e0b',
  font_family TEXT NOT NULL DEFAULT 'system-ui',
  updated_at INTEGER NOT NULL
);

-- Counters. A vote row's insert, weight change and delete adjust its item in the same statement,
-- so every path that touches votes (vote, unvote, merge, unmerge, cascades) keeps them exact.
CREATE TRIGGER trg_votes_insert AFTER INSERT ON feedback_votes BEGIN
  UPDATE feedback_items SET vote_count = vote_count + NEW.weight, voter_count = voter_count + 1
  WHERE id = NEW.feedback_id;
END;
CREATE TRIGGER trg_votes_update AFTER UPDATE OF weight ON feedback_votes BEGIN
  UPDATE feedback_items SET vote_count = vote_count + NEW.weight - OLD.weight WHERE id = NEW.feedback_id;
END;
CREATE TRIGGER trg_votes_delete AFTER DELETE ON feedback_votes BEGIN
  UPDATE feedback_items SET vote_count = vote_count - OLD.weight, voter_count = voter_count - 1
  WHERE id = OLD.feedback_id;
END;
CREATE TRIGGER trg_comments_insert AFTER INSERT ON feedback_comments WHEN NEW.is_internal = 0 BEGIN
  UPDATE feedback_items SET comment_count = comment_count + 1 WHERE id = NEW.feedback_id;
END;
CREATE TRIGGER trg_comments_delete AFTER DELETE ON feedback_comments WHEN OLD.is_internal = 0 BEGIN
  UPDATE feedback_items SET comment_count = comment_count - 1 WHERE id = OLD.feedback_id;
END;
CREATE TRIGGER trg_theme_items_insert AFTER INSERT ON feedback_items WHEN NEW.theme_id IS NOT NULL BEGIN
  UPDATE themes SET item_count = item_count + 1 WHERE id = NEW.theme_id;
END;
CREATE TRIGGER trg_theme_items_update AFTER UPDATE OF theme_id ON feedback_items
  WHEN OLD.theme_id IS NOT NEW.theme_id BEGIN
  UPDATE themes SET item_count = item_count - 1 WHERE id = OLD.theme_id;
  UPDATE themes SET item_count = item_count + 1 WHERE id = NEW.theme_id;
END;
CREATE TRIGGER trg_theme_items_delete AFTER DELETE ON feedback_items WHEN OLD.theme_id IS NOT NULL BEGIN
  UPDATE themes SET item_count = item_count - 1 WHERE id = OLD.theme_id;
END;

-- Indexes the core queries need; the list indexes for every sort come with the query work.
CREATE INDEX idx_feedback_board_list ON feedback_items(board_id, is_hidden, moderation_state, vote_count DESC, id DESC);
CREATE INDEX idx_feedback_workspace_admin ON feedback_items(workspace_id, created_at DESC, id DESC);
CREATE INDEX idx_votes_user ON feedback_votes(user_id, feedback_id);
CREATE INDEX idx_votes_source ON feedback_votes(source_feedback_id) WHERE source_feedback_id IS NOT NULL;
CREATE INDEX idx_comments_thread ON feedback_comments(feedback_id, created_at, id);
CREATE INDEX idx_comments_parent ON feedback_comments(parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX idx_roadmap_items_public ON roadmap_items(roadmap_id, is_public, phase_id, priority DESC);
CREATE INDEX idx_themes_workspace_active ON themes(workspace_id, is_active, item_count DESC);
CREATE INDEX idx_duplicates_parent ON duplicate_groups(parent_id, is_active);
CREATE INDEX idx_feedback_user ON feedback_items(user_id, created_at DESC);
CREATE INDEX idx_feedback_theme ON feedback_items(theme_id) WHERE theme_id IS NOT NULL;
CREATE INDEX idx_feedback_merged ON feedback_items(merged_into_id) WHERE merged_into_id IS NOT NULL;
CREATE INDEX idx_roadmap_items_feedback ON roadmap_items(feedback_id) WHERE feedback_id IS NOT NULL;
CREATE INDEX idx_roadmap_items_phase ON roadmap_items(phase_id);
