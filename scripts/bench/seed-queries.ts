/**
 * @module
 * The seed's queries from epic 8.2, Task 8.2.2, as written there. Ported only where our schema
 * asks: none of its columns needed renaming (feedback_votes.weight, feedback_comments.is_internal,
 * end_users.name/email, feedback_items.is_hidden/moderation_state all exist), so the text is the
 * epic's, with its sort interpolation resolved for the sort benchmarked.
 */
export function seedListQuery(sort: 'vote_count' | 'created_at' | 'updated_at'): string {
  return `
    WITH vote_counts AS (
      SELECT
        feedback_id,
        COALESCE(SUM(weight), 0) as vote_count
      FROM feedback_votes
      GROUP BY feedback_id
    )
    SELECT
      f.id,
      f.title,
      f.description,
      f.status,
      f.category,
      f.created_at,
      f.updated_at,
      COALESCE(v.vote_count, 0) as vote_count,
      u.name as author_name,
      u.email as author_email,
      (
        SELECT COUNT(*)
        FROM feedback_comments c
        WHERE c.feedback_id = f.id AND c.is_internal = 0
      ) as comment_count
    FROM feedback_items f
    LEFT JOIN vote_counts v ON v.feedback_id = f.id
    LEFT JOIN end_users u ON u.id = f.user_id
    WHERE f.board_id = ?
      AND f.is_hidden = 0
      AND f.moderation_state = 'approved'
    ORDER BY ${sort === 'vote_count' ? 'COALESCE(v.vote_count, 0) DESC' : `f.${sort} DESC`}
    LIMIT ? OFFSET ?
  `;
}

export function seedUserVotesQuery(idCount: number): string {
  const placeholders = Array.from({ length: idCount }, () => '?').join(',');
  return `
    SELECT feedback_id, weight
    FROM feedback_votes
    WHERE user_id = ?
      AND feedback_id IN (${placeholders})
  `;
}
