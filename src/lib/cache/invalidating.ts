/**
 * @module
 * `invalidating(invalidation, handler)`, the wrapper the generated router puts around every
 * mutation with a non-empty `x-invalidates`. When the handler succeeds, the tags it names are made
 * stale in this colo before the response leaves (read-your-writes through this colo), and purged
 * globally by tag afterwards; for a bounded mutation (`x-freshness: bounded`) their soft markers
 * move within SOFT_MARKER_DELAY_MS instead, and its writer reads it through its D1 bookmark. Template values come from the path and from what the handler set as
 * `tagParams`. A committed write never turns into an error here: a template the handler forgot to
 * fill falls back to the workspace-wide tag, and a failing marker write is logged.
 * Server errors invalidate too, since the write may have committed before the failure.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../../app-env.ts';
import { ApiError } from '../problem.ts';
import { pathParams } from './key.ts';
import type { Invalidation } from './policy.ts';
import { purgeTags } from './purge.ts';
import { runHandler, type AnyRouteHandler } from './route-handler.ts';
import { fillTag, MissingTagParamError, workspaceTag } from './tags.ts';
import { markChanged, markInvalidated } from './tag-markers.ts';
import { requestOrigin } from '../request-origin.ts';

/** The concrete tags to invalidate; unfillable templates widen to the workspace. */
export function tagsToInvalidate(invalidation: Invalidation, values: Record<string, unknown>): string[] {
  const tags = new Set<string>();
  for (const template of invalidation.tags) {
    try {
      tags.add(fillTag(template, values));
    } catch (error) {
      if (!(error instanceof MissingTagParamError)) throw error;
      const workspace = values.workspace;
      console.error(`cache: ${invalidation.operationId}: ${error.message}; invalidating the whole workspace instead`);
      if (typeof workspace === 'string' && workspace !== '') tags.add(workspaceTag(workspace));
      else console.error(`cache: ${invalidation.operationId}: no workspace in the path either; nothing could be invalidated`);
    }
  }
  return [...tags];
}

function rejectedBeforeWriting(error: unknown): boolean {
  return (error instanceof ApiError || error instanceof HTTPException) && error.status < 500;
}

async function invalidate(c: Context<AppEnv>, invalidation: Invalidation): Promise<void> {
  const tags = tagsToInvalidate(invalidation, { ...pathParams(c), ...c.get('tagParams') });
  if (tags.length === 0) return;
  if (invalidation.freshness === 'bounded') {
    // Its writer reads it at once through its bookmark; everyone else within the freshness bound.
    // The global purge follows each coalesced marker replacement, not every write.
    await markChanged(requestOrigin(c.req.url), tags, c.executionCtx, (tag) => purgeTags(c.env, [tag]));
    return;
  }
  try {
    await markInvalidated(requestOrigin(c.req.url), tags);
  } catch (error) {
    console.error(`cache: ${invalidation.operationId}: marking ${tags.join(',')} stale failed:`, error);
  }
  c.executionCtx.waitUntil(purgeTags(c.env, tags));
}

export function invalidating<H extends AnyRouteHandler>(invalidation: Invalidation, handler: H): H {
  const wrapped = async (c: Context<AppEnv>, next: () => Promise<void>): Promise<Response> => {
    let response: Response;
    try {
      response = await runHandler(handler, c, next);
    } catch (error) {
      if (!rejectedBeforeWriting(error)) await invalidate(c, invalidation);
      throw error;
    }
    if (response.status < 400 || response.status >= 500) await invalidate(c, invalidation);
    return response;
  };
  return wrapped as unknown as H;
}
