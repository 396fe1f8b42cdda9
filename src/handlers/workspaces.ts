/** @module Workspaces: created with the platform token, read and changed with a workspace key. */
import type { Handlers } from '../../generated/handlers.ts';
import type { Workspace } from '../../generated/schemas.ts';
import { database, runBatch } from '../db/client.ts';
import { keyWorkspace, newApiKey } from '../lib/auth.ts';
import { now } from '../lib/clock.ts';
import { randomToken } from '../lib/crypto.ts';
import { isUniqueViolation } from '../lib/errors.ts';
import { conflict } from '../lib/problem.ts';
import { iso } from '../lib/time.ts';
import { createWorkspaceStatements, updateWorkspace } from '../queries/workspace-admin.ts';

export interface WorkspaceFields {
  id: number;
  slug: string;
  name: string;
  require_signed_identity: 0 | 1;
  created_at: number;
}

export function toWorkspace(row: WorkspaceFields): Workspace {
  return { id: row.id, slug: row.slug, name: row.name, requireSignedIdentity: row.require_signed_identity === 1, createdAt: iso(row.created_at) };
}

export const workspacesHandlers: Pick<Handlers, 'createWorkspace' | 'getWorkspace' | 'updateWorkspace'> = {
  createWorkspace: async (c) => {
    const body = c.req.valid('json');
    const at = now();
    const key = await newApiKey();
    const identitySecret = randomToken(32);
    const db = database(c.env.DB);
    let created;
    try {
      const results = await runBatch<{ workspace_id: number; created_at: number; key_id: number }>(
        c.env.DB,
        [...createWorkspaceStatements(db, { slug: body.slug, name: body.name, identitySecret, key: { name: 'default', ...key }, at })],
      );
      created = results.at(-1)![0]!;
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`Workspace "${body.slug}" already exists`);
      throw error;
    }
    const createdAt = iso(created.created_at);
    return c.json(
      {
        workspace: toWorkspace({ id: created.workspace_id, slug: body.slug, name: body.name, require_signed_identity: 0, created_at: created.created_at }),
        apiKey: { id: created.key_id, name: 'default', prefix: key.prefix, createdAt, lastUsedAt: null, key: key.key },
        identitySecret,
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
      },
      now(),
    );
    return c.json(toWorkspace(row), 200);
  },
};
