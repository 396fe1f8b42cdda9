/**
 * @module
 * The local D1 database file that `wrangler dev` and `wrangler d1 … --local` use. Miniflare names
 * it by a hash under .wrangler/state/v3/d1/; we find it by content (it has our schema) rather than
 * by recomputing the hash, and refuse to guess between several.
 */
import { existsSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { repoRoot } from './paths.ts';

export const localD1Dir = join(repoRoot, '.wrangler', 'state', 'v3', 'd1');

function sqliteFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sqliteFiles(path);
    return entry.name.endsWith('.sqlite') && entry.name !== 'metadata.sqlite' ? [path] : [];
  });
}

function hasOurSchema(file: string): boolean {
  try {
    const db = new DatabaseSync(file, { readOnly: true });
    const row = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('feedback_items', 'd1_migrations')").get();
    db.close();
    return Number(row?.n) === 2;
  } catch {
    return false;
  }
}

/** The migrated local D1 file; throws with the command to create it when there is none. */
export function localD1File(): string {
  const candidates = sqliteFiles(localD1Dir).filter(hasOurSchema);
  if (candidates.length === 0) {
    throw new Error(`No migrated local D1 under ${localD1Dir}: run \`npx wrangler d1 migrations apply DB --local\` (or \`npm start\`) first.`);
  }
  if (candidates.length > 1) {
    candidates.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    console.warn(`Several local D1 databases; using the most recently written: ${candidates[0]}`);
  }
  return candidates[0]!;
}

/**
 * Processes that have the file open (Linux /proc; elsewhere none are found). Writing beside a
 * running `wrangler dev` is unsafe: workerd keeps its own connection and page cache.
 */
export function processesHoldingFile(file: string): number[] {
  if (!existsSync('/proc')) return [];
  const holders: number[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    if (Number(pid) === process.pid) continue;
    try {
      const fds = readdirSync(`/proc/${pid}/fd`);
      if (fds.some((fd) => readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith(file))) holders.push(Number(pid));
    } catch {
      // Not ours to read, or gone.
    }
  }
  return holders;
}
