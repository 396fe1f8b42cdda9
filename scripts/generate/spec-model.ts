/**
 * @module
 * Reads `spec/openapi.yaml` into the model every emitter works from, and validates the vendor
 * extensions (`x-cache`, `x-invalidates`, `x-slo`, `x-load`, `x-cors`). A typo in an extension is a
 * generation error, never a silent default.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

const tagTemplate = z
  .string()
  .regex(/^[a-z][a-z-]*(:(\{[A-Za-z]+\}|[a-z0-9-]+))+$/, 'a tag template is kind:{param}[:{param}…]');

const cacheExtension = z.strictObject({
  policy: z.string().regex(/^[a-z][a-z-]*$/),
  ttl: z.number().int().positive(),
  staleWhileRevalidate: z.number().int().nonnegative().default(0),
  /** How long past expiry a stale copy may stand in for a failing database. */
  staleIfError: z.number().int().nonnegative().default(86_400),
  tags: z.array(tagTemplate).min(1),
});

const latency = z.number().positive();
const sloExtension = z.strictObject({
  p95Ms: z.union([latency, z.strictObject({ cached: latency, uncached: latency })]),
  errorRate: z.number().min(0).max(1),
});

const loadExtension = z.strictObject({
  /** Probability that a virtual user runs this operation in one iteration. */
  weight: z.number().gt(0).max(1),
  /** Seconds the virtual user waits after the request. */
  thinkTime: z.number().nonnegative(),
  /** Request body; `{user}` becomes the virtual user's id for the iteration. */
  body: z.record(z.string(), z.unknown()).optional(),
});

/** The Workers Rate Limiting binding counts in windows of 10 or 60 seconds only. */
const rateLimitRule = z.strictObject({
  /** What is counted: the client IP (requests without an API key), the end user (externalUserId), or the API key. */
  key: z.enum(['ip', 'user', 'apiKey']),
  limit: z.number().int().positive(),
  period: z.union([z.literal(10), z.literal(60)]),
});
const rateLimitExtension = z.array(rateLimitRule).min(1).refine(
  (rules) => new Set(rules.map((r) => r.key)).size === rules.length,
  'one rule per key',
);

export type RateLimitRule = z.infer<typeof rateLimitRule>;
/**
 * Who may call an operation from a browser on another origin: `public` (any origin, no
 * credentials; GETs only) or `allowed-origins` (only the workspace's widget `allowedOrigins`,
 * so it must declare the 403 a disallowed origin gets). Without it, no CORS headers at all.
 */
const corsExtension = z.enum(['public', 'allowed-origins']);

export type CacheExtension = z.infer<typeof cacheExtension>;
export type CorsExtension = z.infer<typeof corsExtension>;
export type SloExtension = z.infer<typeof sloExtension>;
export type LoadExtension = z.infer<typeof loadExtension>;

export const httpMethods = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type HttpMethod = (typeof httpMethods)[number];

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface Response {
  status: string;
  description: string;
  contentType?: string;
  schema?: JsonSchema;
  headers: Record<string, { description?: string; schema: JsonSchema }>;
}

export interface Operation {
  operationId: string;
  method: HttpMethod;
  path: string;
  tags: string[];
  summary?: string;
  description?: string;
  security?: Array<Record<string, string[]>>;
  parameters: Parameter[];
  requestBody?: { required: boolean; schema: JsonSchema };
  responses: Response[];
  cache?: CacheExtension;
  invalidates?: string[];
  slo: SloExtension;
  load?: LoadExtension;
  rateLimits?: RateLimitRule[];
  cors?: CorsExtension;
  /** The x-* values exactly as written, for the served document. */
  extensions: Record<string, unknown>;
}

export interface SpecModel {
  /** The document as parsed, for emitters that want it whole (client types, spec copy). */
  document: Record<string, unknown>;
  info: { title: string; version: string; description?: string };
  schemas: Record<string, JsonSchema>;
  operations: Operation[];
  defaultSlo: SloExtension;
}

export class SpecError extends Error {
  constructor(where: string, problem: string) {
    super(`${where}: ${problem}`);
    this.name = 'SpecError';
  }
}

const knownOperationKeys = new Set([
  'operationId', 'tags', 'summary', 'description', 'parameters', 'requestBody', 'responses', 'security',
  'x-cache', 'x-invalidates', 'x-slo', 'x-load', 'x-rate-limit', 'x-cors',
]);

function parseExtension<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new SpecError(where, issues.join('; '));
  }
  return result.data;
}

function resolveRef<T>(document: Record<string, unknown>, value: T): T {
  const ref = (value as { $ref?: unknown } | undefined)?.$ref;
  if (typeof ref !== 'string' || ref.startsWith('#/components/schemas/')) return value;
  const target = ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
  if (target === undefined) throw new SpecError(ref, 'unresolved $ref');
  return target as T;
}

function templateParams(template: string): string[] {
  return [...template.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]!);
}

export function loadSpec(path: string): SpecModel {
  const document = parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const components = (document.components ?? {}) as Record<string, Record<string, unknown>>;
  const schemas = (components.schemas ?? {}) as Record<string, JsonSchema>;
  const defaultSlo = parseExtension(sloExtension, document['x-slo'], 'x-slo (document)');
  const paths = (document.paths ?? {}) as Record<string, Record<string, unknown>>;
  const operations: Operation[] = [];
  const seenIds = new Set<string>();

  for (const [path, item] of Object.entries(paths)) {
    const shared = ((item.parameters ?? []) as unknown[]).map((p) => resolveRef(document, p));
    for (const method of httpMethods) {
      const raw = item[method] as Record<string, unknown> | undefined;
      if (!raw) continue;
      const where = `${method.toUpperCase()} ${path}`;
      for (const key of Object.keys(raw)) {
        if (!knownOperationKeys.has(key)) throw new SpecError(where, `unknown key "${key}"`);
      }
      const operationId = raw.operationId;
      if (typeof operationId !== 'string' || !/^[a-z][A-Za-z0-9]*$/.test(operationId)) {
        throw new SpecError(where, 'operationId must be a camelCase identifier');
      }
      if (seenIds.has(operationId)) throw new SpecError(where, `duplicate operationId ${operationId}`);
      seenIds.add(operationId);

      const own = ((raw.parameters ?? []) as unknown[]).map((p) => resolveRef(document, p));
      const parameters = [...shared, ...own].map((p) => p as Parameter).map((p) => ({
        name: p.name,
        in: p.in,
        required: p.in === 'path' ? true : Boolean(p.required),
        description: p.description,
        schema: p.schema,
      }));
      const pathParams = templateParams(path);
      for (const name of pathParams) {
        if (!parameters.some((p) => p.in === 'path' && p.name === name)) {
          throw new SpecError(where, `path parameter {${name}} is not declared`);
        }
      }

      const body = raw.requestBody as { required?: boolean; content?: Record<string, { schema: JsonSchema }> } | undefined;
      const bodySchema = body?.content?.['application/json']?.schema;
      if (body && !bodySchema) throw new SpecError(where, 'request bodies must be application/json');

      const responses = Object.entries((raw.responses ?? {}) as Record<string, unknown>).map(([status, r]) => {
        const resolved = resolveRef(document, r) as {
          description: string;
          content?: Record<string, { schema: JsonSchema }>;
          headers?: Record<string, unknown>;
        };
        const [contentType, media] = Object.entries(resolved.content ?? {})[0] ?? [];
        const headers = Object.fromEntries(
          Object.entries(resolved.headers ?? {}).map(([name, h]) => [name, resolveRef(document, h) as Response['headers'][string]]),
        );
        return { status, description: resolved.description, contentType, schema: media?.schema, headers };
      });
      if (!responses.some((r) => r.status.startsWith('2'))) throw new SpecError(where, 'no success response');

      const cache = raw['x-cache'] === undefined ? undefined : parseExtension(cacheExtension, raw['x-cache'], `${where} x-cache`);
      if (cache && method !== 'get') throw new SpecError(where, 'x-cache is only for GET');
      const invalidates = raw['x-invalidates'] === undefined
        ? undefined
        : parseExtension(z.array(tagTemplate), raw['x-invalidates'], `${where} x-invalidates`);
      if (method !== 'get' && invalidates === undefined) {
        throw new SpecError(where, 'every mutation declares x-invalidates (an empty list when it makes nothing stale)');
      }
      if (method === 'get' && invalidates !== undefined) throw new SpecError(where, 'x-invalidates is for mutations');
      const slo = raw['x-slo'] === undefined ? defaultSlo : parseExtension(sloExtension, raw['x-slo'], `${where} x-slo`);
      const load = raw['x-load'] === undefined ? undefined : parseExtension(loadExtension, raw['x-load'], `${where} x-load`);
      const rateLimits = raw['x-rate-limit'] === undefined
        ? undefined
        : parseExtension(rateLimitExtension, raw['x-rate-limit'], `${where} x-rate-limit`);
      const cors = raw['x-cors'] === undefined ? undefined : parseExtension(corsExtension, raw['x-cors'], `${where} x-cors`);
      if (cors === 'public' && method !== 'get') throw new SpecError(where, 'x-cors public is only for GET');
      if (cors === 'allowed-origins' && !responses.some((r) => r.status === '403')) {
        throw new SpecError(where, 'x-cors allowed-origins declares the 403 a disallowed Origin gets');
      }

      operations.push({
        operationId,
        method,
        path,
        tags: (raw.tags ?? []) as string[],
        summary: raw.summary as string | undefined,
        description: raw.description as string | undefined,
        security: raw.security as Operation['security'],
        parameters,
        requestBody: bodySchema ? { required: body?.required ?? false, schema: bodySchema } : undefined,
        responses,
        cache,
        invalidates,
        slo,
        load,
        rateLimits,
        cors,
        extensions: Object.fromEntries(Object.entries(raw).filter(([key]) => key.startsWith('x-'))),
      });
    }
  }

  checkTagsAreCarried(operations);
  for (const op of operations) {
    checkRateLimitKeys(op, schemas);
    checkDeclaredStatuses(op);
  }
  const info = document.info as SpecModel['info'];
  return { document, info, schemas, operations, defaultSlo };
}

/**
 * Carried by every cached response besides its own tags (src/lib/cache/tags.ts): invalidating it
 * makes the whole workspace's cache stale, for changes no narrower tag covers.
 */
export const WORKSPACE_TAG = 'workspace:{workspace}';

/** An invalidation is useful only if some cached response carries a tag of that kind. */
function checkTagsAreCarried(operations: Operation[]): void {
  const kind = (template: string) => template.replace(/\{[A-Za-z]+\}/g, '{}');
  const carried = new Set([...operations.flatMap((op) => op.cache?.tags ?? []), WORKSPACE_TAG].map(kind));
  for (const op of operations) {
    for (const tag of op.invalidates ?? []) {
      if (!carried.has(kind(tag))) {
        throw new SpecError(op.operationId, `x-invalidates "${tag}" matches no tag any x-cache response carries`);
      }
    }
    for (const tag of op.cache?.tags ?? []) {
      for (const name of templateParams(tag)) {
        if (!op.parameters.some((p) => p.in === 'path' && p.name === name)) {
          throw new SpecError(op.operationId, `cache tag "${tag}" uses {${name}}, which is not a path parameter`);
        }
      }
    }
  }
}

/** Template variables of an invalidation that the path does not supply: the handler must. */
export function handlerTagParams(op: Operation): string[] {
  const fromPath = new Set(op.parameters.filter((p) => p.in === 'path').map((p) => p.name));
  const names = (op.invalidates ?? []).flatMap(templateParams).filter((n) => !fromPath.has(n));
  return [...new Set(names)].sort();
}

function hasScheme(op: Operation, scheme: string): boolean {
  return (op.security ?? []).some((alternative) => scheme in alternative);
}

/** Where the end user of a request is named: the body or the query's `externalUserId`. */
export function endUserSource(op: Operation, schemas: SpecModel['schemas']): 'body' | 'query' | undefined {
  const ref = op.requestBody?.schema.$ref;
  const body = typeof ref === 'string' ? schemas[ref.replace('#/components/schemas/', '')] : op.requestBody?.schema;
  if (body && 'externalUserId' in ((body.properties ?? {}) as Record<string, unknown>)) return 'body';
  if (op.parameters.some((p) => p.in === 'query' && p.name === 'externalUserId')) return 'query';
  return undefined;
}

/** A rule can only count what the request carries. */
function checkRateLimitKeys(op: Operation, schemas: SpecModel['schemas']): void {
  for (const rule of op.rateLimits ?? []) {
    if (rule.key === 'apiKey' && !hasScheme(op, 'workspaceKey')) {
      throw new SpecError(op.operationId, 'x-rate-limit key "apiKey" needs the workspaceKey security scheme');
    }
    if (rule.key === 'user' && !endUserSource(op, schemas)) {
      throw new SpecError(op.operationId, 'x-rate-limit key "user" needs an externalUserId in the body or the query');
    }
  }
}

/**
 * Every status the runtime can answer must be declared: the router answers 405 on any known path,
 * validation 400, the body limit and parser 413 and 415, the cache 304, credentials 401/403,
 * an unknown workspace 404, a rate limit 429 and, for everything that reads the database, 503.
 */
function checkDeclaredStatuses(op: Operation): void {
  const required = new Set(['405']);
  const takesInput = op.parameters.length > 0 || op.requestBody !== undefined;
  if (takesInput) required.add('400');
  if (op.requestBody) ['413', '415'].forEach((s) => required.add(s));
  if (op.cache) required.add('304');
  if (hasScheme(op, 'workspaceKey') || hasScheme(op, 'platformToken') || op.parameters.some((p) => p.in === 'header' && p.name === 'X-User-Token')) required.add('401');
  // A key of another workspace, or platform operations switched off.
  if (hasScheme(op, 'workspaceKey') || hasScheme(op, 'platformToken')) required.add('403');
  if (op.path.includes('{workspace}')) required.add('404');
  if (op.rateLimits) required.add('429');
  if (op.path.startsWith('/api/')) required.add('503');
  const declared = new Set(op.responses.map((r) => r.status));
  const missing = [...required].filter((s) => !declared.has(s)).sort();
  if (missing.length > 0) throw new SpecError(op.operationId, `responses must declare ${missing.join(', ')}`);
  if (op.cache) {
    const ok = op.responses.find((r) => r.status === '200');
    if (!ok?.headers.ETag) throw new SpecError(op.operationId, 'a cached 200 declares its ETag header');
    if (!op.parameters.some((p) => p.in === 'header' && p.name === 'If-None-Match')) {
      throw new SpecError(op.operationId, 'a cached GET declares the If-None-Match header');
    }
  }
}
