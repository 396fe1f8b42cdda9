/** @module API keys, administered with a workspace key: the secret is shown once, then only its prefix. */
import type { Handlers } from '../../generated/handlers.ts';
import type { ApiKey } from '../../generated/schemas.ts';
import { database } from '../db/client.ts';
import { keyWorkspace, newApiKey } from '../lib/auth.ts';
import { now } from '../lib/clock.ts';
import { conflict, notFound } from '../lib/problem.ts';
import { iso, isoOrNull } from '../lib/time.ts';
import { insertApiKey, listActiveApiKeys, revokeApiKey, type ApiKeyRow } from '../queries/api-keys.ts';

function toApiKey(row: ApiKeyRow): ApiKey {
  return { id: row.id, name: row.name, prefix: row.prefix, createdAt: iso(row.created_at), lastUsedAt: isoOrNull(row.last_used_at) };
}

export const apiKeysHandlers: Pick<Handlers, 'listApiKeys' | 'createApiKey' | 'revokeApiKey'> = {
  listApiKeys: async (c) => {
    const workspace = keyWorkspace(c);
    const rows = await listActiveApiKeys(database(c.env.DB), workspace.id);
    return c.json(rows.map(toApiKey), 200);
  },

  createApiKey: async (c) => {
    const workspace = keyWorkspace(c);
    const key = await newApiKey();
    const row = await insertApiKey(database(c.env.DB), { workspaceId: workspace.id, name: c.req.valid('json').name, prefix: key.prefix, hash: key.hash, at: now() });
    return c.json({ ...toApiKey(row), key: key.key }, 201);
  },

  revokeApiKey: async (c) => {
    const { keyId } = c.req.valid('param');
    const workspace = keyWorkspace(c);
    const outcome = await revokeApiKey(database(c.env.DB), workspace.id, keyId, now());
    if (outcome === 'not-found') throw notFound(`API key ${keyId} does not exist or is already revoked`);
    if (outcome === 'last-active-key') throw conflict(`API key ${keyId} is the workspace's last active key; create another before revoking it`);
    return c.body(null, 204);
  },
};
