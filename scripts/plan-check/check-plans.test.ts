import { describe, expect, it } from 'vitest';
import { migratedMemoryDatabase } from '../lib/migrated-sqlite.ts';
import { checkPlans } from './check-plans.ts';
import { hotQueries } from './hot-queries.ts';

function listIndexesOf0002(): string[] {
  const db = migratedMemoryDatabase();
  const names = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'idx_feedback_list_%' ORDER BY name")
    .all()
    .map((row) => String(row.name));
  db.close();
  return names;
}

describe('plan check', () => {
  it('passes on the migrated schema', async () => {
    const verdicts = await checkPlans(migratedMemoryDatabase(), hotQueries);
    expect(verdicts.filter((v) => v.problems.length > 0)).toEqual([]);
  });

  it('fails with a temporary B-tree sort when the list index for a sort is dropped', async () => {
    const db = migratedMemoryDatabase();
    db.exec('DROP INDEX idx_feedback_list_votes');
    const failed = (await checkPlans(db, hotQueries)).filter((v) => v.problems.length > 0);
    expect(failed.map((v) => v.name)).toContain('listFeedback vote_count first page');
    expect(failed.flatMap((v) => v.problems).some((p) => p.includes('USE TEMP B-TREE FOR ORDER BY') || p.startsWith('full scan'))).toBe(true);
  });

  it('fails on a full scan when the vote lookup index is dropped', async () => {
    const db = migratedMemoryDatabase();
    db.exec('DROP INDEX idx_votes_user');
    const failed = (await checkPlans(db, hotQueries)).filter((v) => v.problems.length > 0);
    expect(failed.map((v) => v.name)).toContain('getUserVotes (batch vote lookup, 50 items)');
  });

  it('a ranked query must start from a MATCH of the full-text index and find items by id', async () => {
    const db = migratedMemoryDatabase();
    const notFromTheIndex = { name: 'ranked, but a list', ranked: true as const, build: hotQueries.find((q) => q.name === 'listAdminFeedback first page')!.build };
    const [verdict] = await checkPlans(db, [notFromTheIndex]);
    expect(verdict!.problems).toContain('a ranked search must start from a MATCH of feedback_search');
    const search = hotQueries.filter((q) => q.ranked);
    expect(search.length).toBeGreaterThan(0);
    expect((await checkPlans(db, search)).flatMap((v) => v.problems)).toEqual([]);
  });

  it('every list index is needed: dropping any one fails a query', async () => {
    const indexes = listIndexesOf0002();
    expect(indexes).toHaveLength(12);
    for (const index of indexes) {
      const db = migratedMemoryDatabase();
      db.exec(`DROP INDEX ${index}`);
      const failed = (await checkPlans(db, hotQueries)).filter((v) => v.problems.length > 0);
      expect(failed.length, `dropping ${index}`).toBeGreaterThan(0);
      db.close();
    }
  });
});
