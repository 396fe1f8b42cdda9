/**
 * The browser code (the widget, the dashboard) reaches the network only through the generated
 * typed client: no source file calls fetch, XMLHttpRequest, sendBeacon, EventSource or WebSocket,
 * or imports openapi-fetch itself, and the one module that talks to the API imports
 * generated/client.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../lib/paths.ts';

const FORBIDDEN = [/\bfetch\s*\(/, /\bXMLHttpRequest\b/, /\bsendBeacon\b/, /\bEventSource\b/, /\bWebSocket\b/, /from\s+['"]openapi-fetch['"]/, /\bimport\s*\(/];

function directRequests(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return FORBIDDEN.filter((pattern) => pattern.test(code)).map(String);
}

describe.each(['widget', 'dashboard'])('%s sources', (folder) => {
  const dir = join(repoRoot, folder);
  const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

  it('make no request except through the generated client', () => {
    expect(sources.length).toBeGreaterThan(5);
    for (const file of sources) expect([file, directRequests(readFileSync(join(dir, file), 'utf8'))]).toEqual([file, []]);
    expect(readFileSync(join(dir, 'api.ts'), 'utf8')).toContain("from '../generated/client.ts'");
  });
});

describe('the direct-request check', () => {
  it('catches a hand-written request', () => {
    expect(directRequests("const r = await fetch('/api/v1/demo/main/feedback');")).not.toEqual([]);
    expect(directRequests('new XMLHttpRequest()')).not.toEqual([]);
    expect(directRequests("import createClient from 'openapi-fetch';")).not.toEqual([]);
    expect(directRequests('// fetch( in a comment is fine\nconst x = 1;')).toEqual([]);
  });
});
