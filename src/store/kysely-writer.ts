import type { Kysely } from 'kysely';
import type {
  AccessKeyRecord,
  AccountRecord,
  GroupRecord,
  IdentityWriter,
  LoginProfileRecord,
  TagRecord,
  UserRecord,
} from '../identity/index.ts';
import { IamError } from '../shared/index.ts';
import { unique } from './unique-violation.ts';

export { isUniqueViolation } from './unique-violation.ts';
import { KyselyOidcWriter } from './kysely-oidc-writer.ts';
import { fromAccessKey, fromGroup, fromUser } from './rows.ts';
import { ALL_TABLES, type Database } from './schema.ts';

/** The write half of the port, over a Kysely transaction. */
export class KyselyWriter extends KyselyOidcWriter implements IdentityWriter {
  /** The generation each account reached in this transaction (told to the generation watcher after commit). */
  readonly bumped = new Map<string, number>();

  constructor(trx: Kysely<Database>) {
    super(trx);
  }

  async insertAccount(a: Omit<AccountRecord, 'generation'>): Promise<void> {
    await unique(
      this.db
        .insertInto('accounts')
        .values({ id: a.accountId, alias: a.alias, partition: a.partition, created_at: a.createDate.toISOString() })
        .execute(),
      `Account ${a.accountId} already exists.`,
    );
  }
  async setAccountAlias(accountId: string, alias: string | null): Promise<void> {
    await unique(
      this.db.updateTable('accounts').set({ alias }).where('id', '=', accountId).execute(),
      `The account alias ${alias} already exists.`,
    );
  }
  async bumpGeneration(accountId: string): Promise<number> {
    // The UPDATE also takes the account's row lock on PostgreSQL, serialising writers of one account.
    const r = await this.db
      .updateTable('accounts')
      .set((eb) => ({ generation: eb('generation', '+', 1) }))
      .where('id', '=', accountId)
      .returning('generation')
      .executeTakeFirst();
    if (!r) throw new IamError('NoSuchEntity', `The account ${accountId} cannot be found.`);
    this.bumped.set(accountId, Number(r.generation));
    return Number(r.generation);
  }

  async insertUser(u: UserRecord): Promise<void> {
    await unique(
      this.db.insertInto('users').values(fromUser(u)).execute(),
      `User with name ${u.userName} already exists.`,
    );
  }
  async updateUser(userId: string, change: { userName?: string; path?: string }): Promise<void> {
    const set: { name?: string; name_lower?: string; path?: string } = {};
    if (change.userName !== undefined) {
      set.name = change.userName;
      set.name_lower = change.userName.toLowerCase();
    }
    if (change.path !== undefined) set.path = change.path;
    if (Object.keys(set).length === 0) return;
    await unique(
      this.db.updateTable('users').set(set).where('id', '=', userId).execute(),
      `User with name ${change.userName} already exists.`,
    );
  }
  async deleteUser(userId: string): Promise<void> {
    await this.db.deleteFrom('users').where('id', '=', userId).execute();
  }
  async setUserTags(userId: string, tags: TagRecord[]): Promise<void> {
    await this.db.deleteFrom('user_tags').where('user_id', '=', userId).execute();
    if (tags.length === 0) return;
    const rows = tags.map((t, i) => ({
      user_id: userId,
      key: t.key,
      key_lower: t.key.toLowerCase(),
      value: t.value,
      position: i,
    }));
    await unique(this.db.insertInto('user_tags').values(rows).execute(), 'Duplicate tag keys found.');
  }

  async insertGroup(g: GroupRecord): Promise<void> {
    await unique(
      this.db.insertInto('iam_groups').values(fromGroup(g)).execute(),
      `Group with name ${g.groupName} already exists.`,
    );
  }
  async updateGroup(groupId: string, change: { groupName?: string; path?: string }): Promise<void> {
    const set: { name?: string; name_lower?: string; path?: string } = {};
    if (change.groupName !== undefined) {
      set.name = change.groupName;
      set.name_lower = change.groupName.toLowerCase();
    }
    if (change.path !== undefined) set.path = change.path;
    if (Object.keys(set).length === 0) return;
    await unique(
      this.db.updateTable('iam_groups').set(set).where('id', '=', groupId).execute(),
      `Group with name ${change.groupName} already exists.`,
    );
  }
  async deleteGroup(groupId: string): Promise<void> {
    await this.db.deleteFrom('iam_groups').where('id', '=', groupId).execute();
  }
  async addGroupMember(groupId: string, userId: string, at: Date): Promise<void> {
    await unique(
      this.db
        .insertInto('group_members')
        .values({ group_id: groupId, user_id: userId, added_at: at.toISOString() })
        .execute(),
      'The user is already a member of the group.',
    );
  }
  async removeGroupMember(groupId: string, userId: string): Promise<void> {
    await this.db.deleteFrom('group_members').where('group_id', '=', groupId).where('user_id', '=', userId).execute();
  }

  async insertAccessKey(k: AccessKeyRecord): Promise<void> {
    await unique(
      this.db.insertInto('access_keys').values(fromAccessKey(k)).execute(),
      `Access key ${k.accessKeyId} already exists.`,
    );
  }
  async updateAccessKey(
    accessKeyId: string,
    change: { status?: 'Active' | 'Inactive'; sealedSecret?: string },
  ): Promise<void> {
    const set: { status?: string; secret_sealed?: string } = {};
    if (change.status !== undefined) set.status = change.status;
    if (change.sealedSecret !== undefined) set.secret_sealed = change.sealedSecret;
    if (Object.keys(set).length === 0) return;
    await this.db.updateTable('access_keys').set(set).where('id', '=', accessKeyId).execute();
  }
  async deleteAccessKey(accessKeyId: string): Promise<void> {
    await this.db.deleteFrom('access_keys').where('id', '=', accessKeyId).execute();
  }

  async insertLoginProfile(p: LoginProfileRecord): Promise<void> {
    await unique(
      this.db
        .insertInto('login_profiles')
        .values({
          user_id: p.userId,
          account_id: p.accountId,
          password_hash: p.passwordHash,
          created_at: p.createDate.toISOString(),
          reset_required: p.passwordResetRequired ? 1 : 0,
        })
        .execute(),
      'Login Profile for the user already exists.',
    );
  }
  async updateLoginProfile(
    userId: string,
    change: { passwordHash?: string; passwordResetRequired?: boolean },
  ): Promise<void> {
    const set: { password_hash?: string; reset_required?: number } = {};
    if (change.passwordHash !== undefined) set.password_hash = change.passwordHash;
    if (change.passwordResetRequired !== undefined) set.reset_required = change.passwordResetRequired ? 1 : 0;
    if (Object.keys(set).length === 0) return;
    await this.db.updateTable('login_profiles').set(set).where('user_id', '=', userId).execute();
  }
  async deleteLoginProfile(userId: string): Promise<void> {
    await this.db.deleteFrom('login_profiles').where('user_id', '=', userId).execute();
  }

  async deleteEverything(): Promise<void> {
    for (const table of ALL_TABLES) await this.db.deleteFrom(table).execute();
  }
}
