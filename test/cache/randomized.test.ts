/**
 * Thousands of interleaved reads and writes over several boards, from a seeded PRNG (the seed is
 * in the failure message, so a failure can be replayed). The boards are worked on concurrently, one
 * operation per board at a time, so each board's history is sequential. Half the reads are the
 * writer's (sending its D1 bookmark, as the typed client does): they must equal the model after all
 * writes that completed before them. The other half are other readers (no bookmark): they must
 * equal the model at some point no older than the freshness bound, i.e. include every write that
 * completed at least FRESHNESS_BOUND_MS before the read (all writes here are bounded). The clock jumps now and then
 * so reads land in every freshness window.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cachePolicies } from '../../generated/cache-policies.ts';
import { mulberry32 } from '../../scripts/lib/mulberry32.ts';
import { advanceClock, now, resetClock } from '../../src/lib/clock.ts';
import { FRESHNESS_BOUND_MS } from '../../src/lib/cache/freshness-bound.ts';
import { api, castVote, createWorkspace, type WorkspaceFixture } from '../support/api.ts';
import { read, type CachedRead } from './support.ts';

const SEED = Number(process.env.CACHE_FUZZ_SEED ?? 20261124);
const BOARDS = 12;
const ROUNDS = 250;
const USERS = ['ana', 'ben', 'chi', 'dev', 'eli'];

afterAll(() => resetClock());


interface ModelItem {
  votes: Map<string, number>;
  comments: number;
}
interface Board {
  ws: WorkspaceFixture;
  items: Map<number, ModelItem>;
  /** The model after each write, with the clock time the write completed. */
  history: { at: number; items: Map<number, ModelItem> }[];
}

const copyItems = (items: Map<number, ModelItem>) =>
  new Map([...items].map(([id, item]) => [id, { votes: new Map(item.votes), comments: item.comments }]));
type Summary = { id: number; voteCount: number; voterCount: number; commentCount: number };

function expected(id: number, item: ModelItem): Summary {
  let voteCount = 0;
  for (const weight of item.votes.values()) voteCount += weight;
  return { id, voteCount, voterCount: item.votes.size, commentCount: item.comments };
}
const summary = ({ id, voteCount, voterCount, commentCount }: Summary): Summary => ({ id, voteCount, voterCount, commentCount });
const byId = (a: Summary, b: Summary) => a.id - b.id;

describe('randomized interleaving of reads and writes', () => {
  it(`no read is older than its policy allows or misses a preceding write (seed ${SEED})`, async () => {
    const random = mulberry32(SEED);
    const pick = <T,>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
    const boards: Board[] = [];
    for (let i = 0; i < BOARDS; i++) boards.push({ ws: await createWorkspace({ exemptFromRateLimits: true }), items: new Map(), history: [{ at: -Infinity, items: new Map() }] });
    const states = { HIT: 0, STALE: 0, MISS: 0, notModified: 0, writes: 0, reads: 0, otherReaders: 0 };
    const bodiesByEtag = new Map<string, string>();
    // Conditional reads send the ETag last seen for the same URL: each board's history is
    // sequential, so which reads can answer 304 does not depend on how the boards interleave.
    const lastEtagByUrl = new Map<string, string>();
    const failures: string[] = [];

    async function readChecked(
      board: Board,
      where: string,
      url: string,
      conditional: boolean,
      policy: { ttl: number; staleWhileRevalidate: number },
      want: (items: Map<number, ModelItem>) => unknown,
      normalize: (body: unknown) => unknown,
    ) {
      const otherReader = random() < 0.5;
      const etag = conditional ? lastEtagByUrl.get(url) : undefined;
      // Another reader may see any model from the last write older than the bound onwards.
      const startedAt = now();
      const oldest = board.history.findLastIndex((state) => state.at <= startedAt - FRESHNESS_BOUND_MS);
      const allowed = otherReader ? board.history.slice(Math.max(0, oldest)).map((state) => want(state.items)) : [want(board.items)];
      const result = await read(url, etag ? { 'If-None-Match': etag } : {}, { otherReader });
      if (otherReader) states.otherReaders++;
      if (result.etag) lastEtagByUrl.set(url, result.etag);
      checkRead(`${where}${otherReader ? ' (other reader)' : ''}`, policy, result, allowed.reverse(), normalize);
    }

    function checkRead(where: string, policy: { ttl: number; staleWhileRevalidate: number }, result: CachedRead, wants: unknown[], normalize: (body: unknown) => unknown) {
      states.reads++;
      const { cache, age } = result;
      if (cache === 'HIT') states.HIT++;
      else if (cache === 'STALE') states.STALE++;
      else if (cache === 'MISS') states.MISS++;
      else failures.push(`${where}: X-Cache ${cache}`);
      const maxAge = cache === 'HIT' ? policy.ttl : policy.ttl + policy.staleWhileRevalidate;
      if (age === null || age >= maxAge || (cache === 'MISS' && age !== 0) || (cache === 'STALE' && age < policy.ttl)) {
        failures.push(`${where}: ${cache} aged ${age}s under ttl ${policy.ttl}s + swr ${policy.staleWhileRevalidate}s`);
      }
      let body = result.body;
      if (result.status === 304) {
        states.notModified++;
        body = JSON.parse(bodiesByEtag.get(result.etag!) ?? 'null');
      } else if (result.status === 200) {
        bodiesByEtag.set(result.etag!, JSON.stringify(body));
      } else {
        failures.push(`${where}: status ${result.status}`);
        return;
      }
      const got = JSON.stringify(normalize(body));
      if (!wants.some((want) => JSON.stringify(want) === got)) failures.push(`${where}: got ${got}, want ${JSON.stringify(wants[0])}`);
    }

    function wrote(board: Board): void {
      states.writes++;
      board.history.push({ at: now(), items: copyItems(board.items) });
    }

    async function step(board: Board, round: number): Promise<void> {
      const base = `/api/v1/${board.ws.slug}/${board.ws.board}/feedback`;
      const ids = [...board.items.keys()];
      const roll = random();
      const conditional = random() < 0.15;
      const where = `round ${round} ${board.ws.slug}`;

      if (ids.length === 0 || (roll < 0.02 && ids.length < 10)) {
        const res = await api(base, { body: { title: `Item ${round}`, externalUserId: pick(USERS) } });
        expect(res.status).toBe(201);
        board.items.set((await res.json<{ id: number }>()).id, { votes: new Map(), comments: 0 });
        wrote(board);
        return;
      }
      const id = pick(ids);
      const item = board.items.get(id)!;
      if (roll < 0.2) {
        const user = pick(USERS);
        const weight = 1 + Math.floor(random() * 3);
        expect((await castVote(board.ws, id, user, weight)).status).toBe(200);
        item.votes.set(user, weight);
        wrote(board);
      } else if (roll < 0.07) {
        const user = pick(USERS);
        expect((await api(`${base}/${id}/votes?externalUserId=${user}`, { method: 'DELETE' })).status).toBe(204);
        item.votes.delete(user);
        wrote(board);
      } else if (roll < 0.08) {
        expect((await api(`${base}/${id}/comments`, { body: { body: `c${round}`, externalUserId: pick(USERS) } })).status).toBe(201);
        item.comments++;
        wrote(board);
      } else if (roll < 0.6) {
        const query = `?sort=${pick(['vote_count', 'created_at'])}&limit=100`;
        const want = (items: Map<number, ModelItem>) => [...items].map(([i, m]) => expected(i, m)).sort(byId);
        await readChecked(board, `${where} list${query}`, `${base}${query}`, conditional, cachePolicies.listFeedback, want, (body) =>
          (body as Summary[]).map(summary).sort(byId));
      } else if (roll < 0.88) {
        await readChecked(board, `${where} item ${id}`, `${base}/${id}`, conditional, cachePolicies.getFeedback, (items) => items.has(id) ? expected(id, items.get(id)!) : null, (body) => summary(body as Summary));
      } else {
        await readChecked(board, `${where} comments ${id}`, `${base}/${id}/comments`, conditional, cachePolicies.listComments, (items) => items.get(id)?.comments ?? null, (body) => (body as unknown[]).length);
      }
    }

    for (let round = 0; round < ROUNDS && failures.length === 0; round++) {
      await Promise.all(boards.map((board) => step(board, round)));
      // Now and then time jumps into the next freshness window (or past all of them).
      if (random() < 0.04) advanceClock(Math.floor(random() * 420_000));
    }

    expect(failures.slice(0, 5)).toEqual([]);
    expect(states.reads + states.writes).toBeGreaterThanOrEqual(3000);
    // The run must have exercised every path it checks.
    expect(states.HIT).toBeGreaterThan(100);
    expect(states.STALE).toBeGreaterThan(10);
    expect(states.MISS).toBeGreaterThan(100);
    expect(states.notModified).toBeGreaterThan(5);
    console.log(`randomized cache run (seed ${SEED}):`, JSON.stringify(states));
  }, 300_000);
});
