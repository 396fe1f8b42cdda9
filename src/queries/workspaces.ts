/** @module Workspace and board lookups by slug, and api-key lookup by hash. */
import type { Db } from '../db/client.ts';

/**
 * What identity checks need of a workspace joined as `w` (`IdentityPolicy` in src/lib/end-user.ts):
 * its id, whether it requires signed tokens, the current secret and key id, and its bounds.
 */
export const identityPolicyColumns = [
  'w.id as workspace_id',
  'w.require_signed_identity',
  'w.identity_secret',
  'w.identity_key_id',
  'w.max_vote_weight',
  'w.max_identity_token_seconds',
] as const;

export function findWorkspaceBySlug(db: Db, slug: string) {
  return db
    .selectFrom('workspaces')
    .select(['id', 'slug', 'name', 'require_signed_identity', 'identity_secret', 'identity_key_id', 'max_vote_weight', 'max_identity_token_seconds', 'created_at'])
    .where('slug', '=', slug)
    .executeTakeFirst();
}

export type WorkspaceRow = NonNullable<Awaited<ReturnType<typeof findWorkspaceBySlug>>>;

/** The board and its workspace in one statement; undefined when either is missing. */
export function findBoardQuery(db: Db, workspaceSlug: string, boardSlug: string) {
  return db
    .selectFrom('boards as b')
    .innerJoin('workspaces as w', 'w.id', 'b.workspace_id')
    .select([
      'b.id as board_id',
      'b.slug as board_slug',
      'b.require_approval',
      ...identityPolicyColumns,
      'w.slug as workspace_slug',
    ])
    .where('w.slug', '=', workspaceSlug)
    .where('b.slug', '=', boardSlug);
}

export type BoardRow = NonNullable<Awaited<ReturnType<ReturnType<typeof findBoardQuery>['executeTakeFirst']>>>;

/**
 * The board (as findBoardQuery) and, in the same statement, one of its items if the public may see
 * it: `item_id` is null when the item is missing, on another board, hidden or unapproved. Saves the
 * second round trip of item-scoped requests (votes, comments).
 */
export function findBoardItemQuery(db: Db, workspaceSlug: string, boardSlug: string, feedbackId: number) {
  return findBoardQuery(db, workspaceSlug, boardSlug)
    .leftJoin('feedback_items as f', (join) =>
      join
        .onRef('f.board_id', '=', 'b.id')
        .on('f.id', '=', feedbackId)
        .on('f.is_hidden', '=', 0)
        .on('f.moderation_state', '=', 'approved'),
    )
    .select(['f.id as item_id', 'f.merged_into_id']);
}

export type BoardItemRow = BoardRow & { item_id: number | null; merged_into_id: number | null };

/** An unrevoked key with its whole workspace row, so authenticating a request is one statement. */
export function findApiKeyByHash(db: Db, keyHash: string) {
  return db
    .selectFrom('api_keys as k')
    .innerJoin('workspaces as w', 'w.id', 'k.workspace_id')
    .select([
      'k.id as key_id',
      'k.last_used_at',
      'w.id',
      'w.slug',
      'w.name',
      'w.require_signed_identity',
      'w.identity_secret',
      'w.identity_key_id',
      'w.max_vote_weight',
      'w.max_identity_token_seconds',
      'w.created_at',
    ])
    .where('k.key_hash', '=', keyHash)
    .where('k.revoked_at', 'is', null)
    .executeTakeFirst();
}

export function touchApiKey(db: Db, keyId: number, at: number) {
  return db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', keyId).execute();
}
