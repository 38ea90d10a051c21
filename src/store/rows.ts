import type { Generated } from 'kysely';
import type { AccessKeyRecord, AccountRecord, GroupRecord, LoginProfileRecord, UserRecord } from '../identity/index.ts';
import type { AccessKeysTable, AccountsTable, GroupsTable, LoginProfilesTable, UsersTable } from './schema.ts';

type Row<T> = { [K in keyof T]: T[K] extends Generated<infer U> ? U : T[K] };

const date = (s: string): Date => new Date(s);
const maybeDate = (s: string | null): Date | null => (s === null ? null : new Date(s));

/** Row → record conversions (PostgreSQL returns bigint as string, hence Number()). */
export const toAccount = (r: Row<AccountsTable>): AccountRecord => ({
  accountId: r.id,
  alias: r.alias,
  partition: r.partition,
  createDate: date(r.created_at),
  generation: Number(r.generation),
});

export const toUser = (r: UsersTable): UserRecord => ({
  accountId: r.account_id,
  userId: r.id,
  userName: r.name,
  path: r.path,
  partition: r.partition,
  createDate: date(r.created_at),
  permissionsBoundaryArn: r.permissions_boundary_arn,
  passwordLastUsed: maybeDate(r.password_last_used),
});

export const fromUser = (u: UserRecord): UsersTable => ({
  id: u.userId,
  account_id: u.accountId,
  name: u.userName,
  name_lower: u.userName.toLowerCase(),
  path: u.path,
  partition: u.partition,
  created_at: u.createDate.toISOString(),
  permissions_boundary_arn: u.permissionsBoundaryArn,
  password_last_used: u.passwordLastUsed?.toISOString() ?? null,
});

export const toGroup = (r: GroupsTable): GroupRecord => ({
  accountId: r.account_id,
  groupId: r.id,
  groupName: r.name,
  path: r.path,
  partition: r.partition,
  createDate: date(r.created_at),
});

export const fromGroup = (g: GroupRecord): GroupsTable => ({
  id: g.groupId,
  account_id: g.accountId,
  name: g.groupName,
  name_lower: g.groupName.toLowerCase(),
  path: g.path,
  partition: g.partition,
  created_at: g.createDate.toISOString(),
});

export const toAccessKey = (r: AccessKeysTable): AccessKeyRecord => ({
  accessKeyId: r.id,
  accountId: r.account_id,
  userId: r.user_id,
  sealedSecret: r.secret_sealed,
  status: r.status === 'Inactive' ? 'Inactive' : 'Active',
  createDate: date(r.created_at),
  lastUsedDate: maybeDate(r.last_used_at),
  lastUsedService: r.last_used_service,
  lastUsedRegion: r.last_used_region,
});

export const fromAccessKey = (k: AccessKeyRecord): AccessKeysTable => ({
  id: k.accessKeyId,
  account_id: k.accountId,
  user_id: k.userId,
  secret_sealed: k.sealedSecret,
  status: k.status,
  created_at: k.createDate.toISOString(),
  last_used_at: k.lastUsedDate?.toISOString() ?? null,
  last_used_service: k.lastUsedService,
  last_used_region: k.lastUsedRegion,
});

export const toLoginProfile = (r: LoginProfilesTable): LoginProfileRecord => ({
  accountId: r.account_id,
  userId: r.user_id,
  passwordHash: r.password_hash,
  createDate: date(r.created_at),
  passwordResetRequired: Number(r.reset_required) === 1,
});
