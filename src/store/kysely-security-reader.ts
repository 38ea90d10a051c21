import type { RootLoginRecord, SecurityItemKind, SecurityItemRecord, SecurityReader } from '../identity/index.ts';
import { KyselyReader } from './kysely-reader.ts';
import type { RootLoginsTable, SecurityItemsTable } from './schema.ts';

/** A row as a domain record. */
export function toSecurityItem(r: SecurityItemsTable): SecurityItemRecord {
  return {
    kind: r.kind as SecurityItemKind,
    itemId: r.item_id,
    accountId: r.account_id,
    userId: r.user_id,
    name: r.name,
    createDate: new Date(r.created_at),
    body: r.body,
  };
}

const orNull = (t: string | null): Date | null => (t === null ? null : new Date(t));

/** A root login row as a domain record. */
function toRootLogin(r: RootLoginsTable): RootLoginRecord {
  return {
    accountId: r.account_id,
    email: r.email,
    passwordHash: r.password_hash,
    passwordChangedAt: orNull(r.password_changed_at),
    passwordLastUsed: orNull(r.password_last_used),
  };
}

/** Reads of account-security items and root logins (issue 6), layered on the identity reader. */
export class KyselySecurityReader extends KyselyReader implements SecurityReader {
  async getSecurityItem(kind: SecurityItemKind, itemId: string): Promise<SecurityItemRecord | undefined> {
    const row = await this.db
      .selectFrom('security_items')
      .selectAll()
      .where('kind', '=', kind)
      .where('item_id', '=', itemId)
      .executeTakeFirst();
    return row ? toSecurityItem(row) : undefined;
  }

  async listSecurityItems(
    accountId: string,
    kind: SecurityItemKind,
    filter: { userId?: string } = {},
  ): Promise<SecurityItemRecord[]> {
    let q = this.db
      .selectFrom('security_items')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('kind', '=', kind);
    if (filter.userId !== undefined) q = q.where('user_id', '=', filter.userId);
    const rows = await q.orderBy('name_lower').execute();
    return rows.map(toSecurityItem);
  }

  async getRootLogin(accountId: string): Promise<RootLoginRecord | undefined> {
    const row = await this.db.selectFrom('root_logins').selectAll().where('account_id', '=', accountId).executeTakeFirst();
    return row ? toRootLogin(row) : undefined;
  }

  async findRootLoginByEmail(email: string): Promise<RootLoginRecord | undefined> {
    const row = await this.db
      .selectFrom('root_logins')
      .selectAll()
      .where('email_lower', '=', email.toLowerCase())
      .executeTakeFirst();
    return row ? toRootLogin(row) : undefined;
  }
}
