/**
 * @module
 * Roadmaps: the public view of a public roadmap, and their administration (roadmaps, phases,
 * items) with a workspace key. Public reads are cached; every change names the roadmap's tag.
 */
import type { Handlers } from '../../generated/handlers.ts';
import type { AdminRoadmap, PublicRoadmap, Roadmap, RoadmapItem, RoadmapPhase } from '../../generated/schemas.ts';
import { database, runBatch, type Db } from '../db/client.ts';
import { keyWorkspace } from '../lib/auth.ts';
import { now } from '../lib/clock.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../lib/errors.ts';
import { badRequest, conflict, notFound } from '../lib/problem.ts';
import { iso } from '../lib/time.ts';
import {
  adminRoadmapQuery,
  createRoadmapStatements,
  deletePhase,
  deleteRoadmapItem,
  deleteRoadmapStatements,
  findFeedbackTitle,
  findPhase,
  findRoadmap,
  insertPhase,
  insertRoadmapItem,
  listRoadmaps,
  phaseIdsQuery,
  publicRoadmapQuery,
  reorderPhasesStatements,
  updatePhase,
  updateRoadmap,
  updateRoadmapItem,
  type AdminRoadmapRow,
  type PublicRoadmapRow,
  type RoadmapItemRow,
  type RoadmapRow,
} from '../queries/roadmaps.ts';

function toRoadmap(row: RoadmapRow): Roadmap {
  return { id: row.id, slug: row.slug, name: row.name, isPublic: row.is_public === 1, createdAt: iso(row.created_at) };
}

function toRoadmapItem(row: RoadmapItemRow): RoadmapItem {
  return {
    id: row.id,
    phaseId: row.phase_id,
    feedbackId: row.feedback_id,
    title: row.title,
    description: row.description,
    isPublic: row.is_public === 1,
    priority: row.priority,
  };
}

/** Flat rows (phase × item, already ordered) to phases with their items. */
function toPhases(rows: (PublicRoadmapRow & { item_is_public?: 0 | 1 | null })[]): PublicRoadmap['phases'] {
  const phases = new Map<number, PublicRoadmap['phases'][number]>();
  for (const row of rows) {
    if (row.phase_id === null) continue;
    let phase = phases.get(row.phase_id);
    if (!phase) {
      phase = { id: row.phase_id, name: row.phase_name!, position: row.phase_position!, items: [] };
      phases.set(row.phase_id, phase);
    }
    if (row.item_id !== null) {
      phase.items.push({
        id: row.item_id,
        phaseId: row.phase_id,
        feedbackId: row.item_feedback_id,
        title: row.item_title!,
        description: row.item_description!,
        // The public query reads public items only.
        isPublic: row.item_is_public === undefined || row.item_is_public === 1,
        priority: row.item_priority!,
      });
    }
  }
  return [...phases.values()];
}

function toPublicRoadmap(rows: PublicRoadmapRow[]): PublicRoadmap {
  return { slug: rows[0]!.slug, name: rows[0]!.name, phases: toPhases(rows) };
}

function toAdminRoadmap(rows: AdminRoadmapRow[]): AdminRoadmap {
  return { ...toRoadmap(rows[0]!), phases: toPhases(rows) };
}

async function requireRoadmap(db: Db, workspaceId: number, slug: string): Promise<RoadmapRow> {
  const roadmap = await findRoadmap(db, workspaceId, slug);
  if (!roadmap) throw notFound(`Roadmap "${slug}" does not exist`);
  return roadmap;
}

const phaseNotFound = (phaseId: number) => notFound(`Phase ${phaseId} does not exist on this roadmap`);
/** A phase's name or position is taken (both are unique per roadmap). */
function phaseTaken(error: unknown, phase: { name?: string; position?: number }) {
  if (error instanceof Error && /roadmap_phases\.position/.test(error.message)) {
    return conflict(`Position ${phase.position} is taken on this roadmap; reorder the phases with PUT …/phase-order`);
  }
  return conflict(`A phase named "${phase.name}" already exists on this roadmap`);
}
const foreignPhase = (phaseId: number) =>
  badRequest(`Phase ${phaseId} is not a phase of this roadmap`, [{ path: 'body.phaseId', message: 'not a phase of this roadmap' }]);

export const roadmapsHandlers: Pick<Handlers, 'getPublicRoadmap' | 'listRoadmaps' | 'createRoadmap' | 'updateRoadmap' | 'deleteRoadmap' | 'createRoadmapPhase' | 'updateRoadmapPhase' | 'deleteRoadmapPhase' | 'createRoadmapItem' | 'updateRoadmapItem' | 'deleteRoadmapItem' | 'getAdminRoadmap' | 'reorderRoadmapPhases'> = {
  getPublicRoadmap: async (c) => {
    const { workspace, roadmap } = c.req.valid('param');
    const rows = await publicRoadmapQuery(database(c.env.DB), workspace, roadmap).execute();
    // A private roadmap answers like a missing one, so its existence does not leak.
    if (rows.length === 0) throw notFound(`Roadmap "${roadmap}" does not exist in workspace "${workspace}"`);
    return c.json(toPublicRoadmap(rows), 200);
  },

  getAdminRoadmap: async (c) => {
    const { roadmap } = c.req.valid('param');
    const workspace = keyWorkspace(c);
    const rows = await adminRoadmapQuery(database(c.env.DB), workspace.id, roadmap).execute();
    if (rows.length === 0) throw notFound(`Roadmap "${roadmap}" does not exist`);
    return c.json(toAdminRoadmap(rows), 200);
  },

  reorderRoadmapPhases: async (c) => {
    const { roadmap } = c.req.valid('param');
    const { phaseIds } = c.req.valid('json');
    const workspace = keyWorkspace(c);
    const db = database(c.env.DB);
    const found = await requireRoadmap(db, workspace.id, roadmap);
    const existing = new Set((await phaseIdsQuery(db, found.id).execute()).map((p) => p.id));
    const repeated = phaseIds.findIndex((id, i) => phaseIds.indexOf(id) !== i);
    if (repeated !== -1) throw badRequest(`Phase ${phaseIds[repeated]} is listed twice`, [{ path: `body.phaseIds.${repeated}`, message: 'listed twice' }]);
    const foreign = phaseIds.findIndex((id) => !existing.has(id));
    if (foreign !== -1) throw badRequest(`Phase ${phaseIds[foreign]} is not a phase of this roadmap`, [{ path: `body.phaseIds.${foreign}`, message: 'not a phase of this roadmap' }]);
    if (phaseIds.length !== existing.size) {
      throw badRequest(`The roadmap has ${existing.size} phases; list each of them once`, [{ path: 'body.phaseIds', message: `must list all ${existing.size} phases` }]);
    }
    const results = await runBatch<RoadmapPhase>(c.env.DB, reorderPhasesStatements(db, found.id, phaseIds));
    const phases = results.at(-1)!;
    // A phase added or deleted meanwhile: the order no longer covers the roadmap.
    if (phases.length !== phaseIds.length || phases.some((p, i) => p.id !== phaseIds[i])) throw conflict('The phases changed meanwhile; read them again');
    return c.json(phases, 200);
  },

  listRoadmaps: async (c) => {
    const workspace = keyWorkspace(c);
    const rows = await listRoadmaps(database(c.env.DB), workspace.id);
    return c.json(rows.map(toRoadmap), 200);
  },

  createRoadmap: async (c) => {
    const workspace = keyWorkspace(c);
    const body = c.req.valid('json');
    const phaseNames = body.phases ?? [];
    const repeated = phaseNames.findIndex((name, i) => phaseNames.indexOf(name) !== i);
    if (repeated !== -1) {
      throw badRequest(`Phase "${phaseNames[repeated]}" is named twice`, [{ path: `body.phases.${repeated}`, message: 'phase names must be unique' }]);
    }
    const db = database(c.env.DB);
    try {
      const results = await runBatch<AdminRoadmapRow>(
        c.env.DB,
        createRoadmapStatements(db, { workspaceId: workspace.id, slug: body.slug, name: body.name, isPublic: body.isPublic, phaseNames, at: now() }),
      );
      return c.json(toAdminRoadmap(results.at(-1)!), 201);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`Roadmap "${body.slug}" already exists`);
      throw error;
    }
  },

  updateRoadmap: async (c) => {
    const { roadmap } = c.req.valid('param');
    const workspace = keyWorkspace(c);
    const body = c.req.valid('json');
    const row = await updateRoadmap(database(c.env.DB), workspace.id, roadmap, {
      ...(body.name !== undefined && { name: body.name }),
      ...(body.isPublic !== undefined && { is_public: body.isPublic ? 1 : 0 }),
    });
    if (!row) throw notFound(`Roadmap "${roadmap}" does not exist`);
    return c.json(toRoadmap(row), 200);
  },

  deleteRoadmap: async (c) => {
    const { roadmap } = c.req.valid('param');
    const workspace = keyWorkspace(c);
    const db = database(c.env.DB);
    const found = await requireRoadmap(db, workspace.id, roadmap);
    await runBatch(c.env.DB, deleteRoadmapStatements(db, found.id));
    return c.body(null, 204);
  },

  createRoadmapPhase: async (c) => {
    const { roadmap } = c.req.valid('param');
    const workspace = keyWorkspace(c);
    const body = c.req.valid('json');
    if (body.name === undefined) throw badRequest('A new phase needs a name', [{ path: 'body.name', message: 'required' }]);
    let row: RoadmapPhase | undefined;
    try {
      row = await insertPhase(database(c.env.DB), workspace.id, roadmap, { name: body.name, position: body.position });
    } catch (error) {
      if (isUniqueViolation(error)) throw phaseTaken(error, body);
      throw error;
    }
    if (!row) throw notFound(`Roadmap "${roadmap}" does not exist`);
    return c.json(row, 201);
  },

  updateRoadmapPhase: async (c) => {
    const { roadmap, phaseId } = c.req.valid('param');
    const workspace = keyWorkspace(c);
    const body = c.req.valid('json');
    const db = database(c.env.DB);
    const found = await requireRoadmap(db, workspace.id, roadmap);
    let row: RoadmapPhase | undefined;
    try {
      row = await updatePhase(db, found.id, phaseId, body);
    } catch (error) {
      if (isUniqueViolation(error)) throw phaseTaken(error, body);
      throw error;
    }
    if (!row) throw phaseNotFound(phaseId);
    return c.json(row, 200);
  },

  deleteRoadmapPhase: async (c) => {
    const { roadmap, phaseId } = c.req.valid('param');
    const workspace = keyWorkspace(c);
    const db = database(c.env.DB);
    const found = await requireRoadmap(db, workspace.id, roadmap);
    const phase = await findPhase(db, found.id, phaseId);
    if (!phase) throw phaseNotFound(phaseId);
    const stillUsed = () => conflict(`Phase ${phaseId} still has items; move or delete them first`);
    if (phase.has_items) throw stillUsed();
    try {
      if (!(await deletePhase(db, found.id, phaseId))) throw phaseNotFound(phaseId);
    } catch (error) {
      // roadmap_items.phase_id is ON DELETE RESTRICT: an item added since the check.
      if (isForeignKeyViolation(error)) throw stillUsed();
      throw error;
    }
    return c.body(null, 204);
  },

  createRoadmapItem: async (c) => {
    const { roadmap } = c.req.valid('param');
    const workspace = keyWorkspace(c);
    const body = c.req.valid('json');
    if (body.title === undefined && body.feedbackId === undefined) {
      throw badRequest('An item needs a title or a feedbackId to take it from', [{ path: 'body.title', message: 'required without feedbackId' }]);
    }
    const db = database(c.env.DB);
    const found = await requireRoadmap(db, workspace.id, roadmap);
    const [phase, feedback] = await Promise.all([
      findPhase(db, found.id, body.phaseId),
      body.feedbackId === undefined ? undefined : findFeedbackTitle(db, workspace.id, body.feedbackId),
    ]);
    if (!phase) throw foreignPhase(body.phaseId);
    if (body.feedbackId !== undefined && !feedback) {
      throw badRequest(`Feedback item ${body.feedbackId} does not exist in this workspace`, [{ path: 'body.feedbackId', message: 'not a feedback item of this workspace' }]);
    }
    try {
      const row = await insertRoadmapItem(db, {
        roadmapId: found.id,
        phaseId: body.phaseId,
        feedbackId: body.feedbackId ?? null,
        title: body.title ?? feedback!.title,
        description: body.description,
        isPublic: body.isPublic,
        priority: body.priority,
        at: now(),
      });
      return c.json(toRoadmapItem(row), 201);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`Feedback item ${body.feedbackId} is already on roadmap "${roadmap}"`);
      if (isForeignKeyViolation(error)) throw conflict('The phase or the feedback item was deleted meanwhile');
      throw error;
    }
  },

  updateRoadmapItem: async (c) => {
    const { roadmap, itemId } = c.req.valid('param');
    const workspace = keyWorkspace(c);
    const body = c.req.valid('json');
    const db = database(c.env.DB);
    const found = await requireRoadmap(db, workspace.id, roadmap);
    if (body.phaseId !== undefined && !(await findPhase(db, found.id, body.phaseId))) throw foreignPhase(body.phaseId);
    let row: RoadmapItemRow | undefined;
    try {
      row = await updateRoadmapItem(db, found.id, itemId, {
        ...(body.phaseId !== undefined && { phase_id: body.phaseId }),
        ...(body.title !== undefined && { title: body.title }),
        ...(body.description !== undefined && { description: body.description }),
        ...(body.isPublic !== undefined && { is_public: body.isPublic ? 1 : 0 }),
        ...(body.priority !== undefined && { priority: body.priority }),
      });
    } catch (error) {
      if (isForeignKeyViolation(error)) throw foreignPhase(body.phaseId!);
      throw error;
    }
    if (!row) throw notFound(`Item ${itemId} does not exist on this roadmap`);
    return c.json(toRoadmapItem(row), 200);
  },

  deleteRoadmapItem: async (c) => {
    const { roadmap, itemId } = c.req.valid('param');
    const workspace = keyWorkspace(c);
    const db = database(c.env.DB);
    const found = await requireRoadmap(db, workspace.id, roadmap);
    if (!(await deleteRoadmapItem(db, found.id, itemId))) throw notFound(`Item ${itemId} does not exist on this roadmap`);
    return c.body(null, 204);
  },
};
