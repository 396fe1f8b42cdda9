/**
 * @module
 * Opaque, tamper-evident pagination cursors: base64url(JSON {s: sort, k: sort key, i: id}) "."
 * HMAC. A cursor is bound to the sort it was issued for.
 */
import { base64url, fromBase64url, hmacSha256, timingSafeEqual } from './crypto.ts';
import { badRequest } from './problem.ts';

export interface CursorPosition {
  sort: string;
  key: number;
  id: number;
}

/** Used only when CURSOR_SECRET is unset (local runs); production sets the secret. */
const FALLBACK_SECRET = 'local-cursor-secret';

export async function encodeCursor(secret: string | undefined, position: CursorPosition): Promise<string> {
  const payload = base64url(new TextEncoder().encode(JSON.stringify({ s: position.sort, k: position.key, i: position.id })));
  return `${payload}.${await hmacSha256(secret ?? FALLBACK_SECRET, payload)}`;
}

export async function decodeCursor(secret: string | undefined, cursor: string, sort: string): Promise<CursorPosition> {
  const invalid = (why: string) => badRequest(`cursor ${why}`, [{ path: 'query.cursor', message: why }]);
  const [payload, signature] = cursor.split('.');
  if (!payload || !signature) throw invalid('is malformed');
  if (!timingSafeEqual(await hmacSha256(secret ?? FALLBACK_SECRET, payload), signature)) throw invalid('is invalid or was altered');
  const bytes = fromBase64url(payload);
  const parsed = bytes && (JSON.parse(new TextDecoder().decode(bytes)) as { s?: unknown; k?: unknown; i?: unknown });
  if (!parsed || typeof parsed.k !== 'number' || typeof parsed.i !== 'number') throw invalid('is malformed');
  if (parsed.s !== sort) throw invalid(`was issued for sort "${String(parsed.s)}", not "${sort}"`);
  return { sort, key: parsed.k, id: parsed.i };
}
