-- Queries at scale: the trend score kept by the vote triggers, an activity time for counter
-- reconciliation, and one partial index per (list, sort) so every public list is an index walk.
--
-- Trend: trend_score = ln(Σ weight·e^(t/τ)) over the votes (t = vote time in seconds, τ = 604800 s,
-- see src/queries/trend.ts), the item's creation counting as one vote of weight 1. Adding a term x
-- is max(s, x) + ln(1 + e^(min − max)): only differences are exponentiated, so nothing overflows.
-- Removing x is s + ln(1 − e^(x − s)) while x − s < −ln 2 (the removed term is under half the sum,
-- so the subtraction loses at most one bit); otherwise the score is recomputed from the item's
-- remaining votes, max + ln(Σ e^(x − max)), through idx_votes_item_weight.

ALTER TABLE feedback_items ADD COLUMN activity_at INTEGER NOT NULL DEFAULT 0;
UPDATE feedback_items SET activity_at = updated_at;

DROP TRIGGER trg_votes_insert;
DROP TRIGGER trg_votes_update;
DROP TRIGGER trg_votes_delete;
DROP TRIGGER trg_comments_insert;
DROP TRIGGER trg_comments_delete;

CREATE TRIGGER trg_votes_insert AFTER INSERT ON feedback_votes BEGIN
  UPDATE feedback_items SET
    vote_count = vote_count + NEW.weight,
    voter_count = voter_count + 1,
    trend_score = max(trend_score, NEW.created_at / 1000.0 / 604800 + ln(NEW.weight))
      + ln(1 + exp(min(trend_score, NEW.created_at / 1000.0 / 604800 + ln(NEW.weight))
                 - max(trend_score, NEW.created_at / 1000.0 / 604800 + ln(NEW.weight)))),
    activity_at = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
  WHERE id = NEW.feedback_id;
END;

-- A weight change keeps the vote's time: the term changes by (new − old)·e^(t/τ).
CREATE TRIGGER trg_votes_update AFTER UPDATE OF weight ON feedback_votes WHEN NEW.weight <> OLD.weight BEGIN
  UPDATE feedback_items SET
    vote_count = vote_count + NEW.weight - OLD.weight,
    trend_score = CASE
      WHEN NEW.weight > OLD.weight THEN
        max(trend_score, NEW.created_at / 1000.0 / 604800 + ln(NEW.weight - OLD.weight))
        + ln(1 + exp(min(trend_score, NEW.created_at / 1000.0 / 604800 + ln(NEW.weight - OLD.weight))
                   - max(trend_score, NEW.created_at / 1000.0 / 604800 + ln(NEW.weight - OLD.weight))))
      WHEN NEW.created_at / 1000.0 / 604800 + ln(OLD.weight - NEW.weight) - trend_score < -0.6931471805599453 THEN
        trend_score + ln(1 - exp(NEW.created_at / 1000.0 / 604800 + ln(OLD.weight - NEW.weight) - trend_score))
      ELSE (
        SELECT m + ln(sum(exp(x - m))) FROM (
          SELECT x, max(x) OVER () AS m FROM (
            SELECT feedback_items.created_at / 1000.0 / 604800 AS x
            UNION ALL
            SELECT v.created_at / 1000.0 / 604800 + ln(v.weight) FROM feedback_votes v WHERE v.feedback_id = NEW.feedback_id)))
    END,
    activity_at = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
  WHERE id = NEW.feedback_id;
END;

CREATE TRIGGER trg_votes_delete AFTER DELETE ON feedback_votes BEGIN
  UPDATE feedback_items SET
    vote_count = vote_count - OLD.weight,
    voter_count = voter_count - 1,
    trend_score = CASE
      WHEN OLD.created_at / 1000.0 / 604800 + ln(OLD.weight) - trend_score < -0.6931471805599453 THEN
        trend_score + ln(1 - exp(OLD.created_at / 1000.0 / 604800 + ln(OLD.weight) - trend_score))
      ELSE (
        SELECT m + ln(sum(exp(x - m))) FROM (
          SELECT x, max(x) OVER () AS m FROM (
            SELECT feedback_items.created_at / 1000.0 / 604800 AS x
            UNION ALL
            SELECT v.created_at / 1000.0 / 604800 + ln(v.weight) FROM feedback_votes v WHERE v.feedback_id = OLD.feedback_id)))
    END,
    activity_at = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
  WHERE id = OLD.feedback_id;
END;

CREATE TRIGGER trg_comments_insert AFTER INSERT ON feedback_comments BEGIN
  UPDATE feedback_items SET
    comment_count = comment_count + (NEW.is_internal = 0),
    activity_at = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
  WHERE id = NEW.feedback_id;
END;
CREATE TRIGGER trg_comments_delete AFTER DELETE ON feedback_comments BEGIN
  UPDATE feedback_items SET
    comment_count = comment_count - (OLD.is_internal = 0),
    activity_at = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
  WHERE id = OLD.feedback_id;
END;

-- Public lists. Partial on what the public may see, so hidden, unapproved and merged items cost
-- nothing to skip; the query states the same predicate with literals (a bound parameter would not
-- prove the index's WHERE). One index per sort, and per sort again with the status or the category
-- before the sort key, so a filtered list is still a walk in order.
DROP INDEX idx_feedback_board_list;

CREATE INDEX idx_feedback_list_votes ON feedback_items(board_id, vote_count DESC, id DESC)
  WHERE is_hidden = 0 AND moderation_state = 'approved' AND merged_into_id IS NULL;
CREATE INDEX idx_feedback_list_created ON feedback_items(board_id, created_at DESC, id DESC)
  WHERE is_hidden = 0 AND moderation_state = 'approved' AND merged_into_id IS NULL;
CREATE INDEX idx_feedback_list_updated ON feedback_items(board_id, updated_at DESC, id DESC)
  WHERE is_hidden = 0 AND moderation_state = 'approved' AND merged_into_id IS NULL;
CREATE INDEX idx_feedback_list_trending ON feedback_items(board_id, trend_score DESC, id DESC)
  WHERE is_hidden = 0 AND moderation_state = 'approved' AND merged_into_id IS NULL;

CREATE INDEX idx_feedback_list_status_votes ON feedback_items(board_id, status, vote_count DESC, id DESC)
  WHERE is_hidden = 0 AND moderation_state = 'approved' AND merged_into_id IS NULL;
CREATE INDEX idx_feedback_list_status_created ON feedback_items(board_id, status, created_at DESC, id DESC)
  WHERE is_hidden = 0 AND moderation_state = 'approved' AND merged_into_id IS NULL;
CREATE INDEX idx_feedback_list_status_updated ON feedback_items(board_id, status, updated_at DESC, id DESC)
  WHERE is_hidden = 0 AND moderation_state = 'approved' AND merged_into_id IS NULL;
CREATE INDEX idx_feedback_list_status_trending ON feedback_items(board_id, status, trend_score DESC, id DESC)
  WHERE is_hidden = 0 AND moderation_state = 'approved' AND merged_into_id IS NULL;

CREATE INDEX idx_feedback_list_category_votes ON feedback_items(board_id, category, vote_count DESC, id DESC)
  WHERE is_hidden = 0 AND moderation_state = 'approved' AND merged_into_id IS NULL;
CREATE INDEX idx_feedback_list_category_created ON feedback_items(board_id, category, created_at DESC, id DESC)
  WHERE is_hidden = 0 AND moderation_state = 'approved' AND merged_into_id IS NULL;
CREATE INDEX idx_feedback_list_category_updated ON feedback_items(board_id, category, updated_at DESC, id DESC)
  WHERE is_hidden = 0 AND moderation_state = 'approved' AND merged_into_id IS NULL;
CREATE INDEX idx_feedback_list_category_trending ON feedback_items(board_id, category, trend_score DESC, id DESC)
  WHERE is_hidden = 0 AND moderation_state = 'approved' AND merged_into_id IS NULL;

-- Counter reconciliation walks items in activity order from where its last run stopped.
CREATE INDEX idx_feedback_activity ON feedback_items(activity_at, id);

-- The seed's idx_votes_feedback_weight plus created_at: recounting an item (reconciliation, and
-- the trend recompute on removal) reads only this index.
CREATE INDEX idx_votes_item_weight ON feedback_votes(feedback_id, weight, created_at);

-- Foreign-key child column without an index: removing an end user (or upserting one, whose plan
-- includes the key actions) scanned every comment.
CREATE INDEX idx_comments_user ON feedback_comments(user_id) WHERE user_id IS NOT NULL;

CREATE TABLE counter_reconciliation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  -- The last item reconciled, in (activity_at, id) order.
  activity_at INTEGER NOT NULL,
  item_id INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
