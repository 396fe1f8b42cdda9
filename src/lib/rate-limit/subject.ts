/**
 * @module
 * Who a rule counts, read from the request before validation: the API key (as its hash) when the
 * request carries `Authorization`; otherwise the client IP and the end user named by
 * `externalUserId` in the query or the JSON body. A rule whose subject the request lacks does not
 * apply (validation rejects such a request anyway, counted by the rules that do apply).
 */
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { sha256Hex } from '../crypto.ts';
import type { RateLimitKey } from './rule.ts';

async function bodyEndUser(c: Context<AppEnv>): Promise<string | undefined> {
  if (!/^application\/json\b/i.test(c.req.header('Content-Type') ?? '')) return undefined;
  try {
    // hono caches the parsed body, so validation reads the same value without a second parse.
    const body: unknown = await c.req.json();
    const id = (body as { externalUserId?: unknown } | null)?.externalUserId;
    return typeof id === 'string' && id !== '' ? id : undefined;
  } catch {
    return undefined;
  }
}

export async function subjectOf(c: Context<AppEnv>, key: RateLimitKey): Promise<string | undefined> {
  const authorization = c.req.header('Authorization');
  if (key === 'apiKey') return authorization === undefined ? undefined : sha256Hex(authorization);
  if (authorization !== undefined) return undefined;
  if (key === 'ip') return c.req.header('CF-Connecting-IP') ?? 'unknown';
  return c.req.query('externalUserId') ?? (await bodyEndUser(c));
}
