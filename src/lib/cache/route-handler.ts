/**
 * @module
 * The shape the cache wrappers accept: any route handler, whatever its path and validated input.
 * A handler's context parameter is specific to its route, so the wrappers take a function of
 * `never` (every handler is assignable to it) and call it with the context they were given.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';

export type AnyRouteHandler = (c: never, next: never) => unknown;

export async function runHandler(handler: AnyRouteHandler, c: Context<AppEnv>, next: () => Promise<void>): Promise<Response> {
  return (await (handler as (c: Context<AppEnv>, next: () => Promise<void>) => unknown)(c, next)) as Response;
}
