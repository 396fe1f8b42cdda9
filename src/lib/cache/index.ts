/**
 * @module
 * The cache wrappers the generated router applies: `cached` around GETs with `x-cache`,
 * `invalidating` around mutations with `x-invalidates`; and the hook through which the app lets
 * stale-while-revalidate refreshes run.
 */
export { cached } from './cached.ts';
export { invalidating } from './invalidating.ts';
export { serveCacheRefreshesThrough } from './refresh.ts';
