import { type Kysely, sql } from 'kysely';
import type {
  AccessKeyRecord,
  AccountRecord,
  GroupRecord,
  IdentityReader,
  LoginProfileRecord,
  OidcProviderReader,
  PageQuery,
  TagRecord,
  UserDependents,
  UserRecord,
} from '../identity/index.ts';
import { CompiledOnce } from './compiled-once.ts';
import { KyselyPolicyReader } from './kysely-policy-reader.ts';
import { toAccessKey, toAccount, toGroup, toLoginProfile, toUser } from './rows.ts';
import type { Database } from './schema.ts';

/** Kysely returns counts as number (SQLite) or string (PostgreSQL). */
const num = (v: unknown): number => Number(v ?? 0);

// The hot reads (GetUser, credential resolution, account look-ups), compiled once: see CompiledOnce.
const ACCOUNT = new CompiledOnce((db: Kysely<Database>, slot) =>
  db.selectFrom('accounts').selectAll().where('id', '=', slot(0)),
);
const USER_BY_NAME = new CompiledOnce((db: Kysely<Database>, slot) =>
  db.selectFrom('users').selectAll().where('account_id', '=', slot(0)).where('name_lower', '=', slot(1)),
);
const USER_BY_ID = new CompiledOnce((db: Kysely<Database>, slot) =>
  db.selectFrom('users').selectAll().where('account_id', '=', slot(0)).where('id', '=', slot(1)),
);
const USER_WITH_TAGS = new CompiledOnce((db: Kysely<Database>, slot) =>
  db
    .selectFrom('users')
    .leftJoin('user_tags', 'user_tags.user_id', 'users.id')
    .selectAll('users')
    .select(['user_tags.key as tag_key', 'user_tags.value as tag_value'])
    .where('users.account_id', '=', slot(0))
    .where('users.name_lower', '=', slot(1))
    .orderBy('user_tags.position'),
  // GetUser's read: on SQLite served from memory until the next write (see DirectReads).
  { cached: true },
);
const USER_TAGS = new CompiledOnce((db: Kysely<Database>, slot) =>
  db.selectFrom('user_tags').select(['key', 'value']).where('user_id', '=', slot(0)).orderBy('position'),
);
const ACCESS_KEY = new CompiledOnce((db: Kysely<Database>, slot) =>
  db.selectFrom('access_keys').selectAll().where('id', '=', slot(0)),
);

/** The read half of the port over any Kysely executor (the database or a transaction). */
// The security reads come from the subclass KyselySecurityReader (issue 6).
export class KyselyReader
  extends KyselyPolicyReader
  implements Omit<IdentityReader, 'getSecurityItem' | 'listSecurityItems' | 'getRootLogin' | 'findRootLoginByEmail' | keyof OidcProviderReader>
{
  async getAccount(accountId: string): Promise<AccountRecord | undefined> {
    const r = await ACCOUNT.first(this.db, [accountId]);
    return r && toAccount(r);
  }
  async findAccountByAlias(alias: string): Promise<AccountRecord | undefined> {
    const r = await this.db.selectFrom('accounts').selectAll().where('alias', '=', alias).executeTakeFirst();
    return r && toAccount(r);
  }
  async listAccounts(): Promise<AccountRecord[]> {
    return (await this.db.selectFrom('accounts').selectAll().orderBy('id').execute()).map(toAccount);
  }

  async getUserByName(accountId: string, userName: string): Promise<UserRecord | undefined> {
    const r = await USER_BY_NAME.first(this.db, [accountId, userName.toLowerCase()]);
    return r && toUser(r);
  }
  async getUserWithTags(
    accountId: string,
    userName: string,
  ): Promise<{ user: UserRecord; tags: TagRecord[] } | undefined> {
    const { rows } = await USER_WITH_TAGS.execute(this.db, [accountId, userName.toLowerCase()]);
    const first = rows[0];
    if (first === undefined) return undefined;
    // One row per tag in position order; a user without tags is one row whose tag columns are null.
    const tags: TagRecord[] = [];
    for (const r of rows) {
      if (r.tag_key !== null && r.tag_value !== null) tags.push({ key: r.tag_key, value: r.tag_value });
    }
    return { user: toUser(first), tags };
  }
  async getUserById(accountId: string, userId: string): Promise<UserRecord | undefined> {
    const r = await USER_BY_ID.first(this.db, [accountId, userId]);
    return r && toUser(r);
  }
  async listUsers(accountId: string, q: PageQuery & { pathPrefix?: string }): Promise<UserRecord[]> {
    let query = this.db.selectFrom('users').selectAll().where('account_id', '=', accountId);
    if (q.pathPrefix) query = query.where(sql<string>`substr(path, 1, ${q.pathPrefix.length})`, '=', q.pathPrefix);
    if (q.after !== undefined) query = query.where('name_lower', '>', q.after);
    return (await query.orderBy('name_lower').limit(q.limit).execute()).map(toUser);
  }
  async countUsers(accountId: string): Promise<number> {
    const r = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return num(r?.n);
  }
  async listUserTags(userId: string): Promise<TagRecord[]> {
    return (await USER_TAGS.execute(this.db, [userId])).rows;
  }
  async countUserDependents(accountId: string, userId: string): Promise<UserDependents> {
    const [accessKeys, loginProfile, groups] = await Promise.all([
      this.countAccessKeys(accountId, userId),
      this.db
        .selectFrom('login_profiles')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('user_id', '=', userId)
        .executeTakeFirst(),
      this.db
        .selectFrom('group_members')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('user_id', '=', userId)
        .executeTakeFirst(),
    ]);
    return { accessKeys, loginProfile: num(loginProfile?.n), groups: num(groups?.n) };
  }

  async getGroupByName(accountId: string, groupName: string): Promise<GroupRecord | undefined> {
    const r = await this.db
      .selectFrom('iam_groups')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('name_lower', '=', groupName.toLowerCase())
      .executeTakeFirst();
    return r && toGroup(r);
  }
  async listGroups(accountId: string, q: PageQuery & { pathPrefix?: string }): Promise<GroupRecord[]> {
    let query = this.db.selectFrom('iam_groups').selectAll().where('account_id', '=', accountId);
    if (q.pathPrefix) query = query.where(sql<string>`substr(path, 1, ${q.pathPrefix.length})`, '=', q.pathPrefix);
    if (q.after !== undefined) query = query.where('name_lower', '>', q.after);
    return (await query.orderBy('name_lower').limit(q.limit).execute()).map(toGroup);
  }
  async countGroups(accountId: string): Promise<number> {
    const r = await this.db
      .selectFrom('iam_groups')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return num(r?.n);
  }
  async listGroupMembers(groupId: string, q: PageQuery): Promise<UserRecord[]> {
    let query = this.db
      .selectFrom('group_members')
      .innerJoin('users', 'users.id', 'group_members.user_id')
      .selectAll('users')
      .where('group_members.group_id', '=', groupId);
    if (q.after !== undefined) query = query.where('users.name_lower', '>', q.after);
    return (await query.orderBy('users.name_lower').limit(q.limit).execute()).map(toUser);
  }
  async countGroupMembers(groupId: string): Promise<number> {
    const r = await this.db
      .selectFrom('group_members')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('group_id', '=', groupId)
      .executeTakeFirst();
    return num(r?.n);
  }
  async isGroupMember(groupId: string, userId: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('group_members')
      .select('user_id')
      .where('group_id', '=', groupId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return r !== undefined;
  }
  async listGroupsForUser(userId: string, q: PageQuery): Promise<GroupRecord[]> {
    let query = this.db
      .selectFrom('group_members')
      .innerJoin('iam_groups', 'iam_groups.id', 'group_members.group_id')
      .selectAll('iam_groups')
      .where('group_members.user_id', '=', userId);
    if (q.after !== undefined) query = query.where('iam_groups.name_lower', '>', q.after);
    return (await query.orderBy('iam_groups.name_lower').limit(q.limit).execute()).map(toGroup);
  }

  async getAccessKey(accessKeyId: string): Promise<AccessKeyRecord | undefined> {
    const r = await ACCESS_KEY.first(this.db, [accessKeyId]);
    return r && toAccessKey(r);
  }
  async listAccessKeys(accountId: string, userId: string | null, q: PageQuery): Promise<AccessKeyRecord[]> {
    let query = this.db.selectFrom('access_keys').selectAll().where('account_id', '=', accountId);
    query = userId === null ? query.where('user_id', 'is', null) : query.where('user_id', '=', userId);
    if (q.after !== undefined) query = query.where('id', '>', q.after);
    return (await query.orderBy('id').limit(q.limit).execute()).map(toAccessKey);
  }
  async countAccessKeys(accountId: string, userId: string | null): Promise<number> {
    let query = this.db
      .selectFrom('access_keys')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('account_id', '=', accountId);
    query = userId === null ? query.where('user_id', 'is', null) : query.where('user_id', '=', userId);
    return num((await query.executeTakeFirst())?.n);
  }

  async getLoginProfile(userId: string): Promise<LoginProfileRecord | undefined> {
    const r = await this.db.selectFrom('login_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst();
    return r && toLoginProfile(r);
  }
}
