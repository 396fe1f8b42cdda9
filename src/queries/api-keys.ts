/** @module API keys of a workspace: only hashes are stored; revoking keeps the row for its history. */
import type { Db } from '../db/client.ts';

const apiKeyColumns = ['id', 'name', 'prefix', 'created_at', 'last_used_at'] as const;

export type ApiKeyRow = Awaited<ReturnType<typeof listActiveApiKeys>>[number];

export function listActiveApiKeys(db: Db, workspaceId: number) {
  return db.selectFrom('api_keys').select(apiKeyColumns)
    .where('workspace_id', '=', workspaceId).where('revoked_at', 'is', null)
    .orderBy('id').execute();
}

export function insertApiKey(db: Db, key: { workspaceId: number; name: string; prefix: string; hash: string; at: number }) {
  return db
    .insertInto('api_keys')
    .values({ workspace_id: key.workspaceId, name: key.name, prefix: key.prefix, key_hash: key.hash, created_at: key.at })
    .returning(apiKeyColumns)
    .executeTakeFirstOrThrow();
}

export type RevokeOutcome = 'revoked' | 'not-found' | 'last-active-key';

/**
 * Revokes an active key unless it is the workspace's last one. The check and the write are one
 * statement, so two concurrent revocations cannot leave a workspace without a key.
 */
export async function revokeApiKey(db: Db, workspaceId: number, keyId: number, at: number): Promise<RevokeOutcome> {
  const activeKeys = db.selectFrom('api_keys').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId).where('revoked_at', 'is', null);
  const revoked = await db.updateTable('api_keys').set({ revoked_at: at })
    .where('id', '=', keyId).where('workspace_id', '=', workspaceId).where('revoked_at', 'is', null)
    .where(activeKeys, '>', 1)
    .returning('id').executeTakeFirst();
  if (revoked) return 'revoked';
  const active = await db.selectFrom('api_keys').select('id')
    .where('id', '=', keyId).where('workspace_id', '=', workspaceId).where('revoked_at', 'is', null)
    .executeTakeFirst();
  return active ? 'last-active-key' : 'not-found';
}
