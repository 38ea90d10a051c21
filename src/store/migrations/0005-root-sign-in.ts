import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../schema.ts';

/**
 * The root user's console login (issue 6): one row per account with the root e-mail address (unique across
 * accounts, case-insensitively) and the argon2id password hash. Goes with its account (cascade).
 */
export function rootSignIn(_kind: StoreKind): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('root_logins')
        .addColumn('account_id', 'varchar(12)', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
        .addColumn('email', 'varchar(254)', (c) => c.notNull())
        .addColumn('email_lower', 'varchar(254)', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text')
        .addColumn('password_changed_at', 'varchar(40)')
        .addColumn('password_last_used', 'varchar(40)')
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('root_logins').execute();
    },
  };
}
