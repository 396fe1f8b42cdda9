/**
 * @module
 * The app's error handler: every error leaves as problem+json. Client mistakes are 4xx; an
 * unavailable database is a 503 with Retry-After; only a fault of ours is a 500, and it is logged.
 */
import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../app-env.ts';
import { databaseUnavailable, isDatabaseUnavailable } from './database-unavailable.ts';
import { ApiError, badRequest, problemResponse, unsupportedMediaType } from './problem.ts';

function clientError(status: number, message: string): ApiError {
  if (status === 400) return badRequest(message);
  if (status === 415) return unsupportedMediaType(`${message}: the body must be application/json`);
  return new ApiError(status, 'http', message);
}

export const handleError: ErrorHandler<AppEnv> = (error, c) => {
  const instance = new URL(c.req.url).pathname;
  if (error instanceof ApiError) return problemResponse(error, instance);
  if (error instanceof HTTPException && error.status < 500) {
    // hono's validators throw these for malformed JSON and similar.
    return problemResponse(clientError(error.status, error.message), instance);
  }
  if (isDatabaseUnavailable(error)) {
    console.warn(`database unavailable on ${c.req.method} ${instance}:`, String(error));
    return problemResponse(databaseUnavailable(), instance);
  }
  console.error(`unhandled error on ${c.req.method} ${instance}:`, error);
  return problemResponse(new ApiError(500, 'internal', 'Internal server error', 'The error has been logged'), instance);
};

/** SQLite constraint failures that mean "already exists". */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed/.test(error.message);
}

/** A referenced row vanished between the check and the write (a concurrent delete). */
export function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof Error && /FOREIGN KEY constraint failed/.test(error.message);
}
