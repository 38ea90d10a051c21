import { type ColumnDefinitionBuilder, type Kysely, type Migration, sql } from 'kysely';
import type { StoreKind } from '../schema.ts';

/**
 * Roles, customer managed policies and their versions, attachments, inline policies, generic tags and instance
 * profiles (issue 4). Sort keys use the byte-wise "C" collation on PostgreSQL, as in 0001.
 */
export function policiesRoles(kind: StoreKind): Migration {
  const sortable = (type: string) => (kind === 'postgres' ? sql.raw(`${type} collate "C"`) : sql.raw(type));
  const account = (c: ColumnDefinitionBuilder) =>
    c.notNull().references('accounts.id').onDelete('cascade');
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('roles')
        .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
        .addColumn('account_id', 'varchar(12)', account)
        .addColumn('name', 'varchar(64)', (c) => c.notNull())
        .addColumn('name_lower', sortable('varchar(64)'), (c) => c.notNull())
        .addColumn('path', 'varchar(512)', (c) => c.notNull())
        .addColumn('partition', 'varchar(32)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('assume_role_policy', 'text', (c) => c.notNull())
        .addColumn('description', 'varchar(1000)')
        .addColumn('max_session_duration', 'integer', (c) => c.notNull())
        .addColumn('permissions_boundary_arn', 'varchar(2048)')
        .addColumn('last_used_at', 'varchar(40)')
        .addColumn('last_used_region', 'varchar(64)')
        .execute();
      await db.schema
        .createIndex('roles_name_unique')
        .on('roles')
        .columns(['account_id', 'name_lower'])
        .unique()
        .execute();

      await db.schema
        .createTable('managed_policies')
        .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
        .addColumn('account_id', 'varchar(12)', account)
        .addColumn('name', 'varchar(128)', (c) => c.notNull())
        .addColumn('name_lower', sortable('varchar(128)'), (c) => c.notNull())
        .addColumn('path', 'varchar(512)', (c) => c.notNull())
        .addColumn('partition', 'varchar(32)', (c) => c.notNull())
        .addColumn('description', 'varchar(1000)')
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('default_version_id', 'varchar(16)', (c) => c.notNull())
        .addColumn('next_version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('managed_policies_name_unique')
        .on('managed_policies')
        .columns(['account_id', 'name_lower'])
        .unique()
        .execute();

      await db.schema
        .createTable('policy_versions')
        .addColumn('policy_id', 'varchar(32)', (c) => c.notNull().references('managed_policies.id').onDelete('cascade'))
        .addColumn('version_id', 'varchar(16)', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addPrimaryKeyConstraint('policy_versions_pk', ['policy_id', 'version_id'])
        .execute();

      // holder_id is a user, group or role id; the services refuse to delete a holder with attachments.
      await db.schema
        .createTable('policy_attachments')
        .addColumn('holder_id', 'varchar(32)', (c) => c.notNull())
        .addColumn('account_id', 'varchar(12)', account)
        .addColumn('holder_type', 'varchar(8)', (c) => c.notNull())
        .addColumn('policy_ref', sortable('varchar(700)'), (c) => c.notNull())
        .addColumn('policy_name', 'varchar(128)', (c) => c.notNull())
        .addColumn('policy_name_lower', sortable('varchar(128)'), (c) => c.notNull())
        .addColumn('policy_path', 'varchar(512)', (c) => c.notNull())
        .addColumn('attached_at', 'varchar(40)', (c) => c.notNull())
        .addPrimaryKeyConstraint('policy_attachments_pk', ['holder_id', 'policy_ref'])
        .execute();
      await db.schema
        .createIndex('policy_attachments_policy')
        .on('policy_attachments')
        .columns(['account_id', 'policy_ref'])
        .execute();

      await db.schema
        .createTable('inline_policies')
        .addColumn('holder_id', 'varchar(32)', (c) => c.notNull())
        .addColumn('account_id', 'varchar(12)', account)
        .addColumn('holder_type', 'varchar(8)', (c) => c.notNull())
        .addColumn('name', 'varchar(128)', (c) => c.notNull())
        .addColumn('name_lower', sortable('varchar(128)'), (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('inline_policies_pk', ['holder_id', 'name_lower'])
        .execute();

      await db.schema
        .createTable('entity_tags')
        .addColumn('entity_id', 'varchar(32)', (c) => c.notNull())
        .addColumn('account_id', 'varchar(12)', account)
        .addColumn('key', 'varchar(128)', (c) => c.notNull())
        .addColumn('key_lower', 'varchar(128)', (c) => c.notNull())
        .addColumn('value', 'varchar(256)', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('entity_tags_pk', ['entity_id', 'key_lower'])
        .execute();

      await db.schema
        .createTable('instance_profiles')
        .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
        .addColumn('account_id', 'varchar(12)', account)
        .addColumn('name', 'varchar(128)', (c) => c.notNull())
        .addColumn('name_lower', sortable('varchar(128)'), (c) => c.notNull())
        .addColumn('path', 'varchar(512)', (c) => c.notNull())
        .addColumn('partition', 'varchar(32)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('instance_profiles_name_unique')
        .on('instance_profiles')
        .columns(['account_id', 'name_lower'])
        .unique()
        .execute();

      await db.schema
        .createTable('instance_profile_roles')
        .addColumn('instance_profile_id', 'varchar(32)', (c) =>
          c.primaryKey().references('instance_profiles.id').onDelete('cascade'),
        )
        .addColumn('role_id', 'varchar(32)', (c) => c.notNull().references('roles.id').onDelete('cascade'))
        .addColumn('added_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('instance_profile_roles_role')
        .on('instance_profile_roles')
        .column('role_id')
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const t of [
        'instance_profile_roles',
        'instance_profiles',
        'entity_tags',
        'inline_policies',
        'policy_attachments',
        'policy_versions',
        'managed_policies',
        'roles',
      ]) {
        await db.schema.dropTable(t).execute();
      }
    },
  };
}
