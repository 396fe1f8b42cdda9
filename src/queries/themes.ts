/**
 * @module
 * Themes of a workspace. item_count is kept by triggers on feedback_items (migrations/0001), so
 * listing never counts items.
 */
import type { Updateable } from 'kysely';
import { runBatch, type Db } from '../db/client.ts';
import type { ThemesTable } from '../db/schema.ts';

const themeColumns = ['id', 'name', 'description', 'is_active', 'item_count', 'created_at'] as const;

export type ThemeRow = Awaited<ReturnType<ReturnType<typeof themesByActivity>['execute']>>[number];

/** One index range of idx_themes_workspace_active, already in (item_count desc, id) order. */
export function themesByActivity(db: Db, workspaceId: number, isActive: 0 | 1) {
  return db.selectFrom('themes').select(themeColumns)
    .where('workspace_id', '=', workspaceId).where('is_active', '=', isActive)
    .orderBy('item_count', 'desc').orderBy('id');
}

/**
 * Active themes first, each group by item count. Two index scans in one round trip: a single
 * `ORDER BY is_active DESC, item_count DESC` runs against the index's direction and needs a sort.
 */
export async function listThemes(d1: D1Database, db: Db, workspaceId: number): Promise<ThemeRow[]> {
  const [active = [], inactive = []] = await runBatch<ThemeRow>(d1, [themesByActivity(db, workspaceId, 1), themesByActivity(db, workspaceId, 0)]);
  return [...active, ...inactive];
}

export function insertTheme(db: Db, theme: { workspaceId: number; name: string; description: string; at: number }) {
  return db
    .insertInto('themes')
    .values({ workspace_id: theme.workspaceId, name: theme.name, description: theme.description, created_at: theme.at })
    .returning(themeColumns)
    .executeTakeFirstOrThrow();
}

export type ThemeChanges = Updateable<Pick<ThemesTable, 'name' | 'description' | 'is_active'>>;

export function updateTheme(db: Db, workspaceId: number, themeId: number, changes: ThemeChanges) {
  return db.updateTable('themes').set(changes).where('workspace_id', '=', workspaceId).where('id', '=', themeId)
    .returning(themeColumns).executeTakeFirst();
}

/** Items of a deleted theme stay where they are; the foreign key sets their theme_id to null. */
export async function deleteTheme(db: Db, workspaceId: number, themeId: number): Promise<boolean> {
  const result = await db.deleteFrom('themes').where('workspace_id', '=', workspaceId).where('id', '=', themeId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
