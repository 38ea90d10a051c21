import type { Database as BetterSqlite3Database, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/**
 * The SQLite database as Kysely's dialect sees it, with prepared statements reused: Kysely asks the driver to
 * prepare every query afresh, and preparing (parsing and planning the SQL) costs more than running a small query.
 * At most `max` statements are kept, least recently used dropped first (queries with lists of varying length make
 * new SQL text). A statement still busy (a streamed query being read) is never handed out twice: a fresh one is
 * prepared instead.
 */
export function reusingStatements(sqlite: BetterSqlite3Database, max = 256): SqliteDatabase {
  const statements = new Map<string, Statement>();
  return {
    close: () => {
      statements.clear();
      sqlite.close();
    },
    prepare(sql: string) {
      const known = statements.get(sql);
      if (known !== undefined && !known.busy) {
        // Re-inserted so the Map's order is recency order; the first key is the least recently used.
        statements.delete(sql);
        statements.set(sql, known);
        return known;
      }
      const fresh = sqlite.prepare(sql);
      if (known === undefined) {
        statements.set(sql, fresh);
        if (statements.size > max) statements.delete(statements.keys().next().value!);
      }
      return fresh;
    },
  };
}
