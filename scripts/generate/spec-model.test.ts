import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { repoRoot } from '../lib/paths.ts';
import { emitCachePolicies } from './emit-cache-policies.ts';
import { emitRateLimits } from './emit-rate-limits.ts';
import { emitRoutes } from './emit-routes.ts';
import { checkBindingsDeclared } from './rate-limit-bindings.ts';
import { loadSpec, SpecError } from './spec-model.ts';

type Doc = { paths: Record<string, Record<string, Record<string, unknown>>> };
const specPath = join(repoRoot, 'spec', 'openapi.yaml');

/** The real spec with one change applied, written to a temporary file. */
function specWith(change: (doc: Doc) => void): string {
  const doc = parse(readFileSync(specPath, 'utf8')) as Doc;
  change(doc);
  const file = join(mkdtempSync(join(tmpdir(), 'spec-')), 'openapi.yaml');
  writeFileSync(file, stringify(doc));
  return file;
}

const listFeedback = (doc: Doc) => doc.paths['/api/v1/{workspace}/{board}/feedback']!.get!;
const createFeedback = (doc: Doc) => doc.paths['/api/v1/{workspace}/{board}/feedback']!.post!;

describe('spec model', () => {
  it('loads the project spec', () => {
    const model = loadSpec(specPath);
    expect(model.operations.find((op) => op.operationId === 'listFeedback')?.cache).toMatchObject({ policy: 'feedback-list', ttl: 60, staleWhileRevalidate: 300 });
  });

  it('a new x-cache ttl reaches the generated policy table and the served route with no other edit', () => {
    const model = loadSpec(specWith((doc) => ((listFeedback(doc)['x-cache'] as { ttl: number }).ttl = 45)));
    expect(emitCachePolicies(model)).toContain('"policy":"feedback-list","ttl":45');
    expect(emitRoutes(model)).toContain('"ttl":45');
  });

  it('rejects a misspelt extension key, naming the operation and the field', () => {
    const file = specWith((doc) => ((listFeedback(doc)['x-cache'] as Record<string, unknown>).tll = 60));
    expect(() => loadSpec(file)).toThrow(SpecError);
    expect(() => loadSpec(file)).toThrow(/GET \/api\/v1\/\{workspace\}\/\{board\}\/feedback x-cache/);
  });

  it('rejects an unknown x- key on an operation', () => {
    const file = specWith((doc) => (listFeedback(doc)['x-cahce'] = { ttl: 1 }));
    expect(() => loadSpec(file)).toThrow(/unknown key "x-cahce"/);
  });

  it('rejects a mutation without x-invalidates', () => {
    const file = specWith((doc) => delete createFeedback(doc)['x-invalidates']);
    expect(() => loadSpec(file)).toThrow(/every mutation declares x-invalidates/);
  });

  it('rejects an invalidation of a tag no cached response carries', () => {
    const file = specWith((doc) => (createFeedback(doc)['x-invalidates'] = ['feedback:{workspace}:{board}']));
    expect(() => loadSpec(file)).toThrow(/matches no tag any x-cache response carries/);
  });

  it('rejects a cache tag that uses a value the path does not have', () => {
    const file = specWith((doc) => ((listFeedback(doc)['x-cache'] as { tags: string[] }).tags = ['board:{workspace}:{sort}']));
    expect(() => loadSpec(file)).toThrow(/\{sort\}, which is not a path parameter/);
  });

  it('rejects x-cache on a mutation and a weight above 1 in x-load', () => {
    expect(() => loadSpec(specWith((doc) => (createFeedback(doc)['x-cache'] = { policy: 'x', ttl: 1, tags: ['board:{workspace}:{board}'] })))).toThrow(/x-cache is only for GET/);
    expect(() => loadSpec(specWith((doc) => ((createFeedback(doc)['x-load'] as { weight: number }).weight = 2)))).toThrow(/x-load/);
  });

  it('rejects an x-rate-limit with a period the binding cannot count, a misspelt key, or a subject the request lacks', () => {
    const rule = (r: Record<string, unknown>) => specWith((doc) => (createFeedback(doc)['x-rate-limit'] = [r]));
    expect(() => loadSpec(rule({ key: 'user', limit: 20, period: 30 }))).toThrow(/POST \/api\/v1\/\{workspace\}\/\{board\}\/feedback x-rate-limit: 0\.period/);
    expect(() => loadSpec(rule({ key: 'user', limit: 20, period: 60, burst: 5 }))).toThrow(/x-rate-limit/);
    expect(() => loadSpec(rule({ key: 'apiKey', limit: 20, period: 60 }))).toThrow(/needs the workspaceKey security scheme/);
    const onList = specWith((doc) => (listFeedback(doc)['x-rate-limit'] = [{ key: 'user', limit: 20, period: 60 }]));
    expect(() => loadSpec(onList)).toThrow(/needs an externalUserId/);
  });

  it('a new x-rate-limit limit needs its bindings in wrangler.toml, and reaches the generated rules', () => {
    const model = loadSpec(specWith((doc) => (createFeedback(doc)['x-rate-limit'] = [{ key: 'user', limit: 7, period: 10 }])));
    expect(emitRateLimits(model)).toContain('"binding":"RATE_LIMIT_7_PER_10S","raisedBinding":"RATE_LIMIT_70_PER_10S"');
    const toml = readFileSync(join(repoRoot, 'wrangler.toml'), 'utf8');
    expect(() => checkBindingsDeclared(model, toml)).toThrow(/RATE_LIMIT_7_PER_10S/);
    const declared = `${toml}\n[[ratelimits]]\nname = "RATE_LIMIT_7_PER_10S"\nnamespace_id = "9"\nsimple = { limit = 7, period = 10 }\n\n[[ratelimits]]\nname = "RATE_LIMIT_70_PER_10S"\nnamespace_id = "10"\nsimple = { limit = 70, period = 10 }\n`;
    expect(() => checkBindingsDeclared(model, declared)).not.toThrow();
  });

  it('rejects an operation that does not declare a status the runtime can answer', () => {
    const without = (status: string, op = createFeedback) =>
      specWith((doc) => delete (op(doc).responses as Record<string, unknown>)[status]);
    expect(() => loadSpec(without('415'))).toThrow(/createFeedback: responses must declare 415/);
    expect(() => loadSpec(without('429'))).toThrow(/must declare 429/);
    expect(() => loadSpec(without('405'))).toThrow(/must declare 405/);
    expect(() => loadSpec(without('304', listFeedback))).toThrow(/listFeedback: responses must declare 304/);
    const noEtag = specWith((doc) => delete ((listFeedback(doc).responses as Record<string, { headers: Record<string, unknown> }>)['200']!.headers.ETag));
    expect(() => loadSpec(noEtag)).toThrow(/declares its ETag header/);
  });

  it('rejects x-cors public on a write and x-cors allowed-origins without its 403', () => {
    expect(() => loadSpec(specWith((doc) => (createFeedback(doc)['x-cors'] = 'public')))).toThrow(/x-cors public is only for GET/);
    expect(() => loadSpec(specWith((doc) => (createFeedback(doc)['x-cors'] = 'everyone')))).toThrow(/x-cors/);
    const without403 = specWith((doc) => delete (createFeedback(doc).responses as Record<string, unknown>)['403']);
    expect(() => loadSpec(without403)).toThrow(/declares the 403 a disallowed Origin gets/);
  });
});
