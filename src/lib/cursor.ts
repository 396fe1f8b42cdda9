/**
 * @module
 * Opaque, tamper-evident pagination cursors: base64url(JSON {s: sort, c: list scope, k: sort key,
 * t: tie-break key (ranked search only), i: id}) "." HMAC-SHA256. A cursor is bound to the sort and to the list (board and filters) it
 * was issued for, so it cannot be replayed against another list to probe positions in it.
 */
import { base64url, fromBase64url, hmacSha256, timingSafeEqual } from './crypto.ts';
import { badRequest } from './problem.ts';

export interface CursorPosition {
  sort: string;
  /** Identifies the list: its board or workspace and its filters (see `listScope`). */
  scope: string;
  key: number;
  /** A second key between the sort key and the id (search: the trend score under the relevance). */
  tie?: number;
  id: number;
}

/** Used only when CURSOR_SECRET is unset (local runs); production sets the secret. */
const FALLBACK_SECRET = 'local-cursor-secret';

/** The identity of a list: what it is of (a board, a workspace) and each filter, absent ones as null. */
export function listScope(owner: number | string, filters: Record<string, string | undefined>): string {
  return JSON.stringify([owner, ...Object.keys(filters).sort().map((name) => filters[name] ?? null)]);
}

export async function encodeCursor(secret: string | undefined, position: CursorPosition): Promise<string> {
  const body = { s: position.sort, c: position.scope, k: position.key, ...(position.tie !== undefined && { t: position.tie }), i: position.id };
  const payload = base64url(new TextEncoder().encode(JSON.stringify(body)));
  return `${payload}.${await hmacSha256(secret ?? FALLBACK_SECRET, payload)}`;
}

function parsePayload(payload: string): { s?: unknown; c?: unknown; k?: unknown; t?: unknown; i?: unknown } | undefined {
  const bytes = fromBase64url(payload);
  if (!bytes) return undefined;
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

export async function decodeCursor(secret: string | undefined, cursor: string, sort: string, scope: string): Promise<CursorPosition> {
  const invalid = (why: string) => badRequest(`cursor ${why}`, [{ path: 'query.cursor', message: why }]);
  const [payload, signature, extra] = cursor.split('.');
  if (!payload || !signature || extra !== undefined) throw invalid('is malformed');
  if (!timingSafeEqual(await hmacSha256(secret ?? FALLBACK_SECRET, payload), signature)) throw invalid('is invalid or was altered');
  const parsed = parsePayload(payload);
  if (!parsed || typeof parsed.k !== 'number' || !Number.isFinite(parsed.k) || !Number.isSafeInteger(parsed.i)) throw invalid('is malformed');
  if (parsed.s !== sort) throw invalid(`was issued for sort "${String(parsed.s)}", not "${sort}"`);
  if (parsed.c !== scope) throw invalid('was issued for another list (board, workspace or filters)');
  if (parsed.t !== undefined && (typeof parsed.t !== 'number' || !Number.isFinite(parsed.t))) throw invalid('is malformed');
  return { sort, scope, key: parsed.k, ...(parsed.t !== undefined && { tie: parsed.t }), id: parsed.i as number };
}
