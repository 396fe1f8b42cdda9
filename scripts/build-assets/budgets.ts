/**
 * @module
 * Size budgets (brotli bytes) of built assets: per entry (`budgetBrotliBytes`) and per group of
 * entries served together. Returns every budget exceeded, so a test can name them all.
 */
import type { AssetEntry } from './entries.ts';
import { entryId } from './entries.ts';

export interface BuiltSize {
  entry: string;
  brotliBytes: number;
}

export interface Budget {
  name: string;
  budgetBrotliBytes: number;
  brotliBytes: number;
}

export function budgetsOf(
  built: readonly BuiltSize[],
  entries: readonly AssetEntry[],
  groups: readonly { name: string; entries: readonly string[]; budgetBrotliBytes: number }[],
): Budget[] {
  const sizeOf = (id: string): number => {
    const sizes = built.filter((b) => b.entry === id);
    if (sizes.length === 0) throw new Error(`a budget names "${id}", which was not built`);
    return sizes.reduce((sum, b) => sum + b.brotliBytes, 0);
  };
  const budgets: Budget[] = [];
  for (const entry of entries) {
    if (entry.budgetBrotliBytes !== undefined) {
      budgets.push({ name: entryId(entry), budgetBrotliBytes: entry.budgetBrotliBytes, brotliBytes: sizeOf(entryId(entry)) });
    }
  }
  for (const group of groups) {
    budgets.push({ name: group.name, budgetBrotliBytes: group.budgetBrotliBytes, brotliBytes: group.entries.reduce((sum, id) => sum + sizeOf(id), 0) });
  }
  return budgets;
}

export function exceeded(budgets: readonly Budget[]): Budget[] {
  return budgets.filter((b) => b.brotliBytes > b.budgetBrotliBytes);
}
