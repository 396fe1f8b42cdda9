/**
 * @module
 * The search benchmark: each search text through the whole path a request takes (the last word's
 * terms, near spellings when it starts none, then the ranked page), with the handlers' own
 * searchMatch and query functions, on node:sqlite.
 */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { Db } from '../../src/db/client.ts';
import { searchMatch, type TermReader } from '../../src/handlers/search.ts';
import { searchVisibleFeedbackQuery, termsInRangeQuery, visibleOnBoard } from '../../src/queries/search.ts';
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

/** One search as the handler runs it (the same searchMatch, on node:sqlite); returns the page's rows. */
async function searchOnce(sqlite: DatabaseSync, db: Db, boardId: number, text: string, mode: 'all' | 'any', rows: number): Promise<number> {
  const readTerms: TermReader = async (range, limit) =>
    run(sqlite, termsInRangeQuery(db, range, limit)).map((r) => ({ term: String(r.term), doc: Number(r.doc) }));
  const match = await searchMatch(readTerms, visibleOnBoard(boardId), text, mode);
  return match === undefined ? 0 : run(sqlite, searchVisibleFeedbackQuery(db, { boardId, match, rows })).length;
}

export async function benchSearch(sqlite: DatabaseSync, db: Db, boardId: number, runs: number, limit: number): Promise<{ timings: Timing[]; overall: Timing }> {
  const timings: Timing[] = [];
  const everySample: number[] = [];
  for (const [mode, label, rows] of [['all', 'search q=', limit + 1], ['any', 'similar title=', 5]] as const) {
    for (const text of SEARCH_TEXTS) {
      let found = await searchOnce(sqlite, db, boardId, text, mode, rows); // warm-up
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        found = await searchOnce(sqlite, db, boardId, text, mode, rows);
        samples.push(performance.now() - started);
      }
      everySample.push(...samples);
      timings.push(summarize(`${label}"${text}"`, samples, found));
    }
  }
  return { timings, overall: summarize('search, all texts', everySample, 0) };
}
