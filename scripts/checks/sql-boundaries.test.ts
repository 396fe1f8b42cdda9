/**
 * The SQL boundaries, checked on the source: handlers hold no SQL (they call query modules), and
 * query modules never splice text into SQL (no sql.raw / sql.ref / sql.id / sql.table / sql.lit,
 * no prepare() of a built string). Values are always bound parameters.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../lib/paths.ts';

function sources(dir: string): { file: string; text: string }[] {
  const path = join(repoRoot, dir);
  return readdirSync(path)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => ({ file: `${dir}/${f}`, text: readFileSync(join(path, f), 'utf8') }));
}

function offenders(files: { file: string; text: string }[], pattern: RegExp): string[] {
  return files.flatMap(({ file, text }) =>
    text.split('\n').flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe('SQL boundaries', () => {
  it('handlers contain no SQL and no query building', () => {
    const pattern = /\b(selectFrom|insertInto|updateTable|deleteFrom|prepare)\s*\(|\bsql\s*`|from 'kysely'/;
    expect(offenders(sources('src/handlers'), pattern)).toEqual([]);
  });

  it('query modules never splice text into SQL', () => {
    const pattern = /\bsql\.(raw|ref|id|table|lit|join)\s*\(|\.prepare\s*\(/;
    // client.ts and group-commit.ts prepare compiled kysely queries; d1-usage.ts forwards prepare()
    // to measure it, session.ts to the request's D1 session.
    const bindingLayer = ['src/db/client.ts', 'src/db/group-commit.ts', 'src/db/d1-usage.ts', 'src/db/session.ts'];
    expect(offenders([...sources('src/queries'), ...sources('src/db')].filter((s) => !bindingLayer.includes(s.file)), pattern)).toEqual([]);
  });

  it('sql template literals in query modules interpolate only values (bound parameters)', () => {
    // `${…}` inside sql`` becomes a bound parameter unless it is a raw fragment; flag any raw-looking use.
    const pattern = /\bsql(<[^>]*>)?`[^`]*\$\{[^}]*(raw|\.join\(|String\()/;
    expect(offenders(sources('src/queries'), pattern)).toEqual([]);
  });
});
