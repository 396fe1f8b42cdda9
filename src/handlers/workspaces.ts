/** @module Workspaces: created with the platform token, read and changed with a workspace key. */
import type { Handlers } from '../../generated/handlers.ts';
import type { Workspace } from '../../generated/schemas.ts';
import { database, runBatch } from '../db/client.ts';
import { keyWorkspace, newApiKey } from '../lib/auth.ts';
import { now } from '../lib/clock.ts';
import { newIdentitySecret } from '../lib/identity-secret.ts';
import { isUniqueViolation } from '../lib/errors.ts';
import { conflict } from '../lib/problem.ts';
import { iso } from '../lib/time.ts';
import { createWorkspaceStatements, updateWorkspace } from '../queries/workspace-admin.ts';

export interface WorkspaceFields {
  id: number;
  slug: string;
  name: string;
  require_signed_identity: 0 | 1;
  identity_key_id: string;
  max_vote_weight: number;
  max_identity_token_seconds: number;
  created_at: number;
}

export function toWorkspace(row: WorkspaceFields): Workspace {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    requireSignedIdentity: row.require_signed_identity === 1,
    identityKeyId: row.identity_key_id,
    maxVoteWeight: row.max_vote_weight,
    maxIdentityTokenLifetimeSeconds: row.max_identity_token_seconds,
    createdAt: iso(row.created_at),
  };
}

export const workspacesHandlers: Pick<Handlers, 'createWorkspace' | 'getWorkspace' | 'updateWorkspace'> = {
  createWorkspace: async (c) => {
    const body = c.req.valid('json');
    const at = now();
    const key = await newApiKey();
    const identity = newIdentitySecret();
    const db = database(c.env.DB);
    let created;
    try {
      const results = await runBatch<{ workspace_id: number; created_at: number; key_id: number; max_vote_weight: number; max_identity_token_seconds: number }>(
        c.env.DB,
        [...createWorkspaceStatements(db, { slug: body.slug, name: body.name, identity, key: { name: 'default', ...key }, at })],
      );
      created = results.at(-1)![0]!;
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`Workspace "${body.slug}" already exists`);
      throw error;
    }
    const createdAt = iso(created.created_at);
    return c.json(
      {
        workspace: toWorkspace({
          id: created.workspace_id,
          slug: body.slug,
          name: body.name,
          require_signed_identity: 0,
          identity_key_id: identity.keyId,
          max_vote_weight: created.max_vote_weight,
          max_identity_token_seconds: created.max_identity_token_seconds,
          created_at: created.created_at,
        }),
        apiKey: { id: created.key_id, name: 'default', prefix: key.prefix, createdAt, lastUsedAt: null, key: key.key },
        identitySecret: identity.secret,
        identityKeyId: identity.keyId,
      },
      201,
    );
  },

  getWorkspace: async (c) => {
    const workspace = keyWorkspace(c);
    return c.json(toWorkspace(workspace), 200);
  },

  updateWorkspace: async (c) => {
    const workspace = keyWorkspace(c);
    const body = c.req.valid('json');
    const row = await updateWorkspace(
      database(c.env.DB),
      workspace.id,
      {
        ...(body.name !== undefined && { name: body.name }),
        ...(body.requireSignedIdentity !== undefined && { require_signed_identity: body.requireSignedIdentity ? 1 : 0 }),
        ...(body.maxVoteWeight !== undefined && { max_vote_weight: body.maxVoteWeight }),
        ...(body.maxIdentityTokenLifetimeSeconds !== undefined && { max_identity_token_seconds: body.maxIdentityTokenLifetimeSeconds }),
      },
      now(),
    );
    return c.json(toWorkspace(row), 200);
  },
};
