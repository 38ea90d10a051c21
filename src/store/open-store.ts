import { join } from 'node:path';
import type { OpenedStore } from './kysely-identity-store.ts';
import { openPostgres } from './postgres/open-postgres.ts';
import { openSqlite } from './sqlite/open-sqlite.ts';

export type { OpenedStore } from './kysely-identity-store.ts';

/** Where the data lives: PostgreSQL by URL, else a SQLite file (`<dataDir>/iamd.sqlite`, or `filename`). */
export type OpenStoreOptions = { databaseUrl?: string; dataDir?: string; filename?: string };

/**
 * Opens the identity store and applies pending migrations. PostgreSQL when `databaseUrl` starts with
 * `postgres://` or `postgresql://`; otherwise SQLite at `filename` (`:memory:` allowed) or `<dataDir>/iamd.sqlite`.
 */
export async function openStore(options: OpenStoreOptions): Promise<OpenedStore> {
  const url = options.databaseUrl;
  if (url) {
    if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url);
    throw new Error('database URL must start with postgres:// or postgresql://');
  }
  const filename = options.filename ?? join(options.dataDir ?? '.', 'iamd.sqlite');
  return openSqlite(filename);
}
