/**
 * @module
 * A workspace's rate-limit tiers, read once per workspace and isolate every TIERS_TTL_MS (resolved
 * values only, no promise shared between requests). A change through the platform operation
 * applies at once in the isolate that made it and within TIERS_TTL_MS elsewhere. A database
 * failure falls back to the standard tiers: limits stay on and the request goes on.
 */
import { database } from '../../db/client.ts';
import { rateLimitTiersQuery, type TierRow } from '../../queries/rate-limits.ts';
import { now } from '../clock.ts';
import { STANDARD_TIERS, type RateLimitTiers } from './rule.ts';

export const TIERS_TTL_MS = 30_000;
const MAX_REMEMBERED = 10_000;

const remembered = new Map<string, { tiers: RateLimitTiers; readAt: number }>();

export function tiersFromRows(rows: TierRow[]): RateLimitTiers {
  const tiers = { ...STANDARD_TIERS };
  for (const row of rows) tiers[row.key_kind] = row.tier;
  return tiers;
}

export async function workspaceTiers(d1: D1Database, workspaceSlug: string): Promise<RateLimitTiers> {
  const at = now();
  const known = remembered.get(workspaceSlug);
  if (known && at - known.readAt < TIERS_TTL_MS) return known.tiers;
  try {
    const tiers = tiersFromRows(await rateLimitTiersQuery(database(d1), workspaceSlug).execute());
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(workspaceSlug, { tiers, readAt: at });
    return tiers;
  } catch (error) {
    console.warn(`rate limits: tiers of "${workspaceSlug}" unreadable, applying the standard ones: ${String(error)}`);
    return STANDARD_TIERS;
  }
}

/** After a change in this isolate, the next request reads the new tiers. */
export function rememberTiers(workspaceSlug: string, tiers: RateLimitTiers): void {
  remembered.set(workspaceSlug, { tiers, readAt: now() });
}
