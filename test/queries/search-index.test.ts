/**
 * The search index against a recount, after a seeded random sequence of creates, edits, hides,
 * unhides, approvals and rejections, deletes, merges and unmerges through the Worker (the seed is
 * in the failure message).
 * Recount: the words of every item's stored title and description, tokenized here, must be
 * exactly what the index finds for each word; FTS5's own integrity check must pass; and the public
 * search, read through the cache between the writes, must return exactly the visible items holding
 * the word. Paging through the public and admin searches two items at a time must give the same
 * order as one long page.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../scripts/lib/mulberry32.ts';
import { scopedTerm, searchWords, type SearchScope } from '../../src/lib/search-expression.ts';
import { ofWorkspace, visibleOnBoard } from '../../src/queries/search.ts';
import { api, createFeedback, createWorkspace, json, nextLink, type WorkspaceFixture } from '../support/api.ts';

const SEED = Number(process.env.SEARCH_FUZZ_SEED ?? 20261130);
const STEPS = 80;
/** Far apart, each with its own first letter: no word is a prefix or a near spelling of another. */
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];

function phrase(random: () => number, min: number): string {
  const length = min + Math.floor(random() * 3);
  return Array.from({ length }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
}

async function workspaceId(ws: WorkspaceFixture): Promise<number> {
  return (await json<{ id: number }>(await api(`/api/v1/${ws.slug}/admin/workspace`, { key: ws.key }))).id;
}

type Row = { id: number; title: string; description: string; visible: number };

async function recount(wsId: number): Promise<Map<string, { all: number[]; visible: number[] }>> {
  const { results } = await env.DB.prepare(
    `SELECT id, title, description, (is_hidden = 0 AND moderation_state = 'approved' AND merged_into_id IS NULL) AS visible
     FROM feedback_items WHERE workspace_id = ? ORDER BY id`,
  ).bind(wsId).all<Row>();
  const byWord = new Map(WORDS.map((w) => [w, { all: [] as number[], visible: [] as number[] }]));
  for (const row of results) {
    for (const word of new Set(searchWords(`${row.title} ${row.description}`))) {
      const entry = byWord.get(word);
      if (!entry) continue;
      entry.all.push(row.id);
      if (row.visible) entry.visible.push(row.id);
    }
  }
  return byWord;
}

/** What the index alone holds for the word: in the workspace's scope, and in the board's visible scope. */
async function indexed(wsId: number, word: string): Promise<{ all: number[]; visible: number[] }> {
  const board = await env.DB.prepare('SELECT id FROM boards WHERE workspace_id = ?').bind(wsId).first<{ id: number }>();
  const ids = async (scope: SearchScope) => {
    const { results } = await env.DB.prepare('SELECT rowid AS id FROM feedback_search WHERE feedback_search MATCH ? ORDER BY rowid')
      .bind(`"${scopedTerm(scope, word)}"`)
      .all<{ id: number }>();
    return results.map((r) => r.id);
  };
  return { all: await ids(ofWorkspace(wsId)), visible: await ids(visibleOnBoard(board!.id)) };
}

async function publicSearch(ws: WorkspaceFixture, word: string): Promise<number[]> {
  return (await rankedIds(`/api/v1/${ws.slug}/${ws.board}/feedback?q=${word}&limit=100`)).sort((a, b) => a - b);
}

async function rankedIds(path: string, key?: string): Promise<number[]> {
  const res = await api(path, { key });
  expect(res.status).toBe(200);
  return (await json<{ id: number }[]>(res)).map((i) => i.id);
}

/** Every page of a ranked list, two items a page, through the Link header's cursor. */
async function walkedIds(path: string, key?: string): Promise<number[]> {
  const walked: number[] = [];
  let link: string | undefined = `${path}&limit=2`;
  while (link) {
    const res = await api(link, { key });
    expect(res.status).toBe(200);
    walked.push(...(await json<{ id: number }[]>(res)).map((i) => i.id));
    link = nextLink(res);
  }
  return walked;
}

describe('search index', () => {
  it(`equals a recount after a random sequence of writes (seed ${SEED})`, async () => {
    const random = mulberry32(SEED);
    const ws = await createWorkspace({ exemptFromRateLimits: true });
    const wsId = await workspaceId(ws);
    const live: number[] = [];
    const groups: number[] = [];
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
    const admin = (id: number, body: unknown, method = 'PATCH') => api(`/api/v1/${ws.slug}/admin/feedback/${id}`, { method, body, key: ws.key });

    for (let step = 0; step < STEPS; step++) {
      const roll = random();
      if (live.length < 3 || roll < 0.3) {
        live.push((await createFeedback(ws, phrase(random, 2), { description: random() < 0.5 ? phrase(random, 1) : '' })).id);
      } else if (roll < 0.5) {
        const body = random() < 0.5 ? { title: phrase(random, 2) } : { description: random() < 0.3 ? '' : phrase(random, 1) };
        expect((await admin(pick(live), body)).status).toBe(200);
      } else if (roll < 0.65) {
        const body = random() < 0.5 ? { isHidden: random() < 0.6 } : { moderationState: pick(['approved', 'pending', 'rejected']) };
        expect((await admin(pick(live), body)).status).toBe(200);
      } else if (roll < 0.75) {
        const id = pick(live);
        const res = await admin(id, undefined, 'DELETE');
        // 409: duplicates are merged into it.
        expect([204, 409]).toContain(res.status);
        if (res.status === 204) live.splice(live.indexOf(id), 1);
      } else if (roll < 0.9) {
        const parent = pick(live);
        const duplicate = pick(live);
        const res = await api(`/api/v1/${ws.slug}/admin/feedback/${parent}/merge`, { body: { duplicateId: duplicate }, key: ws.key });
        // 400: the same item; 409: merged already, or a chain.
        expect([201, 400, 409]).toContain(res.status);
        if (res.status === 201) groups.push((await json<{ id: number }>(res)).id);
      } else if (groups.length > 0) {
        const group = pick(groups);
        const res = await api(`/api/v1/${ws.slug}/admin/duplicates/${group}`, { method: 'DELETE', key: ws.key });
        // 404: an item of the group was deleted (the group went with it); 409: unmerged already.
        expect([200, 404, 409]).toContain(res.status);
      }
      // Searches read (and fill) the cache between writes, so a stale entry would show below.
      if (step % 10 === 0) await publicSearch(ws, pick(WORDS));
    }

    await env.DB.prepare(`INSERT INTO feedback_search(feedback_search, rank) VALUES ('integrity-check', 1)`).run();
    const counted = await recount(wsId);
    for (const word of WORDS) {
      const { all, visible } = counted.get(word)!;
      expect(await indexed(wsId, word), `index for "${word}"`).toEqual({ all, visible });
      expect(await publicSearch(ws, word), `public search for "${word}"`).toEqual(visible);
      // Pages of two, each joining only the matches that can reach it, add up to the one long page.
      const publicPath = `/api/v1/${ws.slug}/${ws.board}/feedback?q=${word}`;
      expect(await walkedIds(publicPath), `public pages for "${word}"`).toEqual(await rankedIds(`${publicPath}&limit=100`));
      const adminPath = `/api/v1/${ws.slug}/admin/feedback?q=${word}`;
      expect(await walkedIds(adminPath, ws.key), `admin pages for "${word}"`).toEqual(await rankedIds(`${adminPath}&limit=100`, ws.key));
    }
    // The sequence did reach every kind of write.
    expect(live.length).toBeGreaterThan(3);
    expect(groups.length).toBeGreaterThan(0);
  }, 120_000);
});
