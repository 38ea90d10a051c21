import { type Kysely, type Migration, sql } from 'kysely';
import type { StoreKind } from '../schema.ts';

/**
 * IAM OpenID Connect providers (issue 5). `url` is the issuer without `https://`, unique per account; the lists
 * are JSON arrays (at most 100 client ids and 5 thumbprints); tags go in entity_tags under the provider id.
 */
export function oidcProviders(kind: StoreKind): Migration {
  const sortable = (type: string) => (kind === 'postgres' ? sql.raw(`${type} collate "C"`) : sql.raw(type));
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('oidc_providers')
        .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
        .addColumn('account_id', 'varchar(12)', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('url', sortable('varchar(255)'), (c) => c.notNull())
        .addColumn('client_ids', 'text', (c) => c.notNull())
        .addColumn('thumbprints', 'text', (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('oidc_providers_url_unique')
        .on('oidc_providers')
        .columns(['account_id', 'url'])
        .unique()
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('oidc_providers').execute();
    },
  };
}
