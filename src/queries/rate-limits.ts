/** @module A workspace's rate-limit tiers (migrations/0007): read by slug, replaced as a whole. */
import type { Compilable, Db } from '../db/client.ts';
import type { WorkspaceRateLimitsTable } from '../db/schema.ts';

export type TierRow = Pick<WorkspaceRateLimitsTable, 'key_kind' | 'tier'>;

/** The non-standard tiers of a workspace; none for a workspace without any (or none at all). */
export function rateLimitTiersQuery(db: Db, workspaceSlug: string) {
  return db
    .selectFrom('workspace_rate_limits as r')
    .innerJoin('workspaces as w', 'w.id', 'r.workspace_id')
    .select(['r.key_kind', 'r.tier'])
    .where('w.slug', '=', workspaceSlug);
}

/** Replaces a workspace's tiers: standard ones are the absence of a row. */
export function replaceRateLimitTiersStatements(db: Db, workspaceId: number, tiers: TierRow[]): Compilable[] {
  const statements: Compilable[] = [db.deleteFrom('workspace_rate_limits').where('workspace_id', '=', workspaceId)];
  if (tiers.length > 0) {
    statements.push(db.insertInto('workspace_rate_limits').values(tiers.map((t) => ({ workspace_id: workspaceId, key_kind: t.key_kind, tier: t.tier }))));
  }
  return statements;
}
