/**
 * Scripts that talk to a running server agree with `npm start` on where it is: none reads PORT or
 * spells a local address with a port itself; they take their default from `scripts/lib/server-url.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../lib/paths.ts';

function sources(dir: string): string[] {
  return readdirSync(join(repoRoot, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(repoRoot, dir, f));
}

/** Doc comments may say what the default is. */
const isComment = (line: string) => /^\s*(\*|\/\/)/.test(line);

describe('server defaults', () => {
  it('no script reads PORT or hard-codes a local server address but scripts/lib/server-url.ts', () => {
    const pattern = /\benv\.PORT\b|\b(127\.0\.0\.1|localhost):\d/;
    const offenders = [...sources('scripts'), ...sources('load/driver')]
      .filter((file) => !file.endsWith(join('scripts', 'lib', 'server-url.ts')))
      .flatMap((file) =>
        readFileSync(file, 'utf8').split('\n').flatMap((line, i) => (pattern.test(line) && !isComment(line) ? [`${relative(repoRoot, file)}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(offenders).toEqual([]);
  });
});
