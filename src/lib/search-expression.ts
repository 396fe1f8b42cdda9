/**
 * @module
 * From what a user types to an FTS5 query. Words are letters and digits (everything else
 * separates them, so no FTS5 operator or syntax error can come from input); each word is quoted,
 * prefixed with the search's scope as the index stores it. The last word is also a prefix (the user
 * may still be typing it), and when no indexed term of the scope starts with it, near spellings from
 * the scope's vocabulary stand in for it (typo tolerance).
 */

/** At most this many words of a query count; the rest are ignored. */
export const MAX_SEARCH_WORDS = 8;
/** Prefix matching needs two characters: a one-letter prefix would expand to a large part of the index. */
const MIN_PREFIX_LENGTH = 2;
/** Typo tolerance starts at four characters: one edit; from eight, two. */
const MIN_TYPO_LENGTH = 4;
const LONG_WORD_LENGTH = 8;
/** Near spellings used for the last word, the closest first. */
const MAX_SPELLINGS = 8;
/**
 * The most indexed terms that stand for the last word one by one. A prefix (`"mo"*`) makes FTS5
 * merge every term it starts into one list before matching, and again for bm25's count; a few
 * terms ORed are cheaper and match the same items.
 */
export const MAX_LAST_WORD_TERMS = 8;

/** Words that say nothing about an idea; dropped from a similarity search when other words remain. */
const STOP_WORDS = new Set(
  'a an and are as at be but by can could do for from have i if in into is it its me my no not of on or our please should so that the their there this to us was we were what when where which will with would you your add allow make need want'.split(' '),
);

/** Lowercase letters and digits without diacritics, as the index's unicode61 tokenizer stores terms. */
export function searchWords(text: string): string[] {
  const folded = text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  return (folded.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_SEARCH_WORDS);
}

/** The words worth matching for similarity: stop words go unless nothing else is left. */
export function significantWords(words: string[]): string[] {
  const kept = words.filter((w) => !STOP_WORDS.has(w));
  return kept.length > 0 ? kept : words;
}

/** Whether the last word is long enough to be a prefix (a one-letter last word matches only itself). */
export function wantsPrefix(word: string): boolean {
  return [...word].length >= MIN_PREFIX_LENGTH;
}

/** Whether the last word is long enough to look for near spellings when it matches nothing. */
export function wantsTypoTolerance(word: string): boolean {
  return [...word].length >= MIN_TYPO_LENGTH;
}

/**
 * A search's scope as the index writes it before each word (migrations/0008): `v12` a board's
 * visible items, `w3` a workspace's items in any state.
 */
export type SearchScope = `${'v' | 'w'}${number}`;

/** A word as indexed within a scope: `v12_dark`. No typed word holds `_`, so none can leave its scope. */
export function scopedTerm(scope: SearchScope, word: string): string {
  return `${scope}_${word}`;
}

/** The word of a scoped term of the index (`v12_dark` → `dark`). */
export function unscopedTerm(scope: SearchScope, term: string): string {
  return term.slice(scope.length + 1);
}

/** The scope's terms of the first character of `word`, where near spellings of it are looked for. */
export function spellingRange(scope: SearchScope, word: string): { from: string; to: string } {
  const first = String.fromCodePoint(word.codePointAt(0)!);
  return { from: scopedTerm(scope, first), to: scopedTerm(scope, String.fromCodePoint(first.codePointAt(0)! + 1)) };
}

/** The range of terms that start with `prefix` (binary order, as SQLite compares text). */
export function prefixRange(prefix: string): { from: string; to: string } {
  return { from: prefix, to: `${prefix}\u{10FFFF}` };
}

/** Optimal string alignment distance (edits: insert, delete, substitute, swap neighbours), capped. */
export function editDistance(a: string[], b: string[], cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, previous2[j - 2]! + 1);
      current.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > cap) return cap + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Prefixes of indexed terms within the allowed edits of `word` (compared with the term's prefix of
 * about the word's length, since the word may be unfinished), closest and most common first; a
 * prefix that extends another kept one is dropped (the shorter one already matches its terms).
 */
export function nearSpellings(word: string, terms: { term: string; doc: number }[]): string[] {
  const typed = [...word];
  const cap = typed.length >= LONG_WORD_LENGTH ? 2 : 1;
  const found = new Map<string, { distance: number; doc: number }>();
  for (const { term, doc } of terms) {
    const chars = [...term];
    for (let length = typed.length - cap; length <= typed.length + cap; length++) {
      if (length < MIN_PREFIX_LENGTH || length > chars.length) continue;
      const prefix = chars.slice(0, length);
      const distance = editDistance(typed, prefix, cap);
      if (distance > cap) continue;
      const key = prefix.join('');
      const seen = found.get(key);
      if (!seen || distance < seen.distance || (distance === seen.distance && doc > seen.doc)) found.set(key, { distance, doc: Math.max(doc, seen?.doc ?? 0) });
    }
  }
  const closest = [...found.entries()]
    .sort(([, a], [, b]) => a.distance - b.distance || b.doc - a.doc)
    .slice(0, MAX_SPELLINGS)
    .map(([prefix]) => prefix);
  return closest.filter((prefix) => !closest.some((shorter) => shorter !== prefix && prefix.startsWith(shorter)));
}

const quote = (word: string) => `"${word}"`;

/**
 * What stands for the last word: itself as typed (also a prefix when long enough), the indexed
 * terms of the scope it starts (`terms`), or, when it starts none, near spellings: the terms they
 * start (`terms`) or, when those are too many or not all known, the spellings as prefixes.
 */
export type LastWordMatch = { kind: 'typed' } | { kind: 'terms'; terms: string[] } | { kind: 'prefixes'; prefixes: string[] };

/**
 * Near spellings as what stands for the last word: the candidate terms they start, when
 * `candidates` held every term of the range and those are few enough, else the spellings as prefixes.
 */
export function spellingMatch(spellings: string[], candidates: string[], complete: boolean): LastWordMatch {
  const terms = candidates.filter((term) => spellings.some((prefix) => term.startsWith(prefix)));
  return complete && terms.length <= MAX_LAST_WORD_TERMS ? { kind: 'terms', terms } : { kind: 'prefixes', prefixes: spellings };
}

/** The FTS5 expression in `scope`: every word (`all`, for search) or any word (`any`, for similar items). */
export function matchExpression(scope: SearchScope, words: string[], mode: 'all' | 'any', last: LastWordMatch = { kind: 'typed' }): string {
  const term = (word: string) => quote(scopedTerm(scope, word));
  const typed = words.at(-1)!;
  const alternatives =
    last.kind === 'terms' ? last.terms.map(term)
    : last.kind === 'prefixes' ? last.prefixes.map((prefix) => `${term(prefix)}*`)
    : [wantsPrefix(typed) ? `${term(typed)}*` : term(typed)];
  const lastTerm = alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' OR ')})`;
  return [...words.slice(0, -1).map(term), lastTerm].join(mode === 'all' ? ' AND ' : ' OR ');
}
