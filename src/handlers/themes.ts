/** @module PENDING: handlers of themes (not yet implemented). */
import type { Handlers } from '../../generated/handlers.ts';
import { pendingHandler } from './pending.ts';

export const themesHandlers: Pick<Handlers, 'listThemes' | 'createTheme' | 'updateTheme' | 'deleteTheme'> = {
  listThemes: pendingHandler('listThemes'),
  createTheme: pendingHandler('createTheme'),
  updateTheme: pendingHandler('updateTheme'),
  deleteTheme: pendingHandler('deleteTheme'),
};
