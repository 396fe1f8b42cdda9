/** @module PENDING: handlers of workspaces (not yet implemented). */
import type { Handlers } from '../../generated/handlers.ts';
import { pendingHandler } from './pending.ts';

export const workspacesHandlers: Pick<Handlers, 'createWorkspace' | 'getWorkspace' | 'updateWorkspace'> = {
  createWorkspace: pendingHandler('createWorkspace'),
  getWorkspace: pendingHandler('getWorkspace'),
  updateWorkspace: pendingHandler('updateWorkspace'),
};
