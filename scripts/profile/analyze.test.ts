import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeProfile, type CpuProfile } from './analyze.ts';
import { bundleModules } from './bundle-modules.ts';

const bundle = ['// prelude', '// node_modules/hono/dist/router/trie-router/node.js', 'route()', '// src/handlers/votes.ts', 'vote()', '// src/lib/cache/cached.ts', 'cached()'].join('\n');

describe('profile analysis', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'bundle-')), 'index.js');
  writeFileSync(file, bundle);
  const moduleAt = bundleModules(file);

  it('maps a bundle line to the module whose comment precedes it', () => {
    expect(moduleAt(0)).toBe('(bundle prelude)');
    expect(moduleAt(2)).toBe('node_modules/hono/dist/router/trie-router/node.js');
    expect(moduleAt(4)).toBe('src/handlers/votes.ts');
    expect(moduleAt(6)).toBe('src/lib/cache/cached.ts');
  });

  it('sums self time by category; natives count for their caller unless they are JSON or crypto; idle apart', () => {
    const frame = (id: number, functionName: string, url: string, lineNumber: number, children: number[] = []) => ({ id, callFrame: { functionName, url, lineNumber }, children });
    const profile: CpuProfile = {
      nodes: [
        frame(1, '(root)', '', 0, [2, 3, 6]),
        frame(2, 'route', 'file:///dist/index.js', 2, [4]),
        frame(3, '(idle)', '', 0),
        frame(4, 'vote', 'file:///dist/index.js', 4, [5, 7]),
        frame(5, 'stringify', '', 0),
        frame(6, '(garbage collector)', '', 0),
        frame(7, 'put', '', 0),
      ],
      startTime: 0,
      endTime: 10_000,
      // One sample per node, 1 ms each (timeDeltas[i + 1] is sample i's duration).
      samples: [2, 3, 4, 5, 6, 7],
      timeDeltas: [0, 1000, 1000, 1000, 1000, 1000, 1000],
    };
    const summary = analyzeProfile(profile, moduleAt, (url) => url.endsWith('index.js'));
    expect(summary.idleMs).toBe(1);
    expect(summary.busyMs).toBe(5);
    expect(summary.byCategory).toEqual({ routing: 1, handlers: 2, serialization: 1, 'runtime (GC, program)': 1 });
    expect(summary.unsampledMs).toBe(0);
  });

  it('charges a sample at most four median intervals; the rest of a long gap is unsampled', () => {
    const frame = (id: number, functionName: string, url: string, lineNumber: number, children: number[] = []) => ({ id, callFrame: { functionName, url, lineNumber }, children });
    const profile: CpuProfile = {
      nodes: [frame(1, '(root)', '', 0, [2, 3]), frame(2, 'route', 'file:///dist/index.js', 2), frame(3, 'fetch', '', 0)],
      startTime: 0,
      endTime: 30_000,
      // The thread left the isolate after `fetch` for 25 ms.
      samples: [2, 3, 2, 2],
      timeDeltas: [0, 1000, 25_000, 1000, 1000],
    };
    const summary = analyzeProfile(profile, moduleAt, (url) => url.endsWith('index.js'));
    expect(summary.busyMs).toBe(4 + 3);
    expect(summary.unsampledMs).toBe(21);
  });
});
