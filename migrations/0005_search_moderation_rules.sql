-- Search, comment moderation, pre-moderation, moderation history and the roadmap and phase rules.

-- Full-text search over every item's title and description. External content: the index stores
-- only tokens and reads the text from feedback_items, so nothing is stored twice. A third column,
-- search_scope, generated from the row, holds the item's workspace (`w<id>`) and its board with
-- whether the public may see it (`v<board id>` visible, `x<board id>` not): a search states its
-- scope as one more term, so the index itself narrows to one board's visible items (public) or one
-- workspace's items (admin) before anything is ranked. The triggers keep the index equal to the
-- rows in the statement that changes them: create, edit of the text, hiding, moderation, merging
-- and unmerging (all of which change search_scope), deletion.
ALTER TABLE feedback_items ADD COLUMN search_scope TEXT GENERATED ALWAYS AS (
  'w' || workspace_id || ' ' ||
  CASE WHEN is_hidden = 0 AND moderation_state = 'approved' AND merged_into_id IS NULL THEN 'v' ELSE 'x' END || board_id
) VIRTUAL;

CREATE VIRTUAL TABLE feedback_search USING fts5(
  title,
  description,
  search_scope,
  content = 'feedback_items',
  content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
INSERT INTO feedback_search(feedback_search) VALUES ('rebuild');

-- The index's terms with their document counts: typo tolerance looks up near spellings here.
CREATE VIRTUAL TABLE feedback_search_terms USING fts5vocab(feedback_search, 'row');

CREATE TRIGGER trg_search_insert AFTER INSERT ON feedback_items BEGIN
  INSERT INTO feedback_search(rowid, title, description, search_scope) VALUES (NEW.id, NEW.title, NEW.description, NEW.search_scope);
END;
CREATE TRIGGER trg_search_update AFTER UPDATE OF title, description, is_hidden, moderation_state, merged_into_id, board_id ON feedback_items
  WHEN OLD.title IS NOT NEW.title OR OLD.description IS NOT NEW.description OR OLD.search_scope IS NOT NEW.search_scope BEGIN
  INSERT INTO feedback_search(feedback_search, rowid, title, description, search_scope)
    VALUES ('delete', OLD.id, OLD.title, OLD.description, OLD.search_scope);
  INSERT INTO feedback_search(rowid, title, description, search_scope) VALUES (NEW.id, NEW.title, NEW.description, NEW.search_scope);
END;
CREATE TRIGGER trg_search_delete AFTER DELETE ON feedback_items BEGIN
  INSERT INTO feedback_search(feedback_search, rowid, title, description, search_scope)
    VALUES ('delete', OLD.id, OLD.title, OLD.description, OLD.search_scope);
END;

-- Pre-moderation per board: new items wait for approval.
ALTER TABLE boards ADD COLUMN require_approval INTEGER NOT NULL DEFAULT 0 CHECK (require_approval IN (0, 1));

-- Moderation history: when an item was last approved, rejected, hidden. Stamped from the row's
-- own updated_at by the triggers, so every path that moderates records it.
ALTER TABLE feedback_items ADD COLUMN approved_at INTEGER;
ALTER TABLE feedback_items ADD COLUMN rejected_at INTEGER;
ALTER TABLE feedback_items ADD COLUMN hidden_at INTEGER;
UPDATE feedback_items SET approved_at = created_at WHERE moderation_state = 'approved';
UPDATE feedback_items SET hidden_at = updated_at WHERE is_hidden = 1;

CREATE TRIGGER trg_feedback_moderated AFTER UPDATE OF moderation_state ON feedback_items
  WHEN OLD.moderation_state IS NOT NEW.moderation_state AND NEW.moderation_state <> 'pending' BEGIN
  UPDATE feedback_items SET
    approved_at = CASE WHEN NEW.moderation_state = 'approved' THEN NEW.updated_at ELSE approved_at END,
    rejected_at = CASE WHEN NEW.moderation_state = 'rejected' THEN NEW.updated_at ELSE rejected_at END
  WHERE id = NEW.id;
END;
CREATE TRIGGER trg_feedback_hidden AFTER UPDATE OF is_hidden ON feedback_items
  WHEN OLD.is_hidden IS NOT NEW.is_hidden BEGIN
  UPDATE feedback_items SET hidden_at = CASE WHEN NEW.is_hidden = 1 THEN NEW.updated_at END WHERE id = NEW.id;
END;

-- Comment moderation: edits, soft deletion (the row stays so replies keep their place), hiding by
-- an admin, and the workspace on the row for the admin list across a workspace.
ALTER TABLE feedback_comments ADD COLUMN is_hidden INTEGER NOT NULL DEFAULT 0 CHECK (is_hidden IN (0, 1));
ALTER TABLE feedback_comments ADD COLUMN deleted_at INTEGER;
ALTER TABLE feedback_comments ADD COLUMN edited_at INTEGER;
ALTER TABLE feedback_comments ADD COLUMN workspace_id INTEGER REFERENCES workspaces(id) ON DELETE CASCADE;
UPDATE feedback_comments SET workspace_id = (SELECT f.workspace_id FROM feedback_items f WHERE f.id = feedback_comments.feedback_id);
-- The admin list, newest first, per workspace (also the foreign key's child index).
CREATE INDEX idx_comments_admin ON feedback_comments(workspace_id, created_at DESC, id DESC);

-- comment_count counts what the public reads: public comments neither hidden nor deleted.
DROP TRIGGER trg_comments_delete;
CREATE TRIGGER trg_comments_delete AFTER DELETE ON feedback_comments BEGIN
  UPDATE feedback_items SET
    comment_count = comment_count - (OLD.is_internal = 0 AND OLD.is_hidden = 0 AND OLD.deleted_at IS NULL),
    activity_at = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
  WHERE id = OLD.feedback_id;
END;
CREATE TRIGGER trg_comments_visibility AFTER UPDATE OF is_hidden, deleted_at ON feedback_comments
  WHEN (OLD.is_hidden = 0 AND OLD.deleted_at IS NULL) IS NOT (NEW.is_hidden = 0 AND NEW.deleted_at IS NULL) BEGIN
  UPDATE feedback_items SET
    comment_count = comment_count
      + (NEW.is_internal = 0 AND NEW.is_hidden = 0 AND NEW.deleted_at IS NULL)
      - (OLD.is_internal = 0 AND OLD.is_hidden = 0 AND OLD.deleted_at IS NULL),
    activity_at = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
  WHERE id = NEW.feedback_id;
END;

-- The admin list of duplicate groups, newest first.
CREATE INDEX idx_duplicates_workspace ON duplicate_groups(workspace_id, created_at DESC, id DESC);

-- A feedback item appears at most once per roadmap. Existing repeats keep their rows, unlinked.
UPDATE roadmap_items SET feedback_id = NULL
WHERE feedback_id IS NOT NULL AND id NOT IN (
  SELECT min(id) FROM roadmap_items WHERE feedback_id IS NOT NULL GROUP BY roadmap_id, feedback_id);
CREATE UNIQUE INDEX idx_roadmap_items_unique_feedback ON roadmap_items(roadmap_id, feedback_id) WHERE feedback_id IS NOT NULL;

-- Phase positions are unique per roadmap. Existing ones are renumbered 0..n-1 in their order.
UPDATE roadmap_phases SET position = (
  SELECT count(*) FROM roadmap_phases p
  WHERE p.roadmap_id = roadmap_phases.roadmap_id
    AND (p.position < roadmap_phases.position OR (p.position = roadmap_phases.position AND p.id < roadmap_phases.id)));
CREATE UNIQUE INDEX idx_roadmap_phases_position ON roadmap_phases(roadmap_id, position);
