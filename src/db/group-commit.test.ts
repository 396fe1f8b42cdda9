import { env } from 'cloudflare:test';
import { CompiledQuery } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { measureD1, type D1Usage } from './d1-usage.ts';
import { groupCommit } from './group-commit.ts';
import { currentBookmark, runInSession } from './session.ts';

const statement = (sql: string, ...parameters: unknown[]) => ({ compile: () => CompiledQuery.raw(sql, parameters) });
/** One member's batch: inserts its value (the CHECK refuses 'bad'), then counts the rows so far. */
const write = (value: string) => [statement('INSERT INTO group_commit_probe (v) VALUES (?)', value), statement('SELECT count(*) AS n FROM group_commit_probe')];
const keepAlive = () => undefined;

/** The real binding, recording how many statements each D1 call carried. */
function observed(): { d1: D1Database; calls: number[] } {
  const calls: number[] = [];
  const d1 = {
    withSession: (start: D1SessionConstraint) => {
      const session = env.DB.withSession(start);
      return {
        prepare: (sql: string) => session.prepare(sql),
        batch: (statements: D1PreparedStatement[]) => {
          calls.push(statements.length);
          return session.batch(statements);
        },
        getBookmark: () => session.getBookmark(),
      };
    },
  } as unknown as D1Database;
  return { d1, calls };
}

const rows = async () => (await env.DB.prepare('SELECT v FROM group_commit_probe ORDER BY id').all<{ v: string }>()).results.map((r) => r.v);

beforeEach(async () => {
  await env.DB.exec("CREATE TABLE IF NOT EXISTS group_commit_probe (id INTEGER PRIMARY KEY, v TEXT NOT NULL CHECK (v <> 'bad'))");
  await env.DB.exec('DELETE FROM group_commit_probe');
});

describe('groupCommit', () => {
  it('sends a batch at once when none is in flight, and the batches that queue meanwhile as one', async () => {
    const { d1, calls } = observed();
    const results = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((v) => groupCommit<{ n: number }>(d1, write(v), keepAlive)));
    expect(calls).toEqual([2, 8]);
    // Each member gets its own statements' rows, in arrival order, as if run one after another.
    expect(results.map((r) => r.length)).toEqual([2, 2, 2, 2, 2]);
    expect(results.map((r) => r[1]![0]!.n)).toEqual([1, 2, 3, 4, 5]);
    expect(await rows()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('rolls a failing group back and runs each member alone: only the faulty one fails', async () => {
    const { d1, calls } = observed();
    const outcomes = await Promise.allSettled(['a', 'b', 'bad', 'c'].map((v) => groupCommit(d1, write(v), keepAlive)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(String((outcomes[2] as PromiseRejectedResult).reason)).toMatch(/CHECK constraint failed/);
    // a alone; then b, bad, c together (rolled back); then each of them alone.
    expect(calls).toEqual([2, 6, 2, 2, 2]);
    expect(await rows()).toEqual(['a', 'b', 'c']);
  });

  it('records statements and the bookmark in the scope of each request, whichever request sent the group', async () => {
    const { d1 } = observed();
    const usage = (): D1Usage => ({ statements: 0, durationMs: 0, rowsRead: 0, rowsWritten: 0 });
    const member = (u: D1Usage, statements: ReturnType<typeof statement>[]) =>
      runInSession(env.DB, 'first-primary', () =>
        measureD1(u, async () => {
          expect(currentBookmark()).toBeNull();
          await groupCommit(d1, statements, keepAlive);
          return currentBookmark();
        }),
      );
    const [first, second, third] = [usage(), usage(), usage()];
    const bookmarks = await Promise.all([member(first, write('a')), member(second, write('b')), member(third, [write('c')[0]!])]);
    expect([first.statements, second.statements, third.statements]).toEqual([2, 2, 1]);
    expect([first.rowsWritten, second.rowsWritten, third.rowsWritten]).toEqual([1, 1, 1]);
    for (const bookmark of bookmarks) expect(bookmark).toEqual(expect.any(String));
  });
});
