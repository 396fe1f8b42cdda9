/** @module PENDING: handlers of boards (not yet implemented). */
import type { Handlers } from '../../generated/handlers.ts';
import { pendingHandler } from './pending.ts';

export const boardsHandlers: Pick<Handlers, 'listBoards' | 'createBoard' | 'updateBoard' | 'deleteBoard'> = {
  listBoards: pendingHandler('listBoards'),
  createBoard: pendingHandler('createBoard'),
  updateBoard: pendingHandler('updateBoard'),
  deleteBoard: pendingHandler('deleteBoard'),
};
