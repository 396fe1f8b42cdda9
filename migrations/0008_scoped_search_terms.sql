-- The search index with every word tagged by its scope (replaces 0005's feedback_search).
--
-- 0005 indexed the plain words plus one scope term per item (`v12`, `w3`), and a search ANDed the
-- scope term in: bm25 then counted the scope term's documents (a board's visible items) on every
-- query, a fixed cost that grew with the board. Here each word is indexed once per scope instead:
-- `v12_dark` (board 12, visible to the public), `x12_dark` (board 12, not visible), `w3_dark`
-- (workspace 3, any state). A search matches only its scope's terms, so bm25's document count of a
-- term is the scope's own count, and the last word's prefix and near spellings read the scope's
-- part of the vocabulary. Every item holds a board term and a workspace term per word, so document
-- lengths (bm25's length normalization) stay comparable between visible and hidden items.
--
-- D1 runs no custom tokenizer, so the words are cut by FTS5 itself: the item's text goes through a
-- scratch FTS5 table (same tokenizer as 0005), whose fts5vocab instance listing gives its words,
-- each then written once per scope term of search_scope (0005's generated column, `w3 v12`). The
-- triggers still keep the index equal to the rows in the statement that changes them, on every path.

DROP TRIGGER trg_search_insert;
DROP TRIGGER trg_search_update;
DROP TRIGGER trg_search_delete;
DROP TABLE feedback_search_terms;
DROP TABLE feedback_search;

-- Scratch: holds one item's text at a time (none between statements), only to cut it into words.
CREATE VIRTUAL TABLE feedback_search_tokenizer USING fts5(
  title,
  description,
  content = '',
  tokenize = 'unicode61 remove_diacritics 2'
);
-- Its words with their column, one row per occurrence (so term frequencies carry over).
CREATE VIRTUAL TABLE feedback_search_tokens USING fts5vocab(feedback_search_tokenizer, 'instance');

-- The index: scoped words only, no text (contentless; rows deleted by rowid). `_` joins a scope to
-- its word; the tokenizer keeps it inside the term, and no word typed by a user can hold it.
CREATE VIRTUAL TABLE feedback_search USING fts5(
  title,
  description,
  content = '',
  contentless_delete = 1,
  tokenize = "unicode61 remove_diacritics 2 tokenchars '_'"
);
-- The index's terms with their document counts (per scope): the last word's prefix check and its
-- near spellings read ranges of it.
CREATE VIRTUAL TABLE feedback_search_terms USING fts5vocab(feedback_search, 'row');

-- Indexes one item: inserting into this view cuts the text into words and writes them scoped (an
-- item without words has no entry, as in the bulk load below).
-- `scope` is search_scope (`w3 v12`): each word becomes `w3_word v12_word`.
CREATE VIEW feedback_search_entries (id, title, description, scope) AS SELECT NULL, NULL, NULL, NULL WHERE 0;
CREATE TRIGGER trg_search_entry INSTEAD OF INSERT ON feedback_search_entries BEGIN
  INSERT INTO feedback_search_tokenizer(feedback_search_tokenizer) VALUES ('delete-all');
  INSERT INTO feedback_search_tokenizer(rowid, title, description) VALUES (NEW.id, NEW.title, NEW.description);
  INSERT INTO feedback_search(rowid, title, description)
    SELECT NEW.id,
      group_concat(CASE WHEN col = 'title' THEN replace(NEW.scope, ' ', '_' || term || ' ') || '_' || term END, ' '),
      group_concat(CASE WHEN col = 'description' THEN replace(NEW.scope, ' ', '_' || term || ' ') || '_' || term END, ' ')
    FROM feedback_search_tokens
    HAVING count(*) > 0;
  INSERT INTO feedback_search_tokenizer(feedback_search_tokenizer) VALUES ('delete-all');
END;

CREATE TRIGGER trg_search_insert AFTER INSERT ON feedback_items BEGIN
  INSERT INTO feedback_search_entries VALUES (NEW.id, NEW.title, NEW.description, NEW.search_scope);
END;
-- Text, hiding, moderation, merging, unmerging and board moves all change the text or search_scope.
CREATE TRIGGER trg_search_update AFTER UPDATE OF title, description, is_hidden, moderation_state, merged_into_id, board_id ON feedback_items
  WHEN OLD.title IS NOT NEW.title OR OLD.description IS NOT NEW.description OR OLD.search_scope IS NOT NEW.search_scope BEGIN
  DELETE FROM feedback_search WHERE rowid = OLD.id;
  INSERT INTO feedback_search_entries VALUES (NEW.id, NEW.title, NEW.description, NEW.search_scope);
END;
CREATE TRIGGER trg_search_delete AFTER DELETE ON feedback_items BEGIN
  DELETE FROM feedback_search WHERE rowid = OLD.id;
END;

-- The existing items, in bulk: every text through the scratch table at once, grouped back by item.
INSERT INTO feedback_search_tokenizer(rowid, title, description) SELECT id, title, description FROM feedback_items;
INSERT INTO feedback_search(rowid, title, description)
  SELECT t.doc,
    group_concat(CASE WHEN t.col = 'title' THEN replace(f.search_scope, ' ', '_' || t.term || ' ') || '_' || t.term END, ' '),
    group_concat(CASE WHEN t.col = 'description' THEN replace(f.search_scope, ' ', '_' || t.term || ' ') || '_' || t.term END, ' ')
  FROM feedback_search_tokens t JOIN feedback_items f ON f.id = t.doc
  GROUP BY t.doc;
INSERT INTO feedback_search_tokenizer(feedback_search_tokenizer) VALUES ('delete-all');
