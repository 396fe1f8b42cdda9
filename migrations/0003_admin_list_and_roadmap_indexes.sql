-- The moderation list (GET /admin/feedback, newest first) filtered by board or by moderation
-- state: each filter gets an index with the filter before (created_at, id), so a filtered page is
-- a walk in order rather than a walk of the whole workspace that discards what does not match.
-- workspace_id leads the board one so that public lists, which do not constrain it, keep their
-- partial indexes.
CREATE INDEX idx_feedback_admin_board ON feedback_items(workspace_id, board_id, created_at DESC, id DESC);
CREATE INDEX idx_feedback_admin_state ON feedback_items(workspace_id, moderation_state, created_at DESC, id DESC);

-- The public roadmap reads phases in (position, id) order and each phase's public items in
-- (priority desc, id) order: with both orders in indexes, the one statement needs no sort.
CREATE INDEX idx_roadmap_phases_order ON roadmap_phases(roadmap_id, position, id);
DROP INDEX idx_roadmap_items_public;
CREATE INDEX idx_roadmap_items_public ON roadmap_items(roadmap_id, is_public, phase_id, priority DESC, id);
