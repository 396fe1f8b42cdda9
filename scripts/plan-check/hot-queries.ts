/**
 * @module
 * The hot queries whose plans the build checks, each built by the same query function the
 * handlers call. `uses` names the index (or indexes) a query must search; a list query that fell
 * back to another index would still avoid a scan but walk rows its filter discards.
 */
import type { Db } from '../../src/db/client.ts';
import type { FeedbackStatus } from '../../src/db/schema.ts';
import { commentsPerDayQuery, itemsPerDayQuery, trendingItemsQuery, votesPerDayQuery } from '../../src/queries/activity.ts';
import { boardContentsQuery } from '../../src/queries/boards.ts';
import {
  commentInContextQuery,
  createCommentStatements,
  listAdminCommentsQuery,
  listCommentsQuery,
  softDeleteCommentQuery,
  updateCommentQuery,
} from '../../src/queries/comments.ts';
import {
  activeItemsQuery,
  correctDriftStatement,
  saveWatermarkStatement,
  watermarkQuery,
} from '../../src/queries/counter-reconciliation.ts';
import { listVisibleFeedbackQuery, visibleFeedbackQuery, type FeedbackSort, type ListOptions } from '../../src/queries/feedback-read.ts';
import { createFeedbackStatements } from '../../src/queries/feedback-write.ts';
import { themesByActivity } from '../../src/queries/themes.ts';
import { castVoteStatements, removeVote, userVotesForItemsQuery } from '../../src/queries/votes.ts';
import { retiredIdentitySecretQuery } from '../../src/queries/identity-secrets.ts';
import { findApiKeyByHash, findBoardItemQuery, findBoardQuery, findWorkspaceBySlug } from '../../src/queries/workspaces.ts';
import { findGroupQuery, itemsWithMergeStateQuery, listGroupsQuery, mergeStatements, unmergeStatements } from '../../src/queries/duplicates.ts';
import { adminFeedbackDetailQuery, deleteFeedbackStatements, listAdminFeedbackQuery, mergedDuplicatesQuery } from '../../src/queries/moderation.ts';
import { matchExpression, prefixRange, scopedTerm, spellingRange } from '../../src/lib/search-expression.ts';
import { ofWorkspace, searchAdminFeedbackQuery, searchVisibleFeedbackQuery, termsInRangeQuery, visibleOnBoard } from '../../src/queries/search.ts';
import { rollupRowsQuery } from '../../src/queries/performance-rollups.ts';
import { rateLimitTiersQuery } from '../../src/queries/rate-limits.ts';
import { publicRoadmapQuery } from '../../src/queries/roadmaps.ts';

export interface HotQuery {
  name: string;
  build: (db: Db) => unknown;
  /** Index names of which at least one must appear in a SEARCH of the plan. */
  uses?: string[];
  /**
   * Ranked by relevance to the query: the matches come from the full-text index and are sorted
   * once (no index can hold an order that depends on the search words), so a temporary B-tree for
   * the ORDER BY is expected; the items must then be found by id.
   */
  ranked?: true;
}

const sortIndex: Record<FeedbackSort, string> = {
  vote_count: 'votes',
  created_at: 'created',
  updated_at: 'updated',
  trending: 'trending',
};

/** A cursor position per sort, typed like the column (trend scores are REAL). */
const cursorKey: Record<FeedbackSort, number> = {
  vote_count: 42,
  created_at: 1_790_000_000_000,
  updated_at: 1_790_000_000_000,
  trending: 2960.5,
};

const filters: { label: string; status?: FeedbackStatus; category?: string; index: (sort: string) => string[] }[] = [
  { label: '', index: (s) => [`idx_feedback_list_${s}`] },
  { label: ' status', status: 'planned', index: (s) => [`idx_feedback_list_status_${s}`] },
  { label: ' category', category: 'ui', index: (s) => [`idx_feedback_list_category_${s}`] },
  {
    label: ' status+category',
    status: 'planned',
    category: 'ui',
    index: (s) => [`idx_feedback_list_status_${s}`, `idx_feedback_list_category_${s}`],
  },
];

function listQueries(): HotQuery[] {
  const queries: HotQuery[] = [];
  for (const sort of Object.keys(sortIndex) as FeedbackSort[]) {
    for (const filter of filters) {
      const base: ListOptions = { board: { workspace: 'w', board: 'b' }, sort, rows: 21, status: filter.status, category: filter.category };
      const uses = filter.index(sortIndex[sort]);
      queries.push({ name: `listFeedback ${sort}${filter.label} first page`, build: (db) => listVisibleFeedbackQuery(db, base), uses });
      queries.push({
        name: `listFeedback ${sort}${filter.label} cursor page`,
        build: (db) => listVisibleFeedbackQuery(db, { ...base, after: { key: cursorKey[sort], id: 5000 } }),
        uses,
      });
    }
    queries.push({
      name: `listFeedback ${sort} offset page (compatibility)`,
      build: (db) => listVisibleFeedbackQuery(db, { board: { workspace: 'w', board: 'b' }, sort, rows: 21, offset: 1000 }),
      uses: [`idx_feedback_list_${sortIndex[sort]}`],
    });
  }
  return queries;
}

const voter = { workspaceId: 1, feedbackId: 7, externalUserId: 'user-1' };
const itemPath = { workspace: 'demo', board: 'main', feedbackId: 7 };

const match = matchExpression(visibleOnBoard(1), ['dark', 'mdoe'], 'all', { kind: 'prefixes', prefixes: ['mode', 'made'] });
const adminMatch = matchExpression(ofWorkspace(1), ['dark', 'mode'], 'all');
const rankedAfter = { relevance: -3.2, trend: 2960.5, id: 5000 };

function searchQueries(): HotQuery[] {
  return [
    { name: 'search: public first page', build: (db) => searchVisibleFeedbackQuery(db, { boardId: 1, match, rows: 21 }), ranked: true },
    { name: 'search: public cursor page', build: (db) => searchVisibleFeedbackQuery(db, { boardId: 1, match, rows: 21, after: rankedAfter }), ranked: true },
    {
      name: 'search: public status+category',
      build: (db) => searchVisibleFeedbackQuery(db, { boardId: 1, match, rows: 21, status: 'planned', category: 'ui' }),
      ranked: true,
    },
    {
      name: 'search: findSimilarFeedback',
      build: (db) => searchVisibleFeedbackQuery(db, { boardId: 1, match: matchExpression(visibleOnBoard(1), ['dark', 'mo'], 'any', { kind: 'terms', terms: ['mode', 'mobile'] }), rows: 5 }),
      ranked: true,
    },
    { name: 'search: admin', build: (db) => searchAdminFeedbackQuery(db, { workspaceId: 1, match: adminMatch, rows: 51, after: rankedAfter }), ranked: true },
    {
      name: 'search: admin moderationState',
      build: (db) => searchAdminFeedbackQuery(db, { workspaceId: 1, match: adminMatch, rows: 51, moderationState: 'pending', after: rankedAfter }),
      ranked: true,
    },
    { name: 'search: terms the last word starts', build: (db) => termsInRangeQuery(db, prefixRange(scopedTerm(visibleOnBoard(1), 'mdoe')), 2) },
    { name: 'search: terms of one first letter (near spellings)', build: (db) => termsInRangeQuery(db, spellingRange(visibleOnBoard(1), 'mdoe'), 2000) },
  ];
}

export const hotQueries: HotQuery[] = [
  { name: 'findBoard (every board-scoped request)', build: (db) => findBoardQuery(db, 'demo', 'main') },
  { name: 'findWorkspaceBySlug', build: (db) => findWorkspaceBySlug(db, 'demo') },
  { name: 'rateLimitTiers', build: (db) => rateLimitTiersQuery(db, 'demo') },
  { name: 'findApiKeyByHash (admin auth)', build: (db) => findApiKeyByHash(db, 'ab'.repeat(32)) },
  ...listQueries(),
  ...searchQueries(),
  { name: 'getFeedback (by slugs, one statement)', build: (db) => visibleFeedbackQuery(db, 'demo', 'main', 7) },
  { name: 'createFeedback batch', build: (db) => createFeedbackStatements(db, { path: { workspace: 'demo', board: 'main' }, externalUserId: 'user-1', verified: false, title: 't', description: '', at: 1 }) },
  { name: 'findBoardItem (votes and comments: board and visible item)', build: (db) => findBoardItemQuery(db, 'demo', 'main', 7) },
  { name: 'castVote batch (upsert user, upsert vote, vote state)', build: (db) => castVoteStatements(db, { path: itemPath, externalUserId: 'user-1', verified: false, at: 1 }) },
  {
    name: 'castVote batch, signed (weight from the claim or the user)',
    build: (db) => castVoteStatements(db, { path: itemPath, externalUserId: 'user-1', verified: true, claimedWeight: 3, at: 1 }),
  },
  { name: 'retired identity secret (signed requests during a rotation overlap)', build: (db) => retiredIdentitySecretQuery(db, 1, 'k1', 1) },
  { name: 'removeVote', build: (db) => removeVote(db, voter) },
  {
    name: 'getUserVotes (batch vote lookup, 50 items)',
    build: (db) => userVotesForItemsQuery(db, 1, 'user-1', Array.from({ length: 50 }, (_, i) => i + 1)),
    uses: ['idx_votes_user'],
  },
  { name: 'listComments public', build: (db) => listCommentsQuery(db, 7, false), uses: ['idx_comments_thread'] },
  { name: 'listComments with internal', build: (db) => listCommentsQuery(db, 7, true), uses: ['idx_comments_thread'] },
  {
    name: 'createComment batch (upsert author, insert, item state)',
    build: (db) => createCommentStatements(db, { path: itemPath, parentId: null, body: 'b', isInternal: false, at: 1, author: { externalUserId: 'user-1', verified: false }, authorName: null }),
  },
  { name: 'comment moderation: the comment with its author and item', build: (db) => commentInContextQuery(db, { workspace: 'demo', board: 'main', feedbackId: 7, commentId: 3 }) },
  { name: 'updateComment', build: (db) => updateCommentQuery(db, 3, { body: 'b' }, 1) },
  { name: 'deleteComment (soft)', build: (db) => softDeleteCommentQuery(db, 3, 1) },
  { name: 'listAdminComments first page', build: (db) => listAdminCommentsQuery(db, { workspaceId: 1, limit: 50 }), uses: ['idx_comments_admin'] },
  {
    name: 'listAdminComments cursor page, internal and hidden',
    build: (db) => listAdminCommentsQuery(db, { workspaceId: 1, internal: true, hidden: false, limit: 50, after: { key: 1_790_000_000_000, id: 5000 } }),
    uses: ['idx_comments_admin'],
  },
  { name: 'listAdminComments by item', build: (db) => listAdminCommentsQuery(db, { workspaceId: 1, feedbackId: 7, limit: 50 }), uses: ['idx_comments_thread', 'idx_comments_admin'] },
  { name: 'getAdminFeedback: item with history and counts', build: (db) => adminFeedbackDetailQuery(db, 1, 7) },
  { name: 'getAdminFeedback: merged duplicates', build: (db) => mergedDuplicatesQuery(db, 1, 7), uses: ['idx_duplicates_parent'] },
  { name: 'listDuplicateGroups', build: (db) => listGroupsQuery(db, { workspaceId: 1, active: true, limit: 50, after: { key: 1_790_000_000_000, id: 9 } }), uses: ['idx_duplicates_workspace'] },
  { name: 'getPublicRoadmap (phases and public items, one statement)', build: (db) => publicRoadmapQuery(db, 'demo', 'public'), uses: ['idx_roadmap_items_public'] },
  { name: 'deleteBoard: what the board holds', build: (db) => boardContentsQuery(db, 1, 'main') },
  { name: 'listThemes (active)', build: (db) => themesByActivity(db, 1, 1), uses: ['idx_themes_workspace_active'] },
  { name: 'listAdminFeedback first page', build: (db) => listAdminFeedbackQuery(db, { workspaceId: 1, limit: 50 }), uses: ['idx_feedback_workspace_admin'] },
  {
    name: 'listAdminFeedback cursor page',
    build: (db) => listAdminFeedbackQuery(db, { workspaceId: 1, limit: 50, after: { key: 1_790_000_000_000, id: 5000 } }),
    uses: ['idx_feedback_workspace_admin'],
  },
  { name: 'listAdminFeedback by board', build: (db) => listAdminFeedbackQuery(db, { workspaceId: 1, boardId: 1, limit: 50 }), uses: ['idx_feedback_admin_board'] },
  { name: 'listAdminFeedback by moderation state', build: (db) => listAdminFeedbackQuery(db, { workspaceId: 1, moderationState: 'pending', limit: 50 }), uses: ['idx_feedback_admin_state'] },
  { name: 'merge and delete checks: items with their merge state', build: (db) => itemsWithMergeStateQuery(db, 1, [7, 8]) },
  { name: 'deleteFeedback batch', build: (db) => deleteFeedbackStatements(db, 1, 7) },
  { name: 'mergeFeedback batch', build: (db) => mergeStatements(db, { workspaceId: 1, parentId: 7, duplicateId: 8, at: 1 }) },
  { name: 'unmerge: group with both boards', build: (db) => findGroupQuery(db, 1, 3) },
  { name: 'unmergeFeedback batch', build: (db) => unmergeStatements(db, { id: 3, parentId: 7, duplicateId: 8, at: 1 }) },
  { name: 'reconcile: watermark', build: (db) => watermarkQuery(db) },
  { name: 'reconcile: next active items', build: (db) => activeItemsQuery(db, { activityAt: 1_790_000_000_000, itemId: 9 }, 200), uses: ['idx_feedback_activity'] },
  {
    name: 'reconcile: recount and correct drift (200 items)',
    build: (db) => correctDriftStatement(db, Array.from({ length: 200 }, (_, i) => i + 1)),
    uses: ['idx_votes_item_weight'],
  },
  { name: 'reconcile: save watermark', build: (db) => saveWatermarkStatement(db, { activityAt: 1, itemId: 1 }, 1) },
  { name: 'activity: items per day', build: (db) => itemsPerDayQuery(db, 1, 1_790_000_000_000), uses: ['idx_feedback_workspace_admin'] },
  { name: 'activity: votes per day', build: (db) => votesPerDayQuery(db, 1, 1_790_000_000_000), uses: ['idx_votes_item_created'] },
  { name: 'activity: comments per day', build: (db) => commentsPerDayQuery(db, 1, 1_790_000_000_000), uses: ['idx_comments_thread'] },
  { name: 'activity: top items by trend', build: (db) => trendingItemsQuery(db, 1, 10), uses: ['idx_feedback_workspace_trending'] },
  { name: 'performance stats: a workspace\'s minute rollups', build: (db) => rollupRowsQuery(db, { bucketSeconds: 60, from: 1_790_000_000, workspace: 'demo' }) },
  { name: 'performance stats: every workspace\'s hour rollups', build: (db) => rollupRowsQuery(db, { bucketSeconds: 3600, from: 1_790_000_000 }), uses: ['idx_performance_rollups_time'] },
];
