/** @module Creating and updating workspaces; a new workspace gets its first key, widget config and branding atomically. */
import type { Db } from '../db/client.ts';
import type { WorkspacesTable } from '../db/schema.ts';

export interface NewWorkspace {
  slug: string;
  name: string;
  identity: { keyId: string; secret: string };
  key: { name: string; prefix: string; hash: string };
  at: number;
}

/** Statements for one D1 batch; the workspace id is resolved by slug inside the batch. */
export function createWorkspaceStatements(db: Db, w: NewWorkspace) {
  const workspaceId = db.selectFrom('workspaces').select('id').where('slug', '=', w.slug);
  return [
    db.insertInto('workspaces').values({
      slug: w.slug,
      name: w.name,
      identity_secret: w.identity.secret,
      identity_key_id: w.identity.keyId,
      created_at: w.at,
      updated_at: w.at,
    }),
    db.insertInto('api_keys').columns(['workspace_id', 'name', 'prefix', 'key_hash', 'created_at']).expression(
      db.selectFrom('workspaces').select((eb) => [
        'id',
        eb.val(w.key.name).as('name'),
        eb.val(w.key.prefix).as('prefix'),
        eb.val(w.key.hash).as('key_hash'),
        eb.val(w.at).as('created_at'),
      ]).where('slug', '=', w.slug),
    ),
    db.insertInto('widget_configs').columns(['workspace_id', 'updated_at']).expression(
      workspaceId.select((eb) => eb.val(w.at).as('updated_at')),
    ),
    db.insertInto('workspace_branding').columns(['workspace_id', 'name', 'updated_at']).expression(
      workspaceId.select((eb) => [eb.val(w.name).as('name'), eb.val(w.at).as('updated_at')]),
    ),
    db.selectFrom('api_keys as k').innerJoin('workspaces as w', 'w.id', 'k.workspace_id')
      .select(['w.id as workspace_id', 'w.created_at', 'w.max_vote_weight', 'w.max_identity_token_seconds', 'k.id as key_id']).where('k.key_hash', '=', w.key.hash),
  ] as const;
}

export type WorkspaceChanges = Partial<Pick<WorkspacesTable, 'name'>> & {
  require_signed_identity?: 0 | 1;
  max_vote_weight?: number;
  max_identity_token_seconds?: number;
};

export function updateWorkspace(db: Db, id: number, changes: WorkspaceChanges, at: number) {
  return db.updateTable('workspaces').set({ ...changes, updated_at: at }).where('id', '=', id)
    .returning(['id', 'slug', 'name', 'require_signed_identity', 'identity_key_id', 'max_vote_weight', 'max_identity_token_seconds', 'created_at'])
    .executeTakeFirstOrThrow();
}
