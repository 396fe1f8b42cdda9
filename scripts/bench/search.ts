/**
 * @module
 * The search benchmark: each search text through the whole path a request takes (the last word's
 * prefix lookup, near spellings when it matches nothing, then the ranked page), with the same
 * query functions and expression builder as the handlers, on node:sqlite.
 */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { Db } from '../../src/db/client.ts';
import { matchExpression, nearSpellings, prefixRange, searchWords, significantWords, spellingRange, wantsTypoTolerance } from '../../src/lib/search-expression.ts';
import { searchVisibleFeedbackQuery, termsInRangeQuery, termWithPrefixQuery } from '../../src/queries/search.ts';
import { SPELLING_CANDIDATES } from '../../src/handlers/search.ts';
import { summarize, type Timing } from './timing.ts';

/** What people type: common and rare words, two and three words, unfinished and misspelt last words. */
export const SEARCH_TEXTS = [
  'dark',
  'dark mode',
  'export csv',
  'slack webhooks',
  'keyboard shortcuts',
  'audit log',
  'calendar sync offline',
  'okta sso roles',
  'keyb',
  'dark mo',
  'reports filt',
  'keybaord',
  'shrotcuts',
  'calender',
];

type Compilable = { compile(): { sql: string; parameters: readonly unknown[] } };

function run(sqlite: DatabaseSync, query: Compilable) {
  const { sql, parameters } = query.compile();
  return sqlite.prepare(sql).all(...(parameters as SQLInputValue[]));
}

/** One search as the handler runs it; returns the page's rows. */
function searchOnce(sqlite: DatabaseSync, db: Db, boardId: number, text: string, mode: 'all' | 'any', rows: number): number {
  const all = searchWords(text);
  const words = mode === 'any' ? significantWords(all) : all;
  const last = words.at(-1)!;
  let spellings: string[] = [];
  if (wantsTypoTolerance(last) && run(sqlite, termWithPrefixQuery(db, prefixRange(last))).length === 0) {
    const terms = run(sqlite, termsInRangeQuery(db, spellingRange(last), SPELLING_CANDIDATES)).map((r) => ({ term: String(r.term), doc: Number(r.doc) }));
    spellings = nearSpellings(last, terms);
  }
  return run(sqlite, searchVisibleFeedbackQuery(db, { boardId, match: matchExpression(words, mode, spellings), rows })).length;
}

export function benchSearch(sqlite: DatabaseSync, db: Db, boardId: number, runs: number, limit: number): { timings: Timing[]; overall: Timing } {
  const timings: Timing[] = [];
  const everySample: number[] = [];
  for (const [mode, label, rows] of [['all', 'search q=', limit + 1], ['any', 'similar title=', 5]] as const) {
    for (const text of SEARCH_TEXTS) {
      let found = searchOnce(sqlite, db, boardId, text, mode, rows); // warm-up
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        found = searchOnce(sqlite, db, boardId, text, mode, rows);
        samples.push(performance.now() - started);
      }
      everySample.push(...samples);
      timings.push(summarize(`${label}"${text}"`, samples, found));
    }
  }
  return { timings, overall: summarize('search, all texts', everySample, 0) };
}
