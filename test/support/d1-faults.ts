/**
 * @module
 * A D1 binding that fails the way D1 does when it is unreachable, overloaded or timing out, from
 * a chosen statement on. The Worker under test (SELF) runs in this isolate, so patching the
 * binding's prototype changes the database the real handlers see; statements before the chosen
 * one run for real, so a request can be cut off between its reads and its writes.
 */
import { env } from 'cloudflare:test';

type Prepare = D1Database['prepare'];
type Batch = D1Database['batch'];
const d1Prototype = Object.getPrototypeOf(env.DB) as { prepare: Prepare; batch: Batch };

/** Errors as D1 reports them (kysely-d1 passes them on unchanged). */
export const d1Faults = {
  outage: () => new Error('D1_ERROR: Network connection lost.'),
  timeout: () => new Error('D1_ERROR: D1 DB storage operation exceeded timeout which caused object to be reset.'),
  overload: () => new Error('D1_ERROR: D1 DB is overloaded. Requests queued for too long.'),
} as const;

export type D1Fault = keyof typeof d1Faults;

/** Runs `body` while every D1 statement after the first `afterStatements` fails with `fault`. */
export async function withD1Failing<T>(fault: D1Fault, afterStatements: number, body: () => Promise<T>): Promise<T> {
  const { prepare, batch } = d1Prototype;
  let prepared = 0;
  d1Prototype.prepare = function (this: D1Database, query: string) {
    prepared += 1;
    if (prepared > afterStatements) throw d1Faults[fault]();
    return prepare.call(this, query);
  };
  // A batch's statements are prepared before it runs; once the limit is passed, no batch runs.
  d1Prototype.batch = function (this: D1Database, statements) {
    if (prepared >= afterStatements) return Promise.reject(d1Faults[fault]());
    return batch.call(this, statements);
  } as Batch;
  try {
    return await body();
  } finally {
    d1Prototype.prepare = prepare;
    d1Prototype.batch = batch;
  }
}

const TABLES = [
  'workspaces', 'boards', 'end_users', 'feedback_items', 'feedback_votes', 'feedback_comments', 'duplicate_groups',
  'roadmaps', 'roadmap_phases', 'roadmap_items', 'themes', 'widget_configs', 'workspace_branding',
];

/** Every row the API writes (api keys without their last-use time, which a read may touch), to compare before and after. */
export async function databaseSnapshot(): Promise<string> {
  const dump: Record<string, unknown[]> = {};
  for (const table of TABLES) dump[table] = (await env.DB.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()).results;
  dump.api_keys = (await env.DB.prepare('SELECT id, workspace_id, name, prefix, key_hash, created_at, revoked_at FROM api_keys ORDER BY id').all()).results;
  return JSON.stringify(dump);
}
