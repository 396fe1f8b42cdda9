-- A roadmap item taken from feedback stops being public when that feedback is deleted: the
-- foreign key only nulls feedback_id, which would make the copied title a standalone public item.
CREATE TRIGGER trg_feedback_delete_unpublishes_roadmap_items BEFORE DELETE ON feedback_items BEGIN
  UPDATE roadmap_items SET is_public = 0 WHERE feedback_id = OLD.id;
END;
