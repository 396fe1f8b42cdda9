/**
 * The size budgets of `entries.ts` against what `npm run build:assets` (run first by `npm test`)
 * wrote; and the check itself, on sizes made up to exceed them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { budgetsOf, exceeded } from './budgets.ts';
import { assetEntries, groupBudgets, type AssetEntry } from './entries.ts';
import { assetsDir, type AssetSummary } from './index.ts';

describe('size budgets', () => {
  it('every built asset is within its budget (brotli)', () => {
    const built = JSON.parse(readFileSync(join(assetsDir, 'manifest.json'), 'utf8')) as AssetSummary[];
    const budgets = budgetsOf(
      built.map((a) => ({ entry: a.entry, brotliBytes: a.encodings.br.bytes })),
      assetEntries,
      groupBudgets,
    );
    expect(budgets.length).toBeGreaterThanOrEqual(2);
    expect(exceeded(budgets)).toEqual([]);
  });

  it('fails an entry or a group over its budget, and a budget naming nothing built', () => {
    const entries: AssetEntry[] = [
      { kind: 'stable', path: '/loader.js', source: 'loader.ts', budgetBrotliBytes: 1024 },
      { kind: 'hashed', name: 'app', source: 'app.ts' },
    ];
    const groups = [{ name: 'all', entries: ['/loader.js', 'app'], budgetBrotliBytes: 2000 }];
    const over = exceeded(budgetsOf([{ entry: '/loader.js', brotliBytes: 1025 }, { entry: 'app', brotliBytes: 900 }], entries, groups));
    expect(over.map((b) => b.name)).toEqual(['/loader.js']);
    const groupOver = exceeded(budgetsOf([{ entry: '/loader.js', brotliBytes: 1000 }, { entry: 'app', brotliBytes: 1001 }], entries, groups));
    expect(groupOver).toEqual([{ name: 'all', budgetBrotliBytes: 2000, brotliBytes: 2001 }]);
    expect(() => budgetsOf([{ entry: 'app', brotliBytes: 1 }], entries, groups)).toThrow('/loader.js');
  });
});
