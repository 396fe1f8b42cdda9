-- A roadmap item taken from feedback stops being public when that feedback is deleted: the
-- foreign key only nulls feedback_id, which would make the copied title a standalone public item.
CREATE TRIGGER trg_feedback_delete_unpublishes_roadmap_items BEFORE DELETE ON feedback_items BEGIN
  UPDATE roadmap_items SET is_public = 0 WHERE feedback_id = OLD.id;
END;

-- Identity secrets have a key id, named by the tokens they sign, so they can be rotated: the
-- current secret stays on the workspace row (read with the board, no extra round trip), retired
-- ones are accepted until their overlap window ends.
ALTER TABLE workspaces ADD COLUMN identity_key_id TEXT NOT NULL DEFAULT 'initial';
CREATE TABLE retired_identity_secrets (
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  key_id TEXT NOT NULL,
  secret TEXT NOT NULL,
  retired_at INTEGER NOT NULL,
  valid_until INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, key_id)
) WITHOUT ROWID;

-- Bounds on what a signed token may claim: the vote weight, and how far ahead its exp may lie.
ALTER TABLE workspaces ADD COLUMN max_vote_weight INTEGER NOT NULL DEFAULT 10 CHECK (max_vote_weight BETWEEN 1 AND 100);
ALTER TABLE workspaces ADD COLUMN max_identity_token_seconds INTEGER NOT NULL DEFAULT 86400
  CHECK (max_identity_token_seconds BETWEEN 60 AND 2592000);

-- An end user's weight set by an admin (applies to their signed votes), and when they were first
-- seen with a valid token: from then on only a token changes their profile.
ALTER TABLE end_users ADD COLUMN vote_weight INTEGER CHECK (vote_weight BETWEEN 1 AND 100);
ALTER TABLE end_users ADD COLUMN verified_at INTEGER;
