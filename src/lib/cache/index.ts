/**
 * @module
 * The cache wrappers the generated router applies: `cached` around GETs with `x-cache`,
 * `invalidating` around mutations with `x-invalidates`.
 */
export { cached } from './cached.ts';
export { invalidating } from './invalidating.ts';
