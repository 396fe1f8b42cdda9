/**
 * @module
 * Repeat hits: a cached GET of a URL this isolate has already answered through the app is
 * answered from the memory tier before routing, when everything a HIT needs is at hand without
 * I/O: the entry in memory, every marker token trusted, the entry usable and fresh by the rules
 * of cached.ts (usable-entry.ts, the same freshness bound and read-your-writes bookmark). Anything
 * else (no entry, a marker to look up, a refresh due, a conditional or credentialed request) goes
 * through the app as before. Routing, validation, the operation chain and the cache key were the
 * larger part of a HIT's CPU; they depend only on the URL and on headers excluded here, so their
 * outcome for a URL is known once the app has answered it with a cacheable 200.
 *
 * Only operations whose answer depends on nothing but the URL qualify (`repeatableRoute`): no
 * rate limit to count, no per-Origin CORS answer. A request qualifies when it carries none of the
 * headers its operation validates (`If-None-Match`, `X-User-Token`) and no credentials. The
 * response is the one cached.ts would send, with the headers the operation chain adds (CORS) as
 * the app last added them for this URL, and it is measured like every other request.
 */
import type { RouteConfig } from '@hono/zod-openapi';
import type { ExecutionContext } from 'hono';
import { z } from 'zod';
import { rateLimitRules } from '../../../generated/rate-limits.ts';
import type { Env } from '../../env.ts';
import { corsModeOf } from '../cors.ts';
import { sentBookmark } from '../d1-session.ts';
import { now } from '../clock.ts';
import { measurementHeaders, recordMeasurement, startMeasurement } from '../metrics.ts';
import { hasCredentials } from './credentials.ts';
import type { CacheEntry } from './entry.ts';
import { readMemoryEntry } from './entry-store.ts';
import { freshness } from './freshness.ts';
import { REFRESH_AHEAD_MS } from './freshness-bound.ts';
import type { CachePolicy } from './policy.ts';
import { respond, RESPONSE_CACHE_HEADERS } from './respond.ts';
import { trustedMarkerState } from './tag-markers.ts';
import { usableEntry } from './usable-entry.ts';
import { requestOrigin } from '../request-origin.ts';

/** What the app decided for a URL, to answer it again without the app. */
export interface RepeatableAnswer {
  key: string;
  tags: readonly string[];
  policy: CachePolicy;
  caching: Record<string, string>;
  operationId: string;
  workspace: string;
  /** The request headers the operation validates (lower case): a request with any goes through the app. */
  validatedHeaders: readonly string[];
}

interface KnownUrl extends RepeatableAnswer {
  origin: string;
  /** Headers the operation chain added around the cache's response (CORS), as last seen. */
  outer: [string, string][];
  /** The headers of a HIT of `headersOf` (its entry) but its age, built once per entry. */
  headersOf?: CacheEntry;
  headers?: Headers;
}

const KNOWN_LIMIT = 1024;
const known = new Map<string, KnownUrl>();
/** Answers the app gave that may be repeated, until the app's response is complete. */
const offered = new WeakMap<Request, { answer: RepeatableAnswer; entryHeaders: Headers }>();

/**
 * The header names an operation validates, when its answer depends on nothing but the URL and
 * those headers; undefined when it may depend on more (rate limits, per-Origin CORS).
 */
export function repeatableRoute(route: RouteConfig): readonly string[] | undefined {
  if ((rateLimitRules[route.operationId ?? ''] ?? []).length > 0 || corsModeOf(route) === 'allowed-origins') return undefined;
  const headers = route.request?.headers;
  const schemas = headers === undefined ? [] : Array.isArray(headers) ? headers : [headers];
  if (!schemas.every((schema) => schema instanceof z.ZodObject)) return undefined;
  return schemas.flatMap((schema) => Object.keys((schema as z.ZodObject).shape)).map((name) => name.toLowerCase());
}

function qualifies(request: Request, validatedHeaders: readonly string[]): boolean {
  return request.method === 'GET' && !hasCredentials(request) && !validatedHeaders.some((name) => request.headers.has(name));
}

/** Called by cached.ts when it answers a qualifying request with a HIT or a stored MISS. */
export function offerRepeatHit(request: Request, answer: RepeatableAnswer, entry: CacheEntry): void {
  if (qualifies(request, answer.validatedHeaders)) offered.set(request, { answer, entryHeaders: entry.headers });
}

/** After the app answered: remembers the URL when its answer was an offered 200. */
export async function rememberRepeatHits(request: Request, response: Response | Promise<Response>): Promise<Response> {
  const res = await response;
  const offer = offered.get(request);
  if (offer && res.status === 200) {
    // Everything but what the cache, the body and the measurement set per response.
    const own = new Set([
      ...RESPONSE_CACHE_HEADERS,
      ...Object.keys(offer.answer.caching).map((n) => n.toLowerCase()),
      'content-length',
      'server-timing',
      'x-request-id',
    ]);
    const outer = [...res.headers].filter(([name]) => !own.has(name) && !offer.entryHeaders.has(name));
    if (known.size >= KNOWN_LIMIT) known.delete(known.keys().next().value!);
    known.set(request.url, { ...offer.answer, origin: requestOrigin(request.url), outer });
  }
  return res;
}

/**
 * What respond() sends for a HIT of the entry, plus the outer headers; built once per entry, its
 * age set per response. A copy of a Headers object is the cheapest way to give a Response many
 * headers (less than half the cost of a list of pairs in workerd, measured with a list's 13).
 */
function hitHeaders(url: KnownUrl, entry: CacheEntry): Headers {
  if (url.headersOf !== entry || !url.headers) {
    const { headers } = respond(entry, { state: 'HIT', ageSeconds: 0, caching: url.caching, tags: url.tags }, undefined);
    for (const [name, value] of url.outer) headers.append(name, value);
    url.headers = headers;
    url.headersOf = entry;
  }
  return url.headers;
}

/** The HIT for a URL answered before, when it can be given now without I/O; otherwise undefined. */
export function repeatHit(request: Request, env: Env, ctx: ExecutionContext): Response | undefined {
  const url = known.get(request.url);
  if (!url || !qualifies(request, url.validatedHeaders)) return undefined;
  const start = performance.now();
  const entry = readMemoryEntry(url.key);
  if (!entry) return undefined;
  const markers = trustedMarkerState(url.origin, url.tags, 'hard');
  const softMarkers = markers === undefined ? undefined : trustedMarkerState(url.origin, url.tags, 'soft');
  if (markers === undefined || softMarkers === undefined) return undefined;
  const at = now();
  const usable = usableEntry(entry, { markers, softMarkers }, sentBookmark(request), at);
  const age = at - entry.producedAt;
  if (!usable || freshness(age, url.policy) !== 'fresh') return undefined;
  // A refresh ahead is due: the app starts it.
  if (usable.softMarkers !== softMarkers && age >= REFRESH_AHEAD_MS) return undefined;

  const ageSeconds = String(Math.floor(age / 1000));
  const headers = new Headers(hitHeaders(url, usable));
  headers.set('Age', ageSeconds);
  headers.set('X-Cache-Age', ageSeconds);
  if (env.METRICS !== 'off') {
    const m = startMeasurement(request);
    m.operation = url.operationId;
    m.workspace = url.workspace;
    m.status = usable.status;
    m.cache = 'HIT';
    m.totalMs = performance.now() - start;
    for (const [name, value] of Object.entries(measurementHeaders(m))) headers.set(name, value);
    recordMeasurement(m, env, ctx);
  }
  return new Response(usable.body, { status: usable.status, headers });
}
