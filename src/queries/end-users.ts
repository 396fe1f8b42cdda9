/** @module End users, identified per workspace by the host application's id. */
import type { Expression, SqlBool } from 'kysely';
import type { Db } from '../db/client.ts';

/**
 * Creates the end user if new (keeping a known name when none is given). `onlyIf` lets a batch
 * skip the insert when the target of the write does not exist, so a failed request leaves nothing.
 */
export function upsertEndUser(
  db: Db,
  user: { workspaceId: number; externalUserId: string; name?: string; at: number },
  onlyIf?: Expression<SqlBool>,
) {
  return db
    .insertInto('end_users')
    .columns(['workspace_id', 'external_id', 'name', 'created_at'])
    .expression(
      db
        .selectNoFrom((eb) => [
          eb.val(user.workspaceId).as('workspace_id'),
          eb.val(user.externalUserId).as('external_id'),
          eb.val(user.name ?? null).as('name'),
          eb.val(user.at).as('created_at'),
        ])
        // A WHERE also keeps SQLite from reading ON CONFLICT as part of INSERT … SELECT.
        .where((eb) => onlyIf ?? eb.lit(true)),
    )
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'external_id']).doUpdateSet((eb) => ({
        name: eb.fn.coalesce('excluded.name', 'end_users.name'),
      })),
    );
}

export function endUserId(db: Db, workspaceId: number, externalUserId: string) {
  return db.selectFrom('end_users').select('id').where('workspace_id', '=', workspaceId).where('external_id', '=', externalUserId);
}
