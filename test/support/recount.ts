/**
 * @module
 * Reading counters next to what the votes and comments say, straight from D1 (independent of the
 * triggers and of the reconciliation code): the trend is recomputed here in JavaScript.
 */
import { env } from 'cloudflare:test';
import { addTrendTerm, initialTrend, trendTerm } from '../../src/queries/trend.ts';

export interface CounterCheck {
  id: number;
  stored: { vote_count: number; voter_count: number; comment_count: number; trend_score: number };
  recount: { vote_count: number; voter_count: number; comment_count: number; trend_score: number };
}

export async function recountItems(ids: number[]): Promise<CounterCheck[]> {
  const checks: CounterCheck[] = [];
  for (const id of ids) {
    const item = await env.DB.prepare('SELECT vote_count, voter_count, comment_count, trend_score, created_at FROM feedback_items WHERE id = ?')
      .bind(id)
      .first<{ vote_count: number; voter_count: number; comment_count: number; trend_score: number; created_at: number }>();
    if (!item) throw new Error(`item ${id} missing`);
    const votes = await env.DB.prepare('SELECT weight, created_at FROM feedback_votes WHERE feedback_id = ?').bind(id).all<{ weight: number; created_at: number }>();
    const comments = await env.DB.prepare('SELECT count(*) AS n FROM feedback_comments WHERE feedback_id = ? AND is_internal = 0 AND is_hidden = 0 AND deleted_at IS NULL').bind(id).first<{ n: number }>();
    const trend = votes.results.reduce((score, v) => addTrendTerm(score, trendTerm(v.created_at, v.weight)), initialTrend(item.created_at));
    checks.push({
      id,
      stored: { vote_count: item.vote_count, voter_count: item.voter_count, comment_count: item.comment_count, trend_score: item.trend_score },
      recount: {
        vote_count: votes.results.reduce((sum, v) => sum + v.weight, 0),
        voter_count: votes.results.length,
        comment_count: comments?.n ?? 0,
        trend_score: trend,
      },
    });
  }
  return checks;
}

/** Differences beyond float noise, as readable strings (empty when every counter is exact). */
export function drift(checks: CounterCheck[]): string[] {
  return checks.flatMap(({ id, stored, recount }) => {
    const problems: string[] = [];
    for (const key of ['vote_count', 'voter_count', 'comment_count'] as const) {
      if (stored[key] !== recount[key]) problems.push(`item ${id} ${key}: stored ${stored[key]}, recount ${recount[key]}`);
    }
    if (Math.abs(stored.trend_score - recount.trend_score) > 1e-9) {
      problems.push(`item ${id} trend_score: stored ${stored.trend_score}, recount ${recount.trend_score}`);
    }
    return problems;
  });
}
