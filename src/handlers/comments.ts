/** @module PENDING: handlers of comments (not yet implemented). */
import type { Handlers } from '../../generated/handlers.ts';
import { pendingHandler } from './pending.ts';

export const commentsHandlers: Pick<Handlers, 'listComments' | 'createComment'> = {
  listComments: pendingHandler('listComments'),
  createComment: pendingHandler('createComment'),
};
