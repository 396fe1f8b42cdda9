import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { database } from '../../src/db/client.ts';
import worker from '../../src/index.ts';
import { reconcileCounters } from '../../src/queries/counter-reconciliation.ts';
import { api, castVote, createFeedback, createWorkspace } from '../support/api.ts';
import { drift, recountItems } from '../support/recount.ts';

async function runCron(): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '*/15 * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

async function activeItemWithVotes(votes: number): Promise<{ id: number }> {
  const ws = await createWorkspace();
  const item = await createFeedback(ws, 'Reconciled item');
  for (let u = 0; u < votes; u++) {
    await castVote(ws, item.id, `r${u}`, 1 + (u % 3));
  }
  await api(`/api/v1/${ws.slug}/${ws.board}/feedback/${item.id}/comments`, { body: { externalUserId: 'r0', body: 'a comment' } });
  return item;
}

describe('counter reconciliation (cron)', () => {
  it('corrects counters corrupted behind the triggers’ back', async () => {
    const item = await activeItemWithVotes(5);
    await env.DB.prepare('UPDATE feedback_items SET vote_count = 999, voter_count = 1, comment_count = 42, trend_score = 0 WHERE id = ?')
      .bind(item.id)
      .run();
    expect(drift(await recountItems([item.id]))).toHaveLength(4);

    await runCron();
    expect(drift(await recountItems([item.id]))).toEqual([]);
  });

  it('finds nothing to correct where the triggers kept the counters', async () => {
    const item = await activeItemWithVotes(4);
    const report = await reconcileCounters(env.DB, database(env.DB), { at: Date.now(), batchSize: 1000, maxBatches: 10, lookbackMs: 3_600_000 });
    expect(report.checked).toBeGreaterThan(0);
    expect(report.corrected).not.toContain(item.id);
  });

  it('stops at its bound and continues from its watermark on the next run', async () => {
    const items = [await activeItemWithVotes(1), await activeItemWithVotes(1), await activeItemWithVotes(1)];
    for (const item of items) await env.DB.prepare('UPDATE feedback_items SET vote_count = 77 WHERE id = ?').bind(item.id).run();
    const options = { at: Date.now(), batchSize: 2, maxBatches: 1, lookbackMs: 3_600_000 };
    const db = database(env.DB);
    const first = await reconcileCounters(env.DB, db, options);
    expect(first.checked).toBe(2);
    expect(first.caughtUp).toBe(false);
    const corrected = [...first.corrected];
    for (let run = 0; run < 100 && corrected.length < 3; run++) {
      const next = await reconcileCounters(env.DB, db, options);
      corrected.push(...next.corrected);
      if (next.caughtUp) break;
    }
    expect(corrected.filter((id) => items.some((i) => i.id === id)).sort()).toEqual(items.map((i) => i.id).sort());
    expect(drift(await recountItems(items.map((i) => i.id)))).toEqual([]);
  });
});
