/**
 * @module
 * The fuzz cases of one operation, generated from its spec entry with a seeded PRNG: every request
 * is wrong in at least one place (a path value, a query value, the body, its media type, the
 * method, or the credentials), so none may succeed or change anything.
 */
import spec from '../../generated/spec.json';
import { allowedMethods } from '../../src/lib/allowed-methods.ts';
import { badIntegers, badSlugs, invalidValues, resolve, validValue, type Schema } from './values.ts';

export interface FuzzRequest {
  what: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface Credentials {
  /** Authorization for this operation when it needs one; undefined for public operations. */
  authorization?: string;
  /** Values that are wrong for this operation's security, with what each is. */
  wrong: { what: string; authorization?: string }[];
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}

export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
  responses: string[];
  security: Record<string, string[]>[];
}

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;
const documentRefs = spec as unknown as Record<string, Record<string, Record<string, unknown>>>;

function resolveParameter(p: unknown): Parameter {
  const ref = (p as { $ref?: string }).$ref;
  return (ref ? documentRefs.components!.parameters![ref.split('/').pop()!] : p) as Parameter;
}

export function specOperations(): SpecOperation[] {
  return Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
    methods.filter((m) => item[m]).map((method) => {
      const op = item[method] as Record<string, unknown>;
      const body = (op.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)?.content?.['application/json']?.schema;
      return {
        operationId: op.operationId as string,
        method: method.toUpperCase(),
        path,
        parameters: [...((item.parameters ?? []) as unknown[]), ...((op.parameters ?? []) as unknown[])].map(resolveParameter),
        body,
        responses: Object.keys(op.responses as object),
        security: (op.security ?? []) as Record<string, string[]>[],
      };
    }),
  );
}

function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '1');
}

function queryString(values: Record<string, string>): string {
  const entries = Object.entries(values);
  return entries.length === 0 ? '' : `?${entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

/** Junk text of every kind: long, astral, right-to-left, control and zero-width characters. */
function junk(random: () => number): string {
  const pieces = ['\u0000', '\u202e', '\u{1F4A9}', 'é', '\ud800', '"', '\\', '</script>', ' ', '\u200b', 'DROP TABLE feedback_items;--'];
  return Array.from({ length: 1 + Math.floor(random() * 40) }, () => pick(pieces, random)).join('');
}

export const MIN_CASES = 40;

export function fuzzCases(op: SpecOperation, valid: Record<string, string>, credentials: Credentials, random: () => number): FuzzRequest[] {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const validQuery = Object.fromEntries(queryParams.filter((p) => p.required).map((p) => [p.name, String(validValue(p.schema))]));
  const validBody = op.body ? validValue(op.body) : undefined;
  const baseHeaders: Record<string, string> = credentials.authorization ? { Authorization: credentials.authorization } : {};
  const cases: FuzzRequest[] = [];
  const add = (what: string, parts: { path?: string; query?: Record<string, string>; headers?: Record<string, string>; body?: string | null; method?: string }) => {
    const headers = { ...baseHeaders, ...parts.headers };
    const body = parts.body === null ? undefined : (parts.body ?? (validBody === undefined ? undefined : JSON.stringify(validBody)));
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
    cases.push({ what, method: parts.method ?? op.method, path: (parts.path ?? fillPath(op.path, valid)) + queryString(parts.query ?? validQuery), headers, body });
  };

  for (const p of pathParams) {
    const schema = resolve(p.schema);
    // Free strings (an externalUserId) are wrong only by length: other spellings would be valid.
    const freeStrings = invalidValues(schema, random).filter((v): v is string => typeof v === 'string' && v !== '').map(encodeURIComponent);
    const bads = schema.type === 'integer' ? badIntegers : typeof schema.pattern === 'string' ? badSlugs : freeStrings;
    for (const bad of bads) add(`path ${p.name}=${bad.slice(0, 20)}`, { path: fillPath(op.path, { ...valid, [p.name]: bad }) });
  }

  if (queryParams.length > 0) add('unknown query parameter', { query: { ...validQuery, utm_source: 'fuzz' } });
  for (const p of queryParams) {
    const schema = resolve(p.schema);
    const bads: string[] = schema.type === 'integer' ? badIntegers : [...invalidValues(schema, random).filter((v): v is string => typeof v === 'string'), 'x'.repeat(600)];
    if (p.name === 'cursor') bads.push('AAAA', 'not-a-cursor', btoa('{"k":1}'), `${btoa('{"sort":"x"}')}.forged`);
    for (const bad of bads) add(`query ${p.name}=${bad.slice(0, 20)}`, { query: { ...validQuery, [p.name]: bad } });
    if (p.required) add(`query ${p.name} missing`, { query: Object.fromEntries(Object.entries(validQuery).filter(([k]) => k !== p.name)) });
  }

  for (const p of op.parameters.filter((x) => x.in === 'header' && x.name === 'X-User-Token')) {
    for (const token of ['garbage', 'a.b', 'a.b.c', 'x'.repeat(3000), `${btoa('{"sub":"Fuzz value"}')}.forged-signature`]) {
      add(`X-User-Token ${token.slice(0, 12)}`, { headers: { 'X-User-Token': token } });
    }
  }

  if (op.body) {
    const body = resolve(op.body);
    for (const text of ['{"title": ', '{', '[1, 2', '{"a":1}}', '\u0000', '']) add(`malformed JSON ${JSON.stringify(text)}`, { body: text });
    for (const value of [[], null, 42, 'text', true, [validBody]]) add(`JSON ${JSON.stringify(value)}`, { body: JSON.stringify(value) });
    add('unknown field', { body: JSON.stringify({ ...(validBody as object), surprise: junk(random) }) });
    add('huge body', { body: JSON.stringify({ ...(validBody as object), padding: 'x'.repeat(70 * 1024) }) });
    for (const required of (body.required ?? []) as string[]) {
      const { [required]: _, ...rest } = validBody as Record<string, unknown>;
      add(`missing ${required}`, { body: JSON.stringify(rest) });
    }
    for (const [name, property] of Object.entries((body.properties ?? {}) as Record<string, Schema>)) {
      for (const value of invalidValues(property, random)) {
        add(`body ${name}=${JSON.stringify(value)?.slice(0, 20)}`, { body: JSON.stringify({ ...(validBody as object), [name]: value }) });
      }
    }
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json-patch']) {
      add(`Content-Type ${type}`, { headers: { 'Content-Type': type } });
    }
  }

  for (const wrong of credentials.wrong) {
    const headers: Record<string, string> = wrong.authorization === undefined ? {} : { Authorization: wrong.authorization };
    cases.push({ ...casesBase(op, valid, validQuery, validBody), headers: { ...headers, ...(validBody === undefined ? {} : { 'Content-Type': 'application/json' }) }, what: `credentials: ${wrong.what}` });
  }

  // Methods no operation of this path (or of any path the URL also matches) supports: 405.
  const concrete = fillPath(op.path, valid);
  const unsupported = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].filter((m) => !allowedMethods(concrete).includes(m));
  for (let i = 0; cases.length < MIN_CASES || i < unsupported.length; i++) {
    const method = unsupported[i % unsupported.length]!;
    const body = method === 'GET' ? null : JSON.stringify({ junk: junk(random) });
    add(`method ${method}`, { method, body });
  }
  return cases;
}

function casesBase(op: SpecOperation, valid: Record<string, string>, query: Record<string, string>, body: unknown): Omit<FuzzRequest, 'what' | 'headers'> {
  return { method: op.method, path: fillPath(op.path, valid) + queryString(query), body: body === undefined ? undefined : JSON.stringify(body) };
}
