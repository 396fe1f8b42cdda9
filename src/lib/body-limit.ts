/**
 * @module
 * The request body limit, for operations that take a body (the only ones that read it): a larger
 * body is a 413 problem before anything parses it.
 */
import type { RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../app-env.ts';
import { payloadTooLarge, problemResponse } from './problem.ts';

export const MAX_BODY_BYTES = 64 * 1024;

const limited = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => problemResponse(payloadTooLarge(MAX_BODY_BYTES)) });

export function limitedBody(route: RouteConfig): MiddlewareHandler<AppEnv> {
  return route.request?.body ? limited : (_c, next) => next();
}
