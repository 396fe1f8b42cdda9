/** @module PENDING: handlers of moderation (not yet implemented). */
import type { Handlers } from '../../generated/handlers.ts';
import { pendingHandler } from './pending.ts';

export const moderationHandlers: Pick<Handlers, 'listAdminFeedback' | 'updateFeedback' | 'deleteFeedback'> = {
  listAdminFeedback: pendingHandler('listAdminFeedback'),
  updateFeedback: pendingHandler('updateFeedback'),
  deleteFeedback: pendingHandler('deleteFeedback'),
};
