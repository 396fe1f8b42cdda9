/**
 * @module
 * Search: the FTS5 expression for what was typed (with near spellings of an unmatched last word),
 * ranked pages behind a signed cursor for the public and admin lists, and similar items for a
 * submit form.
 */
import type { Context } from 'hono';
import type { Handlers } from '../../generated/handlers.ts';
import type { AppEnv } from '../app-env.ts';
import { database, type Db } from '../db/client.ts';
import { decodeCursor } from '../lib/cursor.ts';
import { keysetPage } from '../lib/keyset-page.ts';
import { badRequest } from '../lib/problem.ts';
import {
  MAX_LAST_WORD_TERMS,
  matchExpression,
  nearSpellings,
  prefixRange,
  scopedTerm,
  searchWords,
  significantWords,
  spellingMatch,
  spellingRange,
  unscopedTerm,
  wantsPrefix,
  wantsTypoTolerance,
  type LastWordMatch,
  type SearchScope,
} from '../lib/search-expression.ts';
import { searchVisibleFeedbackQuery, termsInRangeQuery, visibleOnBoard, type RankedPosition, type RankedRow } from '../queries/search.ts';
import { requireBoard, toFeedback } from './feedback-view.ts';

/** How many terms of one first letter are compared for near spellings, at most. */
export const SPELLING_CANDIDATES = 2000;
/** Binds cursors to ranked order, so a cursor of a list in another order is refused. */
export const RANKED_ORDER = 'relevance';

/** Reads the index's terms in a range, in order, at most `limit` (termsInRangeQuery on D1 or elsewhere). */
export type TermReader = (range: { from: string; to: string }, limit: number) => Promise<{ term: string; doc: number }[]>;

/** The terms reader of a kysely database. */
export const termsOf = (db: Db): TermReader => (range, limit) => termsInRangeQuery(db, range, limit).execute();

/**
 * What stands for the last word in the scope: the few terms it starts, or itself as a prefix when
 * it starts many; near spellings when it starts none and is long enough.
 */
async function lastWordMatch(readTerms: TermReader, scope: SearchScope, word: string): Promise<LastWordMatch> {
  if (!wantsPrefix(word)) return { kind: 'typed' };
  const unscoped = (rows: { term: string }[]) => rows.map(({ term }) => unscopedTerm(scope, term));
  const starting = await readTerms(prefixRange(scopedTerm(scope, word)), MAX_LAST_WORD_TERMS + 1);
  if (starting.length > MAX_LAST_WORD_TERMS) return { kind: 'typed' };
  if (starting.length > 0) return { kind: 'terms', terms: unscoped(starting) };
  if (!wantsTypoTolerance(word)) return { kind: 'typed' };
  const candidates = await readTerms(spellingRange(scope, word), SPELLING_CANDIDATES);
  const spellings = nearSpellings(word, candidates.map(({ term, doc }) => ({ term: unscopedTerm(scope, term), doc })));
  if (spellings.length === 0) return { kind: 'typed' };
  return spellingMatch(spellings, unscoped(candidates), candidates.length < SPELLING_CANDIDATES);
}

/** The FTS5 expression for `text` in `scope`; undefined when it holds no word. */
export async function searchMatch(readTerms: TermReader, scope: SearchScope, text: string, mode: 'all' | 'any'): Promise<string | undefined> {
  const all = searchWords(text);
  const words = mode === 'any' ? significantWords(all) : all;
  if (words.length === 0) return undefined;
  return matchExpression(scope, words, mode, await lastWordMatch(readTerms, scope, words.at(-1)!));
}

/**
 * What a ranked page's cursor is bound to: the words of `q`, not its expression, which changes
 * when a new term starts the last word (the next page then reads the new terms too).
 */
export function searchCursorKey(q: string): string {
  return searchWords(q).join(' ');
}

/** `q` as an FTS5 expression; a 400 on query.q when it holds no word. */
export async function requireSearchMatch(db: Db, scope: SearchScope, q: string): Promise<string> {
  const match = await searchMatch(termsOf(db), scope, q, 'all');
  if (match === undefined) throw badRequest('q holds no word to search for', [{ path: 'query.q', message: 'needs at least one letter or digit' }]);
  return match;
}

/** The position after which a ranked page continues, from its cursor (bound to order and scope). */
export async function rankedAfter(c: Context<AppEnv>, cursor: string | undefined, scope: string): Promise<RankedPosition | undefined> {
  if (cursor === undefined) return undefined;
  const position = await decodeCursor(c.env.CURSOR_SECRET, cursor, RANKED_ORDER, scope);
  if (position.tie === undefined) throw badRequest('cursor is malformed', [{ path: 'query.cursor', message: 'is malformed' }]);
  return { relevance: position.key, trend: position.tie, id: position.id };
}

/** The page of `rows` (one more than `limit` when there is more), with the next page's Link set. */
export function rankedPage<R extends RankedRow>(c: Context<AppEnv>, rows: R[], limit: number, scope: string): Promise<R[]> {
  return keysetPage(c, rows, limit, (last) => ({ sort: RANKED_ORDER, scope, key: last.relevance, tie: last.trend_score, id: last.id }));
}

export const searchHandlers: Pick<Handlers, 'findSimilarFeedback'> = {
  findSimilarFeedback: async (c) => {
    const { workspace, board } = c.req.valid('param');
    const { title, limit } = c.req.valid('query');
    const db = database(c.env.DB);
    const found = await requireBoard(db, workspace, board);
    const match = await searchMatch(termsOf(db), visibleOnBoard(found.board_id), title, 'any');
    if (match === undefined) return c.json([], 200);
    const rows = await searchVisibleFeedbackQuery(db, { boardId: found.board_id, match, rows: limit }).execute();
    return c.json(rows.map(toFeedback), 200);
  },
};
