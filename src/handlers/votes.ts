/** @module PENDING: handlers of votes (not yet implemented). */
import type { Handlers } from '../../generated/handlers.ts';
import { pendingHandler } from './pending.ts';

export const votesHandlers: Pick<Handlers, 'voteFeedback' | 'unvoteFeedback' | 'getUserVotes'> = {
  voteFeedback: pendingHandler('voteFeedback'),
  unvoteFeedback: pendingHandler('unvoteFeedback'),
  getUserVotes: pendingHandler('getUserVotes'),
};
