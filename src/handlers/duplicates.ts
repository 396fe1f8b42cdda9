/**
 * @module
 * Duplicates, with a workspace key: merge an item into a parent (its voters count once there) and
 * undo the merge. Both items' boards and ids are invalidated; they are not all in the path, so the
 * handlers supply them.
 */
import type { Handlers } from '../../generated/handlers.ts';
import type { DuplicateGroup } from '../../generated/schemas.ts';
import { database, runBatch } from '../db/client.ts';
import { keyWorkspace } from '../lib/auth.ts';
import { now } from '../lib/clock.ts';
import { isUniqueViolation } from '../lib/errors.ts';
import { badRequest, conflict, notFound } from '../lib/problem.ts';
import { setTagParams } from '../lib/tag-params.ts';
import { iso } from '../lib/time.ts';
import { decodeCursor, listScope } from '../lib/cursor.ts';
import { keysetPage } from '../lib/keyset-page.ts';
import {
  findGroupQuery,
  itemsWithMergeStateQuery,
  listGroupsQuery,
  mergeStatements,
  unmergeStatements,
  type DuplicateGroupRow,
} from '../queries/duplicates.ts';

function toDuplicateGroup(row: DuplicateGroupRow): DuplicateGroup {
  return {
    id: row.id,
    parentId: row.parent_id,
    duplicateId: row.duplicate_id,
    isActive: row.is_active === 1,
    movedVotes: row.moved_votes,
    createdAt: iso(row.created_at),
  };
}

/** Binds duplicate-group cursors to this list's order. */
const GROUPS_ORDER = 'duplicates:created_at';

const itemNotFound = (id: number) => notFound(`Feedback item ${id} does not exist in this workspace`);

export const duplicatesHandlers: Pick<Handlers, 'mergeFeedback' | 'unmergeFeedback' | 'listDuplicateGroups'> = {
  listDuplicateGroups: async (c) => {
    const query = c.req.valid('query');
    const workspace = keyWorkspace(c);
    const scope = listScope(workspace.id, { active: query.active, parentId: query.parentId === undefined ? undefined : String(query.parentId) });
    const after = query.cursor === undefined ? undefined : await decodeCursor(c.env.CURSOR_SECRET, query.cursor, GROUPS_ORDER, scope);
    const rows = await listGroupsQuery(database(c.env.DB), {
      workspaceId: workspace.id,
      active: query.active === undefined ? undefined : query.active === 'true',
      parentId: query.parentId,
      limit: query.limit,
      after,
    }).execute();
    const page = await keysetPage(c, rows, query.limit, (last) => ({ sort: GROUPS_ORDER, scope, key: last.created_at, id: last.id }));
    return c.json(page.map(toDuplicateGroup), 200);
  },

  mergeFeedback: async (c) => {
    const { id: parentId } = c.req.valid('param');
    const { duplicateId, allowCrossBoard } = c.req.valid('json');
    const workspace = keyWorkspace(c);
    if (duplicateId === parentId) {
      throw badRequest('An item cannot be merged into itself', [{ path: 'body.duplicateId', message: 'must differ from the item merged into' }]);
    }
    const db = database(c.env.DB);
    const items = await itemsWithMergeStateQuery(db, workspace.id, [parentId, duplicateId]).execute();
    const parent = items.find((i) => i.id === parentId);
    const duplicate = items.find((i) => i.id === duplicateId);
    if (!parent) throw itemNotFound(parentId);
    if (!duplicate) throw itemNotFound(duplicateId);
    if (duplicate.merged_into_id !== null) throw conflict(`Feedback item ${duplicateId} is already merged into ${duplicate.merged_into_id}`);
    if (parent.merged_into_id !== null) {
      throw conflict(`Feedback item ${parentId} is itself merged into ${parent.merged_into_id}; merge into that item instead`);
    }
    if (parent.board_id !== duplicate.board_id && !allowCrossBoard) {
      throw conflict(
        `Feedback item ${duplicateId} is on board "${duplicate.board}", item ${parentId} on "${parent.board}"; ` +
          'merging across boards needs allowCrossBoard: true',
      );
    }
    // Chains would make an unmerge further down leave copies behind on the top item.
    if (duplicate.has_duplicates) throw conflict(`Duplicates are merged into feedback item ${duplicateId}; merge them into ${parentId} directly`);

    let results: DuplicateGroupRow[][];
    try {
      results = await runBatch<DuplicateGroupRow>(c.env.DB, [...mergeStatements(db, { workspaceId: workspace.id, parentId, duplicateId, at: now() })]);
    } catch (error) {
      // idx_duplicates_active_duplicate: a concurrent merge of the same duplicate.
      if (isUniqueViolation(error)) throw conflict(`Feedback item ${duplicateId} was merged meanwhile`);
      throw error;
    }
    if (results[0]!.length === 0) throw conflict('One of the items was merged meanwhile');
    setTagParams(c, 'mergeFeedback', { board: parent.board, duplicateBoard: duplicate.board, duplicateId });
    return c.json(toDuplicateGroup(results.at(-1)![0]!), 201);
  },

  unmergeFeedback: async (c) => {
    const { groupId } = c.req.valid('param');
    const workspace = keyWorkspace(c);
    const db = database(c.env.DB);
    const group = await findGroupQuery(db, workspace.id, groupId).executeTakeFirst();
    if (!group) throw notFound(`Duplicate group ${groupId} does not exist in this workspace`);
    const alreadyUnmerged = () => conflict(`Duplicate group ${groupId} is already unmerged`);
    if (group.is_active === 0) throw alreadyUnmerged();
    const results = await runBatch<DuplicateGroupRow>(
      c.env.DB,
      [...unmergeStatements(db, { id: group.id, parentId: group.parent_id, duplicateId: group.duplicate_id, at: now() })],
    );
    const row = results.at(-1)![0];
    if (!row) throw alreadyUnmerged();
    setTagParams(c, 'unmergeFeedback', {
      board: group.board,
      duplicateBoard: group.duplicate_board,
      duplicateId: group.duplicate_id,
      parentId: group.parent_id,
    });
    return c.json(toDuplicateGroup(row), 200);
  },
};
