/**
 * @module
 * The widget's configuration and the workspace's branding: one row each per workspace, created
 * with the workspace and replaced by PUT. `allowed_origins` is stored as JSON text.
 */
import type { Db } from '../db/client.ts';
import type { WidgetConfigsTable, WorkspaceBrandingTable } from '../db/schema.ts';

export class StoredOriginsError extends Error {
  constructor(readonly workspaceId: number, readonly stored: string) {
    super(`widget_configs.allowed_origins of workspace ${workspaceId} is not a JSON array of strings`);
    this.name = 'StoredOriginsError';
  }
}

export type WidgetConfigValues = Omit<WidgetConfigsTable, 'workspace_id' | 'allowed_origins' | 'updated_at'> & { allowed_origins: string[] };
export type BrandingValues = Omit<WorkspaceBrandingTable, 'workspace_id' | 'updated_at'>;

const widgetConfigColumns = ['workspace_id', 'default_board', 'position', 'theme', 'show_roadmap', 'locale', 'allowed_origins'] as const;
const brandingColumns = ['name', 'logo_url', 'primary_color', 'accent_color', 'font_family'] as const;

function decodeConfig(row: Pick<WidgetConfigsTable, (typeof widgetConfigColumns)[number]>): WidgetConfigValues {
  const origins: unknown = JSON.parse(row.allowed_origins);
  if (!Array.isArray(origins) || !origins.every((o) => typeof o === 'string')) throw new StoredOriginsError(row.workspace_id, row.allowed_origins);
  const { workspace_id: _, ...values } = row;
  return { ...values, allowed_origins: origins };
}

/** The public read: by workspace slug, one statement; undefined for an unknown workspace. */
export async function findWidgetConfig(db: Db, workspaceSlug: string): Promise<WidgetConfigValues | undefined> {
  const row = await db.selectFrom('widget_configs as c').innerJoin('workspaces as w', 'w.id', 'c.workspace_id')
    .select(widgetConfigColumns.map((column) => `c.${column}` as const))
    .where('w.slug', '=', workspaceSlug).executeTakeFirst();
  return row && decodeConfig(row);
}

export function findBranding(db: Db, workspaceSlug: string): Promise<BrandingValues | undefined> {
  return db.selectFrom('workspace_branding as b').innerJoin('workspaces as w', 'w.id', 'b.workspace_id')
    .select(brandingColumns.map((column) => `b.${column}` as const))
    .where('w.slug', '=', workspaceSlug).executeTakeFirst();
}

export async function boardExists(db: Db, workspaceId: number, boardSlug: string): Promise<boolean> {
  const row = await db.selectFrom('boards').select('id').where('workspace_id', '=', workspaceId).where('slug', '=', boardSlug).executeTakeFirst();
  return row !== undefined;
}

/** Replaces the configuration; inserts it when the workspace has none yet. */
export async function replaceWidgetConfig(db: Db, workspaceId: number, config: WidgetConfigValues, at: number): Promise<WidgetConfigValues> {
  const values = { ...config, allowed_origins: JSON.stringify(config.allowed_origins), updated_at: at };
  const row = await db.insertInto('widget_configs').values({ workspace_id: workspaceId, ...values })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet(values))
    .returning(widgetConfigColumns).executeTakeFirstOrThrow();
  return decodeConfig(row);
}

/** Replaces the branding; inserts it when the workspace has none yet. */
export function replaceBranding(db: Db, workspaceId: number, branding: BrandingValues, at: number): Promise<BrandingValues> {
  const values = { ...branding, updated_at: at };
  return db.insertInto('workspace_branding').values({ workspace_id: workspaceId, ...values })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet(values))
    .returning(brandingColumns).executeTakeFirstOrThrow();
}
