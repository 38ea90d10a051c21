import { sql } from 'kysely';
import type {
  AccessKeyRecord,
  AccountRecord,
  GroupRecord,
  IdentityReader,
  LoginProfileRecord,
  PageQuery,
  TagRecord,
  UserDependents,
  UserRecord,
} from '../identity/index.ts';
import { KyselyPolicyReader } from './kysely-policy-reader.ts';
import { toAccessKey, toAccount, toGroup, toLoginProfile, toUser } from './rows.ts';

/** Kysely returns counts as number (SQLite) or string (PostgreSQL). */
const num = (v: unknown): number => Number(v ?? 0);

/** The read half of the port over any Kysely executor (the database or a transaction). */
export class KyselyReader extends KyselyPolicyReader implements IdentityReader {
  async getAccount(accountId: string): Promise<AccountRecord | undefined> {
    const r = await this.db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst();
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
    const r = await this.db
      .selectFrom('users')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('name_lower', '=', userName.toLowerCase())
      .executeTakeFirst();
    return r && toUser(r);
  }
  async getUserById(accountId: string, userId: string): Promise<UserRecord | undefined> {
    const r = await this.db
      .selectFrom('users')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('id', '=', userId)
      .executeTakeFirst();
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
    return this.db
      .selectFrom('user_tags')
      .select(['key', 'value'])
      .where('user_id', '=', userId)
      .orderBy('position')
      .execute();
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
    const r = await this.db.selectFrom('access_keys').selectAll().where('id', '=', accessKeyId).executeTakeFirst();
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
