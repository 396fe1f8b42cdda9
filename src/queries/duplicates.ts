/**
 * @module
 * Merging a duplicate into a parent item and undoing it. A merge copies the duplicate's votes to
 * the parent, marked with `source_feedback_id`, except for voters who already voted there (each
 * voter counts once); unmerging deletes exactly the marked copies. The duplicate keeps its own
 * votes throughout, so both items' counters (kept by triggers) come back exactly.
 */
import type { Db } from '../db/client.ts';

const groupColumns = ['id', 'parent_id', 'duplicate_id', 'is_active', 'moved_votes', 'created_at'] as const;

/**
 * Items of the workspace with their boards and merge state (merged into another, or merged into):
 * what a merge and a deletion must check. Absent ids are not in the workspace.
 */
export function itemsWithMergeStateQuery(db: Db, workspaceId: number, ids: number[]) {
  return db
    .selectFrom('feedback_items as f')
    .innerJoin('boards as b', 'b.id', 'f.board_id')
    .select((eb) => [
      'f.id',
      'b.slug as board',
      'f.board_id',
      'f.merged_into_id',
      eb.exists(eb.selectFrom('feedback_items as d').select('d.id').whereRef('d.merged_into_id', '=', 'f.id')).as('has_duplicates'),
    ])
    .where('f.workspace_id', '=', workspaceId)
    .where('f.id', 'in', ids);
}

export type MergeCandidate = Awaited<ReturnType<ReturnType<typeof itemsWithMergeStateQuery>['execute']>>[number];

export interface Merge {
  workspaceId: number;
  parentId: number;
  duplicateId: number;
  at: number;
}

/**
 * Statements for one batch. The group row is inserted only while neither item is merged and the
 * duplicate has no duplicates of its own (checked inside the batch, so a concurrent merge cannot
 * slip in); the later statements act only when that active group exists, and are idempotent. The
 * first statement returns the new group's id (none: the state changed, the caller answers 409);
 * the last returns the group.
 */
export function mergeStatements(db: Db, merge: Merge) {
  const { workspaceId, parentId, duplicateId, at } = merge;
  const activeGroup = db
    .selectFrom('duplicate_groups')
    .select('id')
    .where('parent_id', '=', parentId)
    .where('duplicate_id', '=', duplicateId)
    .where('is_active', '=', 1);
  const blockingMerges = db
    .selectFrom('feedback_items')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('id', 'in', [parentId, duplicateId]), eb('merged_into_id', 'is not', null)]),
        eb('merged_into_id', '=', duplicateId),
      ]),
    );
  return [
    db
      .insertInto('duplicate_groups')
      .columns(['workspace_id', 'parent_id', 'duplicate_id', 'created_at'])
      .expression(
        db
          .selectNoFrom((eb) => [
            eb.val(workspaceId).as('workspace_id'),
            eb.val(parentId).as('parent_id'),
            eb.val(duplicateId).as('duplicate_id'),
            eb.val(at).as('created_at'),
          ])
          .where((eb) => eb.not(eb.exists(blockingMerges))),
      )
      .returning('id'),
    db
      .insertInto('feedback_votes')
      .columns(['feedback_id', 'user_id', 'weight', 'source_feedback_id', 'created_at'])
      .expression(
        db
          .selectFrom('feedback_votes as v')
          .select((eb) => [eb.val(parentId).as('feedback_id'), 'v.user_id', 'v.weight', eb.val(duplicateId).as('source_feedback_id'), 'v.created_at'])
          .where('v.feedback_id', '=', duplicateId)
          // The WHERE also keeps SQLite from reading ON CONFLICT as part of INSERT … SELECT.
          .where((eb) => eb.exists(activeGroup)),
      )
      // A voter of both keeps the vote they cast on the parent.
      .onConflict((oc) => oc.columns(['feedback_id', 'user_id']).doNothing()),
    db
      .updateTable('feedback_items')
      .set({ merged_into_id: parentId })
      .where('id', '=', duplicateId)
      .where((eb) => eb.exists(activeGroup)),
    db
      .updateTable('duplicate_groups')
      .set((eb) => ({
        moved_votes: eb
          .selectFrom('feedback_votes')
          .select((sub) => sub.fn.countAll<number>().as('moved'))
          .where('feedback_id', '=', parentId)
          .where('source_feedback_id', '=', duplicateId),
      }))
      .where('id', 'in', activeGroup),
    db.selectFrom('duplicate_groups').select(groupColumns).where('id', 'in', activeGroup),
  ] as const;
}

/** A row of duplicate_groups as the statements above return it. */
export interface DuplicateGroupRow {
  id: number;
  parent_id: number;
  duplicate_id: number;
  is_active: 0 | 1;
  moved_votes: number;
  created_at: number;
}

/** A group of the workspace with both items' boards (for invalidation). */
export function findGroupQuery(db: Db, workspaceId: number, groupId: number) {
  return db
    .selectFrom('duplicate_groups as g')
    .innerJoin('feedback_items as p', 'p.id', 'g.parent_id')
    .innerJoin('boards as pb', 'pb.id', 'p.board_id')
    .innerJoin('feedback_items as d', 'd.id', 'g.duplicate_id')
    .innerJoin('boards as db', 'db.id', 'd.board_id')
    .select(['g.id', 'g.parent_id', 'g.duplicate_id', 'g.is_active', 'pb.slug as board', 'db.slug as duplicate_board'])
    .where('g.workspace_id', '=', workspaceId)
    .where('g.id', '=', groupId);
}

/**
 * Statements for one batch: the parent loses the copies (votes re-cast on the parent since the
 * merge lost their marker and stay), the duplicate is unmerged, the group becomes inactive. Each
 * acts only while the group is active; the last returns the group, or nothing when a concurrent
 * unmerge came first.
 */
export function unmergeStatements(db: Db, group: { id: number; parentId: number; duplicateId: number; at: number }) {
  const groupIsActive = db.selectFrom('duplicate_groups').select('id').where('id', '=', group.id).where('is_active', '=', 1);
  return [
    db
      .deleteFrom('feedback_votes')
      .where('feedback_id', '=', group.parentId)
      .where('source_feedback_id', '=', group.duplicateId)
      .where((eb) => eb.exists(groupIsActive)),
    db
      .updateTable('feedback_items')
      .set({ merged_into_id: null })
      .where('id', '=', group.duplicateId)
      .where('merged_into_id', '=', group.parentId)
      .where((eb) => eb.exists(groupIsActive)),
    db
      .updateTable('duplicate_groups')
      .set({ is_active: 0, unmerged_at: group.at })
      .where('id', '=', group.id)
      .where('is_active', '=', 1)
      .returning(groupColumns),
  ] as const;
}

export interface GroupListOptions {
  workspaceId: number;
  active?: boolean;
  parentId?: number;
  limit: number;
  /** Keyset position: groups strictly after it in (created_at desc, id desc) order. */
  after?: { key: number; id: number };
}

/** The workspace's merges newest first (idx_duplicates_workspace), one more than the page. */
export function listGroupsQuery(db: Db, options: GroupListOptions) {
  let query = db.selectFrom('duplicate_groups').select(groupColumns).where('workspace_id', '=', options.workspaceId);
  if (options.active !== undefined) query = query.where('is_active', '=', options.active ? 1 : 0);
  if (options.parentId !== undefined) query = query.where('parent_id', '=', options.parentId);
  if (options.after) {
    const { key, id } = options.after;
    query = query.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(key, id)));
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit + 1);
}
