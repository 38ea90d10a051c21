import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { StoreKind } from '../schema.ts';
import { identities } from './0001-identities.ts';
import { policiesRoles } from './0002-policies-roles.ts';
import { accountSecurity } from './0003-account-security.ts';
import { oidcProviders } from './0004-oidc-providers.ts';
import { rootSignIn } from './0005-root-sign-in.ts';

/** Migrations written in code, applied in key order; never edit one that has shipped, add the next. */
export function migrations(kind: StoreKind): Record<string, Migration> {
  return {
    '0001-identities': identities(kind),
    '0002-policies-roles': policiesRoles(kind),
    '0003-account-security': accountSecurity(kind),
    '0004-oidc-providers': oidcProviders(kind),
    '0005-root-sign-in': rootSignIn(kind),
  };
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<unknown>, kind: StoreKind): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(kind) };
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'iamd_migrations',
    migrationLockTableName: 'iamd_migration_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
