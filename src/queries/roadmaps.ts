/**
 * @module
 * Roadmaps, their phases (ordered by position) and items (ordered by priority). The public view is
 * one statement: the roadmap, its phases and their public items as flat rows, grouped by the caller.
 */
import type { Db } from '../db/client.ts';

const roadmapColumns = ['id', 'slug', 'name', 'is_public', 'created_at'] as const;
const phaseColumns = ['id', 'name', 'position'] as const;
const itemColumns = ['id', 'phase_id', 'feedback_id', 'title', 'description', 'is_public', 'priority'] as const;

/** A public roadmap's phases left-joined with their public items; no rows when it is missing or private. */
export function publicRoadmapQuery(db: Db, workspaceSlug: string, roadmapSlug: string) {
  return db
    .selectFrom('roadmaps as r')
    .innerJoin('workspaces as w', 'w.id', 'r.workspace_id')
    .leftJoin('roadmap_phases as p', 'p.roadmap_id', 'r.id')
    // The join matches idx_roadmap_items_public (roadmap_id, is_public, phase_id, priority DESC).
    // An item taken from feedback is public only while that feedback is (docs/architecture.md).
    .leftJoin('roadmap_items as i', (join) =>
      join
        .onRef('i.roadmap_id', '=', 'r.id')
        .on('i.is_public', '=', 1)
        .onRef('i.phase_id', '=', 'p.id')
        .on((eb) =>
          eb.or([
            eb('i.feedback_id', 'is', null),
            eb.exists(
              eb
                .selectFrom('feedback_items as f')
                .select(eb.lit(1).as('visible'))
                .whereRef('f.id', '=', 'i.feedback_id')
                .where('f.is_hidden', '=', 0)
                .where('f.moderation_state', '=', 'approved')
                .where('f.merged_into_id', 'is', null),
            ),
          ]),
        ),
    )
    .select([
      'r.slug',
      'r.name',
      'p.id as phase_id',
      'p.name as phase_name',
      'p.position as phase_position',
      'i.id as item_id',
      'i.feedback_id as item_feedback_id',
      'i.title as item_title',
      'i.description as item_description',
      'i.priority as item_priority',
    ])
    .where('w.slug', '=', workspaceSlug)
    .where('r.slug', '=', roadmapSlug)
    .where('r.is_public', '=', 1)
    .orderBy('p.position')
    .orderBy('p.id')
    .orderBy('i.priority', 'desc')
    .orderBy('i.id');
}

export type PublicRoadmapRow = NonNullable<Awaited<ReturnType<ReturnType<typeof publicRoadmapQuery>['executeTakeFirst']>>>;

/** A roadmap of the workspace, public or not, with its phases left-joined with all their items. */
export function adminRoadmapQuery(db: Db, workspaceId: number, roadmapSlug: string) {
  return db
    .selectFrom('roadmaps as r')
    .leftJoin('roadmap_phases as p', 'p.roadmap_id', 'r.id')
    .leftJoin('roadmap_items as i', (join) => join.onRef('i.roadmap_id', '=', 'r.id').onRef('i.phase_id', '=', 'p.id'))
    .select([
      ...roadmapColumns.map((column) => `r.${column}` as const),
      'p.id as phase_id',
      'p.name as phase_name',
      'p.position as phase_position',
      'i.id as item_id',
      'i.feedback_id as item_feedback_id',
      'i.title as item_title',
      'i.description as item_description',
      'i.is_public as item_is_public',
      'i.priority as item_priority',
    ])
    .where('r.workspace_id', '=', workspaceId)
    .where('r.slug', '=', roadmapSlug)
    .orderBy('p.position')
    .orderBy('p.id')
    .orderBy('i.priority', 'desc')
    .orderBy('i.id');
}

export type AdminRoadmapRow = NonNullable<Awaited<ReturnType<ReturnType<typeof adminRoadmapQuery>['executeTakeFirst']>>>;

/**
 * Statements for one batch that give the phases positions 0..n-1 in the order of `phaseIds`
 * (every phase of the roadmap, once each). Positions are unique, and SQLite checks that row by
 * row, so the phases first move to distinct negative positions, then to their final ones; the
 * last statement returns the phases in order.
 */
export function reorderPhasesStatements(db: Db, roadmapId: number, phaseIds: number[]) {
  const [first, ...rest] = phaseIds;
  return [
    db
      .updateTable('roadmap_phases')
      .set((eb) => {
        let target = eb.case('id').when(first!).then(0);
        rest.forEach((id, i) => {
          target = target.when(id).then(i + 1);
        });
        return { position: eb(eb.val(-1), '-', target.end()) };
      })
      .where('roadmap_id', '=', roadmapId),
    db.updateTable('roadmap_phases').set((eb) => ({ position: eb(eb.val(-1), '-', eb.ref('position')) })).where('roadmap_id', '=', roadmapId),
    db.selectFrom('roadmap_phases').select(phaseColumns).where('roadmap_id', '=', roadmapId).orderBy('position'),
  ];
}

/** The ids of a roadmap's phases. */
export function phaseIdsQuery(db: Db, roadmapId: number) {
  return db.selectFrom('roadmap_phases').select('id').where('roadmap_id', '=', roadmapId);
}

export function listRoadmaps(db: Db, workspaceId: number) {
  return db.selectFrom('roadmaps').select(roadmapColumns).where('workspace_id', '=', workspaceId).orderBy('slug').execute();
}

export type RoadmapRow = Awaited<ReturnType<typeof listRoadmaps>>[number];

export function findRoadmap(db: Db, workspaceId: number, slug: string) {
  return db.selectFrom('roadmaps').select(roadmapColumns).where('workspace_id', '=', workspaceId).where('slug', '=', slug).executeTakeFirst();
}

function roadmapIdQuery(db: Db, workspaceId: number, slug: string) {
  return db.selectFrom('roadmaps').select('id').where('workspace_id', '=', workspaceId).where('slug', '=', slug);
}

export interface NewRoadmap {
  workspaceId: number;
  slug: string;
  name: string;
  isPublic: boolean;
  phaseNames: string[];
  at: number;
}

/** Statements for one batch: the roadmap, its phases in the given order, then its rows as adminRoadmapQuery reads them. */
export function createRoadmapStatements(db: Db, roadmap: NewRoadmap) {
  const roadmapId = roadmapIdQuery(db, roadmap.workspaceId, roadmap.slug);
  return [
    db.insertInto('roadmaps').values({
      workspace_id: roadmap.workspaceId,
      slug: roadmap.slug,
      name: roadmap.name,
      is_public: roadmap.isPublic ? 1 : 0,
      created_at: roadmap.at,
    }),
    ...(roadmap.phaseNames.length === 0
      ? []
      : [db.insertInto('roadmap_phases').values(roadmap.phaseNames.map((name, position) => ({ roadmap_id: roadmapId, name, position })))]),
    adminRoadmapQuery(db, roadmap.workspaceId, roadmap.slug),
  ];
}

export function updateRoadmap(db: Db, workspaceId: number, slug: string, changes: { name?: string; is_public?: 0 | 1 }) {
  return db.updateTable('roadmaps').set(changes).where('workspace_id', '=', workspaceId).where('slug', '=', slug)
    .returning(roadmapColumns).executeTakeFirst();
}

/**
 * Items go first, so the phases' ON DELETE RESTRICT (roadmap_items.phase_id) never depends on
 * the order in which SQLite runs the cascades from the roadmap.
 */
export function deleteRoadmapStatements(db: Db, roadmapId: number) {
  return [
    db.deleteFrom('roadmap_items').where('roadmap_id', '=', roadmapId),
    db.deleteFrom('roadmaps').where('id', '=', roadmapId),
  ];
}

/** Inserts after the last phase unless a position is given; nothing when the roadmap is missing. */
export function insertPhase(db: Db, workspaceId: number, roadmapSlug: string, phase: { name: string; position?: number }) {
  return db
    .insertInto('roadmap_phases')
    .columns(['roadmap_id', 'name', 'position'])
    .expression(
      db
        .selectFrom('roadmaps as r')
        .select((eb) => [
          'r.id',
          eb.val(phase.name).as('name'),
          phase.position !== undefined
            ? eb.val(phase.position).as('position')
            : eb.fn.coalesce(
                eb.selectFrom('roadmap_phases as p').select((sub) => sub(sub.fn.max('p.position'), '+', 1).as('next')).whereRef('p.roadmap_id', '=', 'r.id'),
                eb.val(0),
              ).as('position'),
        ])
        .where('r.workspace_id', '=', workspaceId)
        .where('r.slug', '=', roadmapSlug),
    )
    .returning(phaseColumns)
    .executeTakeFirst();
}

export function findPhase(db: Db, roadmapId: number, phaseId: number) {
  return db
    .selectFrom('roadmap_phases as p')
    .select((eb) => [
      'p.id',
      'p.name',
      'p.position',
      eb.exists(eb.selectFrom('roadmap_items as i').select('i.id').whereRef('i.phase_id', '=', 'p.id')).as('has_items'),
    ])
    .where('p.roadmap_id', '=', roadmapId)
    .where('p.id', '=', phaseId)
    .executeTakeFirst();
}

export function updatePhase(db: Db, roadmapId: number, phaseId: number, changes: { name?: string; position?: number }) {
  return db.updateTable('roadmap_phases').set(changes).where('roadmap_id', '=', roadmapId).where('id', '=', phaseId)
    .returning(phaseColumns).executeTakeFirst();
}

export async function deletePhase(db: Db, roadmapId: number, phaseId: number): Promise<boolean> {
  const result = await db.deleteFrom('roadmap_phases').where('roadmap_id', '=', roadmapId).where('id', '=', phaseId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** A feedback item's title, when the item belongs to the workspace. */
export function findFeedbackTitle(db: Db, workspaceId: number, feedbackId: number) {
  return db.selectFrom('feedback_items').select(['id', 'title']).where('workspace_id', '=', workspaceId).where('id', '=', feedbackId).executeTakeFirst();
}

export interface NewRoadmapItem {
  roadmapId: number;
  phaseId: number;
  feedbackId: number | null;
  title: string;
  description?: string;
  isPublic: boolean;
  priority: number;
  at: number;
}

export function insertRoadmapItem(db: Db, item: NewRoadmapItem) {
  return db
    .insertInto('roadmap_items')
    .values({
      roadmap_id: item.roadmapId,
      phase_id: item.phaseId,
      feedback_id: item.feedbackId,
      title: item.title,
      ...(item.description !== undefined && { description: item.description }),
      is_public: item.isPublic ? 1 : 0,
      priority: item.priority,
      created_at: item.at,
    })
    .returning(itemColumns)
    .executeTakeFirstOrThrow();
}

export type RoadmapItemRow = Awaited<ReturnType<typeof insertRoadmapItem>>;

export interface RoadmapItemChanges {
  phase_id?: number;
  title?: string;
  description?: string;
  is_public?: 0 | 1;
  priority?: number;
}

export function updateRoadmapItem(db: Db, roadmapId: number, itemId: number, changes: RoadmapItemChanges) {
  return db.updateTable('roadmap_items').set(changes).where('roadmap_id', '=', roadmapId).where('id', '=', itemId)
    .returning(itemColumns).executeTakeFirst();
}

export async function deleteRoadmapItem(db: Db, roadmapId: number, itemId: number): Promise<boolean> {
  const result = await db.deleteFrom('roadmap_items').where('roadmap_id', '=', roadmapId).where('id', '=', itemId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
