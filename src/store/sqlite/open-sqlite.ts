import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { KyselyIdentityStore, type OpenedStore } from '../kysely-identity-store.ts';
import { migrateToLatest } from '../migrations/index.ts';
import type { Database } from '../schema.ts';
import { DirectReads } from './direct-reads.ts';
import { reusingStatements } from './reusing-statements.ts';

/** Opens (creating when absent) a SQLite database file, or `:memory:`, with WAL and foreign keys, migrated. */
export async function openSqlite(filename: string): Promise<OpenedStore> {
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  const sqlite = new BetterSqlite3(filename);
  try {
    if (filename !== ':memory:') sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
  } catch (e) {
    sqlite.close();
    throw e;
  }
  const reads = new DirectReads(sqlite, reusingStatements(sqlite));
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: reads.database }) });
  reads.attach(db);
  try {
    await migrateToLatest(db as Kysely<unknown>, 'sqlite');
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return new KyselyIdentityStore(db, 'sqlite');
}
