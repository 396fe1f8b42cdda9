/**
 * @module
 * Workspace API keys (`Authorization: Bearer fpk_…`), stored as SHA-256 hashes. Keys are 256-bit
 * random, so a fast hash is enough; lookups go through the unique index on the hash.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { database } from '../db/client.ts';
import { findApiKeyByHash, findWorkspaceBySlug, touchApiKey, type WorkspaceRow } from '../queries/workspaces.ts';
import { now } from './clock.ts';
import { randomToken, sha256Hex } from './crypto.ts';
import { forbidden, notFound, unauthorized } from './problem.ts';

const KEY_PREFIX = 'fpk_';
/** last_used_at is a hint, not an audit log: write it at most once a minute per key. */
const TOUCH_INTERVAL_MS = 60_000;

export async function newApiKey(): Promise<{ key: string; prefix: string; hash: string }> {
  const key = `${KEY_PREFIX}${randomToken(32)}`;
  return { key, prefix: key.slice(0, 12), hash: await sha256Hex(key) };
}

function bearer(c: Context<AppEnv>): string | undefined {
  const header = c.req.header('Authorization');
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthorized('Authorization must be "Bearer <key>"');
  return match[1];
}

/** The workspace named by the path, when the request carries one of its keys. */
export async function requireWorkspaceKey(c: Context<AppEnv>, workspaceSlug: string): Promise<WorkspaceRow> {
  const workspace = await optionalWorkspaceKey(c, workspaceSlug);
  if (!workspace) throw unauthorized('This operation needs a workspace API key');
  return workspace;
}

/** Like requireWorkspaceKey, but a request without Authorization yields undefined. */
export async function optionalWorkspaceKey(c: Context<AppEnv>, workspaceSlug: string): Promise<WorkspaceRow | undefined> {
  const key = bearer(c);
  if (key === undefined) return undefined;
  const db = database(c.env.DB);
  const [found, workspace] = await Promise.all([findApiKeyByHash(db, await sha256Hex(key)), findWorkspaceBySlug(db, workspaceSlug)]);
  if (!found) throw unauthorized('The API key is invalid or revoked');
  if (!workspace) throw notFound(`Workspace "${workspaceSlug}" does not exist`);
  if (found.workspace_id !== workspace.id) throw forbidden(`The API key does not belong to workspace "${workspaceSlug}"`);
  const at = now();
  if (found.last_used_at === null || at - found.last_used_at > TOUCH_INTERVAL_MS) {
    c.executionCtx.waitUntil(touchApiKey(db, found.key_id, at).then(() => undefined));
  }
  return workspace;
}

export function requirePlatformToken(c: Context<AppEnv>): void {
  const expected = c.env.PLATFORM_ADMIN_TOKEN;
  const given = bearer(c);
  if (!expected) throw forbidden('Platform operations are disabled (PLATFORM_ADMIN_TOKEN is not set)');
  if (given === undefined) throw unauthorized('This operation needs the platform token');
  if (given !== expected) throw unauthorized('The platform token is invalid');
}

/** Who reads platform-wide or workspace figures: the platform operator, or one workspace's admin. */
export type Reader = { platform: true } | { platform: false; workspaceSlug: string };

/** The platform token reads everything; a workspace key reads its own workspace. */
export async function requireWorkspaceKeyOrPlatformToken(c: Context<AppEnv>): Promise<Reader> {
  const given = bearer(c);
  if (given === undefined) throw unauthorized('This operation needs a workspace API key or the platform token');
  const platformToken = c.env.PLATFORM_ADMIN_TOKEN;
  if (platformToken && given === platformToken) return { platform: true };
  const found = await findApiKeyByHash(database(c.env.DB), await sha256Hex(given));
  if (!found) throw unauthorized('The API key is invalid or revoked');
  return { platform: false, workspaceSlug: found.workspace_slug };
}
