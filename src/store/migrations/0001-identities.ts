import { type Kysely, type Migration, sql } from 'kysely';
import type { StoreKind } from '../schema.ts';

/**
 * Accounts, users, tags, groups, memberships, access keys and login profiles (issue 3). Sort keys get the byte-wise
 * "C" collation on PostgreSQL so listings order exactly as on SQLite (BINARY).
 */
export function identities(kind: StoreKind): Migration {
  const sortable = (type: string) => (kind === 'postgres' ? sql.raw(`${type} collate "C"`) : sql.raw(type));
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('accounts')
        .addColumn('id', 'varchar(12)', (c) => c.primaryKey())
        .addColumn('alias', 'varchar(63)', (c) => c.unique())
        .addColumn('partition', 'varchar(32)', (c) => c.notNull().defaultTo('aws'))
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('generation', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();

      await db.schema
        .createTable('users')
        .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
        .addColumn('account_id', 'varchar(12)', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('name', 'varchar(64)', (c) => c.notNull())
        .addColumn('name_lower', sortable('varchar(64)'), (c) => c.notNull())
        .addColumn('path', 'varchar(512)', (c) => c.notNull())
        .addColumn('partition', 'varchar(32)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('permissions_boundary_arn', 'varchar(2048)')
        .addColumn('password_last_used', 'varchar(40)')
        .execute();
      await db.schema
        .createIndex('users_name_unique')
        .on('users')
        .columns(['account_id', 'name_lower'])
        .unique()
        .execute();

      await db.schema
        .createTable('user_tags')
        .addColumn('user_id', 'varchar(32)', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('key', 'varchar(128)', (c) => c.notNull())
        .addColumn('key_lower', 'varchar(128)', (c) => c.notNull())
        .addColumn('value', 'varchar(256)', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('user_tags_pk', ['user_id', 'key_lower'])
        .execute();

      await db.schema
        .createTable('iam_groups')
        .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
        .addColumn('account_id', 'varchar(12)', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('name', 'varchar(128)', (c) => c.notNull())
        .addColumn('name_lower', sortable('varchar(128)'), (c) => c.notNull())
        .addColumn('path', 'varchar(512)', (c) => c.notNull())
        .addColumn('partition', 'varchar(32)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('iam_groups_name_unique')
        .on('iam_groups')
        .columns(['account_id', 'name_lower'])
        .unique()
        .execute();

      await db.schema
        .createTable('group_members')
        .addColumn('group_id', 'varchar(32)', (c) => c.notNull().references('iam_groups.id').onDelete('cascade'))
        .addColumn('user_id', 'varchar(32)', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('added_at', 'varchar(40)', (c) => c.notNull())
        .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'user_id'])
        .execute();
      await db.schema.createIndex('group_members_user').on('group_members').column('user_id').execute();

      await db.schema
        .createTable('access_keys')
        .addColumn('id', sortable('varchar(128)'), (c) => c.primaryKey())
        .addColumn('account_id', 'varchar(12)', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('user_id', 'varchar(32)', (c) => c.references('users.id').onDelete('cascade'))
        .addColumn('secret_sealed', 'varchar(512)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('last_used_at', 'varchar(40)')
        .addColumn('last_used_service', 'varchar(128)')
        .addColumn('last_used_region', 'varchar(64)')
        .execute();
      await db.schema.createIndex('access_keys_owner').on('access_keys').columns(['account_id', 'user_id']).execute();

      await db.schema
        .createTable('login_profiles')
        .addColumn('user_id', 'varchar(32)', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
        .addColumn('account_id', 'varchar(12)', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('password_hash', 'varchar(512)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('reset_required', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const t of [
        'login_profiles',
        'access_keys',
        'group_members',
        'iam_groups',
        'user_tags',
        'users',
        'accounts',
      ]) {
        await db.schema.dropTable(t).execute();
      }
    },
  };
}
