/**
 * @module
 * SQLite databases for scripts (node:sqlite, the engine family of D1): an in-memory one with
 * migrations/ applied in order, as wrangler applies them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { repoRoot } from './paths.ts';

export const migrationsDir = join(repoRoot, 'migrations');

export function migrationFiles(): string[] {
  return readdirSync(migrationsDir).filter((f) => /^\d{4}_.*\.sql$/.test(f)).sort();
}

export function migratedMemoryDatabase(): DatabaseSync {
  const db = new DatabaseSync(':memory:');
  db.exec('PRAGMA foreign_keys = ON');
  for (const file of migrationFiles()) db.exec(readFileSync(join(migrationsDir, file), 'utf8'));
  return db;
}
