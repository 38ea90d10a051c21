import type { RootLoginRecord, SecurityItemKind, SecurityItemRecord, SecurityWriter } from '../identity/index.ts';
import { KyselyPolicyWriter } from './kysely-policy-writer.ts';
import type { SecurityItemsTable } from './schema.ts';
import { unique } from './unique-violation.ts';

/** Writes of account-security items (inside a transaction). */
export class KyselySecurityWriter extends KyselyPolicyWriter implements SecurityWriter {
  async insertSecurityItem(item: SecurityItemRecord, duplicateMessage: string): Promise<void> {
    await unique(
      this.db
        .insertInto('security_items')
        .values({
          kind: item.kind,
          item_id: item.itemId,
          account_id: item.accountId,
          user_id: item.userId,
          name: item.name,
          name_lower: item.name.toLowerCase(),
          created_at: item.createDate.toISOString(),
          body: item.body,
        })
        .execute(),
      duplicateMessage,
    );
  }

  async updateSecurityItem(
    kind: SecurityItemKind,
    itemId: string,
    change: { userId?: string | null; body?: string },
  ): Promise<void> {
    const set: Partial<SecurityItemsTable> = {};
    if (change.userId !== undefined) set.user_id = change.userId;
    if (change.body !== undefined) set.body = change.body;
    if (Object.keys(set).length === 0) return;
    await this.db.updateTable('security_items').set(set).where('kind', '=', kind).where('item_id', '=', itemId).execute();
  }

  async deleteSecurityItem(kind: SecurityItemKind, itemId: string): Promise<void> {
    await this.db.deleteFrom('security_items').where('kind', '=', kind).where('item_id', '=', itemId).execute();
  }

  async recordPasswordUse(userId: string, at: Date): Promise<void> {
    await this.db.updateTable('users').set({ password_last_used: at.toISOString() }).where('id', '=', userId).execute();
  }

  async putRootLogin(r: RootLoginRecord): Promise<void> {
    const row = {
      email: r.email,
      email_lower: r.email.toLowerCase(),
      password_hash: r.passwordHash,
      password_changed_at: r.passwordChangedAt?.toISOString() ?? null,
      password_last_used: r.passwordLastUsed?.toISOString() ?? null,
    };
    const taken = 'The e-mail address is already the root address of another account.';
    const updated = await unique(
      this.db.updateTable('root_logins').set(row).where('account_id', '=', r.accountId).executeTakeFirst(),
      taken,
    );
    if (Number(updated.numUpdatedRows) === 0)
      await unique(this.db.insertInto('root_logins').values({ account_id: r.accountId, ...row }).execute(), taken);
  }

  async recordRootPasswordUse(accountId: string, at: Date): Promise<void> {
    await this.db
      .updateTable('root_logins')
      .set({ password_last_used: at.toISOString() })
      .where('account_id', '=', accountId)
      .execute();
  }
}
