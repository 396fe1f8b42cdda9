/**
 * @module
 * D1 read replication through the Sessions API. Every request runs its statements in one D1
 * session (`withSession`), opened from the bookmark the client sent back (`X-D1-Bookmark`), so a
 * client reads at least its own writes on whichever replica answers; without one, reads start
 * anywhere (`first-unconstrained`) and writes on the primary (`first-primary`). The session's
 * bookmark after the request goes back to the client, and into cache entries (see the cache's
 * read-your-writes rule). The scope is per request (AsyncLocalStorage); outside one, statements
 * go to the binding as before.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export const BOOKMARK_HEADER = 'X-D1-Bookmark';

/**
 * What a bookmark looks like (D1's are `<hex>-<hex>-<hex>-<hex>`, lexicographically ordered by
 * commit); anything else is rejected before it reaches D1.
 */
export const BOOKMARK_PATTERN = /^[0-9a-f]{8,16}(-[0-9a-f]{8,64}){2,4}$/;

interface SessionScope {
  d1: D1Database;
  start: D1SessionBookmark | D1SessionConstraint;
  /** Opened by the request's first statement: most requests (cache HITs) run none. */
  session?: D1DatabaseSession;
  /** The latest bookmark the request's writes reached in a group commit (another session). */
  reached?: D1SessionBookmark;
}

const scopes = new AsyncLocalStorage<SessionScope>();

export function runInSession<T>(d1: D1Database, start: D1SessionBookmark | D1SessionConstraint, fn: () => Promise<T>): Promise<T> {
  return scopes.run({ d1, start }, fn);
}

/** The session of the current request, opened now if this is its first statement; none outside a request's scope. */
export function currentSession(): D1DatabaseSession | undefined {
  const scope = scopes.getStore();
  if (!scope) return undefined;
  return (scope.session ??= scope.d1.withSession(scope.start));
}

/** The latest bookmark the current request has seen: its session's, or a group commit's it was part of (null before either). */
export function currentBookmark(): D1SessionBookmark | null {
  const scope = scopes.getStore();
  return later(scope?.session?.getBookmark() ?? null, scope?.reached ?? null);
}

function later(a: D1SessionBookmark | null, b: D1SessionBookmark | null): D1SessionBookmark | null {
  return a === null || (b !== null && b > a) ? b : a;
}

/** Records, for the current request, the bookmark a group commit it was part of reached (group-commit.ts). */
export function bookmarkRecorder(): (bookmark: D1SessionBookmark | null) => void {
  const scope = scopes.getStore();
  return (bookmark) => {
    if (scope) scope.reached = later(scope.reached ?? null, bookmark) ?? undefined;
  };
}

/** True when bookmark `a` is at or after `b` (D1 bookmarks sort lexicographically by commit). */
export function bookmarkAtLeast(a: D1SessionBookmark | null, b: D1SessionBookmark): boolean {
  return a !== null && a >= b;
}

/** The binding as queries see it: statements go to the current request's session when it has one. */
export function sessionRoutedD1(d1: D1Database): D1Database {
  const routed: Pick<D1Database, 'prepare' | 'batch' | 'exec' | 'withSession'> = {
    prepare: (query) => (currentSession() ?? d1).prepare(query),
    // Statements of a batch were prepared in the same request, hence on the same session.
    batch: (statements) => (currentSession() ?? d1).batch(statements),
    exec: (query) => d1.exec(query),
    withSession: (start) => d1.withSession(start),
  };
  return routed as D1Database;
}
