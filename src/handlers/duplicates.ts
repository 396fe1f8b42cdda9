/** @module PENDING: handlers of duplicates (not yet implemented). */
import type { Handlers } from '../../generated/handlers.ts';
import { pendingHandler } from './pending.ts';

export const duplicatesHandlers: Pick<Handlers, 'mergeFeedback' | 'unmergeFeedback'> = {
  mergeFeedback: pendingHandler('mergeFeedback'),
  unmergeFeedback: pendingHandler('unmergeFeedback'),
};
