/**
 * @module
 * Workspace API keys (`Authorization: Bearer fpk_…`), stored as SHA-256 hashes, and the platform
 * token. Keys are 256-bit random, so a fast hash is enough; lookups go through the unique index on
 * the hash. Operations authenticate before validation (`src/lib/authentication.ts`); handlers read
 * the authenticated workspace with `keyWorkspace`.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { database } from '../db/client.ts';
import { findApiKeyByHash, touchApiKey, type WorkspaceRow } from '../queries/workspaces.ts';
import { now } from './clock.ts';
import { randomToken, sha256Hex, timingSafeEqual } from './crypto.ts';
import { forbidden, unauthorized } from './problem.ts';

const KEY_PREFIX = 'fpk_';
/** last_used_at is a hint, not an audit log: write it at most once a minute per key. */
const TOUCH_INTERVAL_MS = 60_000;

export async function newApiKey(): Promise<{ key: string; prefix: string; hash: string }> {
  const key = `${KEY_PREFIX}${randomToken(32)}`;
  return { key, prefix: key.slice(0, 12), hash: await sha256Hex(key) };
}

/** The bearer credential, undefined without Authorization; any other Authorization is a 401. */
export function bearer(c: Context<AppEnv>): string | undefined {
  const header = c.req.header('Authorization');
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthorized('Authorization must be "Bearer <key>"');
  return match[1];
}

/**
 * The workspace of `key` when it is the one named by the path: 401 for an unknown or revoked key,
 * 403 for a key of any other workspace, whether that one exists or not. Without a slug (an
 * operation whose path names no workspace), the key's own workspace.
 */
export async function authenticateWorkspaceKey(c: Context<AppEnv>, key: string, workspaceSlug?: string): Promise<WorkspaceRow> {
  const db = database(c.env.DB);
  const found = await findApiKeyByHash(db, await sha256Hex(key));
  if (!found) throw unauthorized('The API key is invalid or revoked');
  if (workspaceSlug !== undefined && found.slug !== workspaceSlug) throw forbidden(`The API key does not belong to workspace "${workspaceSlug}"`);
  const at = now();
  if (found.last_used_at === null || at - found.last_used_at > TOUCH_INTERVAL_MS) {
    c.executionCtx.waitUntil(touchApiKey(db, found.key_id, at).then(() => undefined));
  }
  const { key_id: _keyId, last_used_at: _lastUsedAt, ...workspace } = found;
  return workspace;
}

export async function authenticatePlatformToken(c: Context<AppEnv>, token: string): Promise<void> {
  const expected = c.env.PLATFORM_ADMIN_TOKEN;
  if (!expected) throw forbidden('Platform operations are disabled (PLATFORM_ADMIN_TOKEN is not set)');
  // Digests of equal length compared in constant time: neither a prefix nor the length leaks.
  const [givenDigest, expectedDigest] = await Promise.all([sha256Hex(token), sha256Hex(expected)]);
  if (!timingSafeEqual(givenDigest, expectedDigest)) throw unauthorized('The platform token is invalid');
}

/** The workspace whose key authenticated this request; only operations that require a key call it. */
export function keyWorkspace(c: Context<AppEnv>): WorkspaceRow {
  const workspace = c.get('keyWorkspace');
  if (!workspace) throw new Error(`${c.get('operationId') ?? 'this operation'} read keyWorkspace without requiring a workspace key`);
  return workspace;
}
