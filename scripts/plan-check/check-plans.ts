/**
 * @module
 * Runs `EXPLAIN QUERY PLAN` for each hot query against a SQLite database with our schema and
 * judges the plan: no SCAN of a large table (by name or by its alias in the query), no
 * `USE TEMP B-TREE FOR ORDER BY`, and the expected index searched where one is named.
 */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { captureQueries, compileOnlyDb } from '../lib/compile-only-db.ts';
import type { HotQuery } from './hot-queries.ts';

export const LARGE_TABLES = ['feedback_items', 'feedback_votes', 'feedback_comments', 'end_users'];

export interface PlanVerdict {
  name: string;
  sql: string[];
  plan: string[];
  problems: string[];
}

/** Table names and aliases in the SQL that stand for a large table. */
function largeTableNames(sql: string): Set<string> {
  const names = new Set(LARGE_TABLES);
  for (const match of sql.matchAll(/"(\w+)" as "(\w+)"/g)) {
    if (LARGE_TABLES.includes(match[1]!)) names.add(match[2]!);
  }
  // Unquoted aliases in hand-written fragments (the trend recount: `feedback_votes tv`).
  for (const match of sql.matchAll(/\b(\w+) (\w+) WHERE/g)) {
    if (LARGE_TABLES.includes(match[1]!)) names.add(match[2]!);
  }
  return names;
}

function judge(sql: string, plan: string[], ranked: boolean): string[] {
  const problems: string[] = [];
  const large = largeTableNames(sql);
  for (const line of plan) {
    const scan = /^SCAN (\w+)/.exec(line);
    if (scan && large.has(scan[1]!)) problems.push(`full scan: ${line}`);
    if (!ranked && /USE TEMP B-TREE FOR (RIGHT PART OF |LAST TERM OF )?ORDER BY/.test(line)) {
      problems.push(`sort in a temporary B-tree: ${line}`);
    }
  }
  if (ranked) {
    // The matches must drive: the full-text index first, then each item by its id.
    const first = plan.findIndex((line) => /^(SCAN|SEARCH) /.test(line));
    if (!/^SCAN feedback_search VIRTUAL TABLE INDEX \d+:M/.test(plan[first] ?? '')) problems.push('a ranked search must start from a MATCH of feedback_search');
    if (!plan.some((line) => /^SEARCH f USING INTEGER PRIMARY KEY/.test(line))) problems.push('a ranked search must find each matching item by id');
    // Cut to its page, it reads the matches twice (the page's end, then the join): once from the index.
    if (/from "m" as "c"/.test(sql) && !plan.includes('MATERIALIZE m')) problems.push('a ranked search cut to its page must read the index once (MATERIALIZE m)');
  }
  return problems;
}

export async function checkPlans(sqlite: DatabaseSync, queries: HotQuery[]): Promise<PlanVerdict[]> {
  const compileOnly = compileOnlyDb();
  const verdicts: PlanVerdict[] = [];
  for (const query of queries) {
    const compiled = await captureQueries(compileOnly, query.build);
    const verdict: PlanVerdict = { name: query.name, sql: [], plan: [], problems: [] };
    if (compiled.length === 0) verdict.problems.push('the query function produced no SQL');
    for (const statement of compiled) {
      verdict.sql.push(statement.sql);
      const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${statement.sql}`).all(...(statement.parameters as SQLInputValue[]));
      const plan = rows.map((row) => String(row.detail));
      verdict.plan.push(...plan);
      verdict.problems.push(...judge(statement.sql, plan, query.ranked === true));
    }
    if (query.uses && !verdict.plan.some((line) => query.uses!.some((index) => new RegExp(`\\bINDEX ${index}\\b`).test(line)))) {
      verdict.problems.push(`expected a search of ${query.uses.join(' or ')}`);
    }
    verdicts.push(verdict);
  }
  return verdicts;
}
