/**
 * @module
 * Every asset the Worker serves, one line each. A `hashed` entry is bundled to
 * `/{name}.{hash}.{js|css}` (immutable, cached for a year); a `stable` entry keeps its path (a
 * loader script or an HTML page, revalidated after a few minutes) and may name hashed entries'
 * current URLs: scripts read them from `ASSET_URLS`, HTML pages from `{{asset:name}}` placeholders.
 * Budgets are brotli bytes, checked after every build by the budget test.
 */
export type AssetEntry =
  | { kind: 'hashed'; name: string; source: string; budgetBrotliBytes?: number }
  | { kind: 'stable'; path: string; source: string; budgetBrotliBytes?: number };

/** How budgets and groups name an entry: a hashed entry by its name, a stable one by its path. */
export function entryId(entry: AssetEntry): string {
  return entry.kind === 'hashed' ? entry.name : entry.path;
}

export const assetEntries: readonly AssetEntry[] = [
  { kind: 'hashed', name: 'widget', source: 'widget/main.ts' },
  { kind: 'stable', path: '/widget.js', source: 'widget/loader.ts', budgetBrotliBytes: 1024 },
  { kind: 'stable', path: '/widget/demo', source: 'widget/demo.html' },
  { kind: 'hashed', name: 'dashboard', source: 'dashboard/main.ts', budgetBrotliBytes: 30 * 1024 },
  { kind: 'hashed', name: 'dashboard-styles', source: 'dashboard/styles.css', budgetBrotliBytes: 4 * 1024 },
  { kind: 'stable', path: '/dashboard', source: 'dashboard/index.html' },
];

/** Budgets over entries served together (brotli bytes, summed), named by `entryId`. */
export const groupBudgets: readonly { name: string; entries: readonly string[]; budgetBrotliBytes: number }[] = [
  { name: 'the whole widget (loader and bundle)', entries: ['/widget.js', 'widget'], budgetBrotliBytes: 15 * 1024 },
];
