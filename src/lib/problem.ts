/**
 * @module
 * RFC 9457 problem details: the one shape every error leaves the API in. Handlers and queries
 * throw an `ApiError`; the app's error handler renders it.
 */
import { cdnHeaders } from './cdn.ts';

export interface FieldError {
  /** Where the value is: `body.title`, `query.limit`, `path.id`, `header.x-user-token`. */
  path: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** Stable problem type slug, served as `/problems/<slug>`. */
    readonly kind: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
    this.name = 'ApiError';
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new ApiError(400, 'validation', 'Request failed validation', detail, errors);
/** A 400 naming each failing field, its detail listing them all. */
export const invalidFields = (errors: FieldError[]) =>
  badRequest(errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
export const unauthorized = (detail: string) =>
  new ApiError(401, 'unauthorized', 'Unauthorized', detail, undefined, { 'WWW-Authenticate': 'Bearer' });
export const forbidden = (detail: string) => new ApiError(403, 'forbidden', 'Forbidden', detail);
export const notFound = (detail: string) => new ApiError(404, 'not-found', 'Not found', detail);
export const conflict = (detail: string) => new ApiError(409, 'conflict', 'Conflict', detail);
export const methodNotAllowed = (method: string, allowed: string[]) =>
  new ApiError(405, 'method-not-allowed', 'Method not allowed', `${method} is not supported here; use ${allowed.join(', ')}`, undefined, { Allow: allowed.join(', ') });
export const payloadTooLarge = (limitBytes: number) =>
  new ApiError(413, 'payload-too-large', 'Payload too large', `The request body exceeds ${limitBytes} bytes`);
export const unsupportedMediaType = (detail: string) => new ApiError(415, 'unsupported-media-type', 'Unsupported media type', detail);
export const unavailable = (detail: string, retryAfterSeconds: number) =>
  new ApiError(503, 'unavailable', 'Service unavailable', detail, undefined, { 'Retry-After': String(retryAfterSeconds) });

export function problemResponse(error: ApiError, instance?: string): Response {
  const body: ProblemBody = { type: `/problems/${error.kind}`, title: error.title, status: error.status };
  if (error.detail) body.detail = error.detail;
  if (instance) body.instance = instance;
  if (error.errors) body.errors = error.errors;
  return new Response(JSON.stringify(body), {
    status: error.status,
    headers: { 'Content-Type': 'application/problem+json', ...cdnHeaders({ class: 'dynamic' }), ...error.headers },
  });
}
