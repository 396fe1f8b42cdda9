/**
 * @module
 * Identity secrets: the current one lives on the workspace row with its key id; rotation retires
 * it into `retired_identity_secrets`, where it verifies tokens until its overlap window ends.
 */
import type { Db } from '../db/client.ts';

export function retiredIdentitySecretQuery(db: Db, workspaceId: number, keyId: string, at: number) {
  return db
    .selectFrom('retired_identity_secrets')
    .select('secret')
    .where('workspace_id', '=', workspaceId)
    .where('key_id', '=', keyId)
    .where('valid_until', '>', at);
}

/** The secret of a retired key id while its overlap window lasts. */
export async function retiredIdentitySecret(db: Db, workspaceId: number, keyId: string, at: number): Promise<string | undefined> {
  return (await retiredIdentitySecretQuery(db, workspaceId, keyId, at).executeTakeFirst())?.secret;
}

export interface Rotation {
  workspaceId: number;
  previous: { keyId: string; secret: string };
  next: { keyId: string; secret: string };
  at: number;
  validUntil: number;
}

/**
 * Statements for one batch: retire the current secret (only if it is still the one read, so two
 * concurrent rotations cannot both retire it), install the new one, forget long-expired ones.
 */
export function rotateIdentitySecretStatements(db: Db, r: Rotation) {
  return [
    db.deleteFrom('retired_identity_secrets').where('workspace_id', '=', r.workspaceId).where('valid_until', '<=', r.at),
    db.insertInto('retired_identity_secrets').columns(['workspace_id', 'key_id', 'secret', 'retired_at', 'valid_until']).expression(
      db
        .selectFrom('workspaces')
        .select((eb) => ['id', eb.val(r.previous.keyId).as('key_id'), eb.val(r.previous.secret).as('secret'), eb.val(r.at).as('retired_at'), eb.val(r.validUntil).as('valid_until')])
        .where('id', '=', r.workspaceId)
        .where('identity_key_id', '=', r.previous.keyId),
    ),
    db
      .updateTable('workspaces')
      .set({ identity_secret: r.next.secret, identity_key_id: r.next.keyId, updated_at: r.at })
      .where('id', '=', r.workspaceId)
      .where('identity_key_id', '=', r.previous.keyId)
      .returning('identity_key_id'),
  ] as const;
}
