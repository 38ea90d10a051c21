import { type Kysely, type Migration, sql } from 'kysely';
import type { StoreKind } from '../schema.ts';

/**
 * Account-security items (issue 6): MFA devices, SSH keys, signing certificates, service-specific credentials,
 * password policy and state, credential reports. Owned items go with their user (cascade).
 */
export function accountSecurity(kind: StoreKind): Migration {
  const sortable = (type: string) => (kind === 'postgres' ? sql.raw(`${type} collate "C"`) : sql.raw(type));
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('security_items')
        .addColumn('kind', 'varchar(32)', (c) => c.notNull())
        .addColumn('item_id', 'varchar(512)', (c) => c.notNull())
        .addColumn('account_id', 'varchar(12)', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('user_id', 'varchar(32)', (c) => c.references('users.id').onDelete('cascade'))
        .addColumn('name', 'varchar(512)', (c) => c.notNull())
        .addColumn('name_lower', sortable('varchar(512)'), (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('security_items_pk', ['kind', 'item_id'])
        .execute();
      await db.schema
        .createIndex('security_items_name_unique')
        .on('security_items')
        .columns(['account_id', 'kind', 'name_lower'])
        .unique()
        .execute();
      await db.schema.createIndex('security_items_user').on('security_items').columns(['user_id', 'kind']).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('security_items').execute();
    },
  };
}
