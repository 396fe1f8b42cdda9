/** @module A workspace's rate-limit tiers, set by the platform operator (the route's platformToken security; workspaces cannot lift their own limits). */
import type { Handlers } from '../../generated/handlers.ts';
import { database, runBatch } from '../db/client.ts';
import { notFound } from '../lib/problem.ts';
import type { RateLimitKey } from '../lib/rate-limit/rule.ts';
import { rememberTiers } from '../lib/rate-limit/tiers.ts';
import { replaceRateLimitTiersStatements, type TierRow } from '../queries/rate-limits.ts';
import { findWorkspaceBySlug } from '../queries/workspaces.ts';

export const rateLimitsHandlers: Pick<Handlers, 'setRateLimitTiers'> = {
  setRateLimitTiers: async (c) => {
    const { workspace: slug } = c.req.valid('param');
    const tiers = c.req.valid('json');
    const db = database(c.env.DB);
    const workspace = await findWorkspaceBySlug(db, slug);
    if (!workspace) throw notFound(`Workspace "${slug}" does not exist`);
    const rows: TierRow[] = (Object.entries(tiers) as [RateLimitKey, (typeof tiers)[RateLimitKey]][])
      .flatMap(([key_kind, tier]) => (tier === 'standard' ? [] : [{ key_kind, tier }]));
    await runBatch(c.env.DB, replaceRateLimitTiersStatements(db, workspace.id, rows));
    rememberTiers(slug, tiers);
    return c.json(tiers, 200);
  },
};
