/** @module PENDING: handlers of feedback (not yet implemented). */
import type { Handlers } from '../../generated/handlers.ts';
import { pendingHandler } from './pending.ts';

export const feedbackHandlers: Pick<Handlers, 'listFeedback' | 'createFeedback' | 'getFeedback'> = {
  listFeedback: pendingHandler('listFeedback'),
  createFeedback: pendingHandler('createFeedback'),
  getFeedback: pendingHandler('getFeedback'),
};
