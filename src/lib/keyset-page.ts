/** @module One page of a keyset-paginated list, and its `Link: rel="next"` when there is more. */
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { encodeCursor, type CursorPosition } from './cursor.ts';
import { nextPageLink } from './next-link.ts';

/**
 * `rows` holds the page and, when there is a next page, one row more: the page is returned and the
 * Link header set to continue after its last row (`position` says where that is).
 */
export async function keysetPage<R>(c: Context<AppEnv>, rows: R[], limit: number, position: (last: R) => CursorPosition): Promise<R[]> {
  const page = rows.slice(0, limit);
  if (rows.length > limit) c.header('Link', nextPageLink(c.req.url, await encodeCursor(c.env.CURSOR_SECRET, position(page.at(-1)!))));
  return page;
}
