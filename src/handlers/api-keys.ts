/** @module PENDING: handlers of api-keys (not yet implemented). */
import type { Handlers } from '../../generated/handlers.ts';
import { pendingHandler } from './pending.ts';

export const apiKeysHandlers: Pick<Handlers, 'listApiKeys' | 'createApiKey' | 'revokeApiKey'> = {
  listApiKeys: pendingHandler('listApiKeys'),
  createApiKey: pendingHandler('createApiKey'),
  revokeApiKey: pendingHandler('revokeApiKey'),
};
