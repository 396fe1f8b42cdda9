/** @module PENDING: handlers of roadmaps (not yet implemented). */
import type { Handlers } from '../../generated/handlers.ts';
import { pendingHandler } from './pending.ts';

export const roadmapsHandlers: Pick<Handlers, 'getPublicRoadmap' | 'listRoadmaps' | 'createRoadmap' | 'updateRoadmap' | 'deleteRoadmap' | 'createRoadmapPhase' | 'updateRoadmapPhase' | 'deleteRoadmapPhase' | 'createRoadmapItem' | 'updateRoadmapItem' | 'deleteRoadmapItem'> = {
  getPublicRoadmap: pendingHandler('getPublicRoadmap'),
  listRoadmaps: pendingHandler('listRoadmaps'),
  createRoadmap: pendingHandler('createRoadmap'),
  updateRoadmap: pendingHandler('updateRoadmap'),
  deleteRoadmap: pendingHandler('deleteRoadmap'),
  createRoadmapPhase: pendingHandler('createRoadmapPhase'),
  updateRoadmapPhase: pendingHandler('updateRoadmapPhase'),
  deleteRoadmapPhase: pendingHandler('deleteRoadmapPhase'),
  createRoadmapItem: pendingHandler('createRoadmapItem'),
  updateRoadmapItem: pendingHandler('updateRoadmapItem'),
  deleteRoadmapItem: pendingHandler('deleteRoadmapItem'),
};
