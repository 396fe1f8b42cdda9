/**
 * @module
 * kysely-d1's dialect without kysely's connection mutex. kysely serializes every query of a SQLite
 * dialect through one lock, because a SQLite file handle is one connection; a D1 query is an
 * independent request with no connection state. With the lock, one kysely instance serializes all
 * queries of an isolate across requests, and a request cancelled while holding the lock (a client
 * that went away) leaves every later query waiting forever.
 */
import { SqliteAdapter } from 'kysely';
import { D1Dialect } from 'kysely-d1';

class D1Adapter extends SqliteAdapter {
  override get supportsMultipleConnections(): boolean {
    return true;
  }
}

export class ConcurrentD1Dialect extends D1Dialect {
  override createAdapter(): SqliteAdapter {
    return new D1Adapter();
  }
}
