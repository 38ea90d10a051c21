import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { KyselyIdentityStore, type OpenedStore } from '../kysely-identity-store.ts';
import { migrateToLatest } from '../migrations/index.ts';
import type { Database } from '../schema.ts';

/** Opens a PostgreSQL database by URL (a pool), migrated. */
export async function openPostgres(databaseUrl: string, options: { poolSize?: number } = {}): Promise<OpenedStore> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10 });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db as Kysely<unknown>, 'postgres');
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return new KyselyIdentityStore(db, 'postgres');
}
