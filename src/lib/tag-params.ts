/** @module Typed setter for the invalidation values a handler supplies (generated TagParams). */
import type { Context } from 'hono';
import type { TagParams } from '../../generated/handlers.ts';
import type { AppEnv } from '../app-env.ts';

export function setTagParams<K extends keyof TagParams>(c: Context<AppEnv>, _operation: K, params: TagParams[K]): void {
  c.set('tagParams', { ...c.get('tagParams'), ...params });
}
