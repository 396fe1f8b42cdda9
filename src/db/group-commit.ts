/**
 * @module
 * Group commit: the write batches of concurrent requests in one isolate share one D1 round trip.
 * A D1 call costs far more than the statements in it (locally about 0.8–0.9 ms of CPU for the call and
 * 0.03 ms per statement; on Cloudflare a network round trip to the primary), so while one batch is
 * in flight, the batches that arrive queue up, and the first of them to run once it lands sends
 * every queued batch as one `D1.batch()`. Nothing waits for company: a batch that finds none in
 * flight goes at once, so an idle isolate adds no latency.
 *
 * A group is one transaction, its members' statements in arrival order, exactly as if the requests
 * had run one after another. Members must be batches that cannot fail on their own data (guarded
 * writes: `INSERT … SELECT … WHERE EXISTS`, upserts), but should one fail anyway, the group is
 * rolled back and each member runs again alone, so one request's fault is never another's (when D1
 * is unavailable, each then gets that error on its own, and nothing of any of them was written).
 *
 * Each request's D1 usage (statements, time, rows) and the bookmark its write reached are recorded
 * in its own scope, whichever request sent the group.
 */
import type { CompiledQuery } from 'kysely';
import type { Compilable } from './client.ts';
import { d1UsageRecorder } from './d1-usage.ts';
import { bookmarkRecorder } from './session.ts';

/** D1 accepts far larger batches; this keeps one group's transaction short. */
const MAX_MEMBERS = 32;
const MAX_STATEMENTS = 256;

type Outcome = { rows: Record<string, unknown>[][] } | { error: unknown };

interface Member {
  queries: CompiledQuery[];
  /** Set when a group takes the member; a taken member waits for that group's outcome. */
  taken: boolean;
  outcome?: Outcome;
  recordUsage: ReturnType<typeof d1UsageRecorder>;
  recordBookmark: ReturnType<typeof bookmarkRecorder>;
}

interface Queue {
  waiting: Member[];
  /** A group is in flight. */
  sending: boolean;
}

const queues = new WeakMap<D1Database, Queue>();

function take(queue: Queue): Member[] {
  const group: Member[] = [];
  let statements = 0;
  while (queue.waiting.length > 0 && group.length < MAX_MEMBERS) {
    const next = queue.waiting[0]!;
    if (group.length > 0 && statements + next.queries.length > MAX_STATEMENTS) break;
    queue.waiting.shift();
    next.taken = true;
    group.push(next);
    statements += next.queries.length;
  }
  return group;
}

async function send(d1: D1Database, members: Member[]): Promise<void> {
  const session = d1.withSession('first-primary');
  const started = performance.now();
  const statements = members.flatMap((m) => m.queries.map((q) => session.prepare(q.sql).bind(...q.parameters)));
  const results = await session.batch<Record<string, unknown>>(statements);
  const elapsedMs = performance.now() - started;
  const bookmark = session.getBookmark();
  let offset = 0;
  for (const member of members) {
    const own = results.slice(offset, offset + member.queries.length);
    offset += member.queries.length;
    member.recordUsage(own.length, elapsedMs, own.map((r) => r.meta));
    member.recordBookmark(bookmark);
    member.outcome = { rows: own.map((r) => r.results ?? []) };
  }
}

/** Sends a group; when it fails, each member again alone, so each gets its own outcome. Never rejects. */
async function commit(d1: D1Database, members: Member[]): Promise<void> {
  try {
    await send(d1, members);
  } catch (error) {
    if (members.length === 1) members[0]!.outcome = { error };
    else for (const member of members) await commit(d1, [member]);
  }
}

/**
 * How often a request whose batch waits looks for its outcome: after 1 ms, then 2, then every
 * 4 ms. Every timer is an allocation the isolate's next full GC must reclaim, so a long wait (a
 * busy database) polls less often.
 */
const POLL_MS = [1, 2, 4] as const;

/** Sends the waiting batches (up to the limits) as one group; never rejects. */
async function sendWaiting(d1: D1Database, queue: Queue): Promise<void> {
  queue.sending = true;
  try {
    await commit(d1, take(queue));
  } finally {
    queue.sending = false;
  }
}

/**
 * Runs the statements in order, atomically, in a group with whatever other batches this isolate
 * is writing meanwhile; returns each statement's rows.
 *
 * A request whose batch waits polls for its outcome on its own timer rather than awaiting the
 * sender: a promise of one request settled by another runs its continuation in a context that is
 * not the awaiting request's (workerd then refuses that request's I/O), and never if the sender is
 * cancelled. `keepAlive` (the request's `waitUntil`) keeps a group this request sends running
 * should its client go away, since other requests wait for it.
 */
export async function groupCommit<Row = Record<string, unknown>>(
  d1: D1Database,
  queries: readonly Compilable[],
  keepAlive: (running: Promise<unknown>) => void,
): Promise<Row[][]> {
  let queue = queues.get(d1);
  if (!queue) queues.set(d1, (queue = { waiting: [], sending: false }));
  const member: Member = {
    queries: queries.map((q) => q.compile()),
    taken: false,
    recordUsage: d1UsageRecorder(),
    recordBookmark: bookmarkRecorder(),
  };
  queue.waiting.push(member);
  for (let polls = 0; !member.outcome; ) {
    if (!member.taken && !queue.sending) {
      const sending = sendWaiting(d1, queue);
      keepAlive(sending);
      await sending;
    } else {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS[Math.min(polls++, POLL_MS.length - 1)]));
    }
  }
  if ('error' in member.outcome) throw member.outcome.error;
  return member.outcome.rows as Row[][];
}
