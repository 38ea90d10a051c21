import { type Clock, IamError } from '../shared/index.ts';
import type { AwsManagedCatalog } from './aws-managed-catalog.ts';
import type { ChangeNotifier } from './change-notifier.ts';
import type { CredentialCache } from './credential-cache.ts';
import type { Group, User } from './iam-types.ts';
import type {
  GroupRecord,
  IdentityReader,
  IdentityStore,
  IdentityWriter,
  TagRecord,
  UserRecord,
} from './identity-store.ts';
import type { RequestContext } from './request-context.ts';
import type { SecretSealer } from './secret-sealer.ts';
import type { IdentityLogger, PasswordCheck } from './services.ts';

/** What the per-area operation factories share. */
export type ServiceCore = {
  store: IdentityStore;
  clock: Clock;
  sealer: SecretSealer;
  cache: CredentialCache;
  passwordCheck: PasswordCheck;
  logger: IdentityLogger;
  /** Fired after every committed write (enforcement caches listen). */
  changes: ChangeNotifier;
  /** AWS managed policies (read-only). */
  catalog: AwsManagedCatalog;
};

/**
 * Runs one API write as ONE transaction, first bumping the account's generation (which also serialises writers
 * of an account on PostgreSQL). `onCommit` callbacks (cache invalidation) run only after the commit.
 */
export async function write<T>(
  core: ServiceCore,
  ctx: RequestContext,
  work: (tx: IdentityWriter, onCommit: (f: () => void) => void) => Promise<T>,
): Promise<T> {
  const effects: (() => void)[] = [];
  const result = await core.store.transaction(async (tx) => {
    await tx.bumpGeneration(ctx.accountId);
    return work(tx, (f) => effects.push(f));
  });
  for (const f of effects) f();
  core.changes.emit(ctx.accountId);
  return result;
}

/** `arn:{P}:iam::{A}:{kind}{path}{name}`. */
export function iamArn(partition: string, accountId: string, kind: string, path: string, name: string): string {
  return `arn:${partition}:iam::${accountId}:${kind}${path}${name}`;
}

/** The `User` shape of a record (Tags and boundary only where the action returns them). */
export function userView(u: UserRecord, extra: { withBoundary?: boolean } = {}): User {
  const out: User = {
    Path: u.path,
    UserName: u.userName,
    UserId: u.userId,
    Arn: iamArn(u.partition, u.accountId, 'user', u.path, u.userName),
    CreateDate: u.createDate,
  };
  if (u.passwordLastUsed) out.PasswordLastUsed = u.passwordLastUsed;
  if (extra.withBoundary && u.permissionsBoundaryArn) {
    out.PermissionsBoundary = { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: u.permissionsBoundaryArn };
  }
  return out;
}

/** The `Group` shape of a record. */
export function groupView(g: GroupRecord): Group {
  return {
    Path: g.path,
    GroupName: g.groupName,
    GroupId: g.groupId,
    Arn: iamArn(g.partition, g.accountId, 'group', g.path, g.groupName),
    CreateDate: g.createDate,
  };
}

/** The user or NoSuchEntity with AWS's message. */
export async function requireUser(r: IdentityReader, accountId: string, userName: string): Promise<UserRecord> {
  const u = await r.getUserByName(accountId, userName);
  if (!u) throw new IamError('NoSuchEntity', `The user with name ${userName} cannot be found.`);
  return u;
}

/** The user with its tags, or NoSuchEntity with AWS's message (one read). */
export async function requireUserWithTags(
  r: IdentityReader,
  accountId: string,
  userName: string,
): Promise<{ user: UserRecord; tags: TagRecord[] }> {
  const found = await r.getUserWithTags(accountId, userName);
  if (!found) throw new IamError('NoSuchEntity', `The user with name ${userName} cannot be found.`);
  return found;
}

/** The group or NoSuchEntity with AWS's message. */
export async function requireGroup(r: IdentityReader, accountId: string, groupName: string): Promise<GroupRecord> {
  const g = await r.getGroupByName(accountId, groupName);
  if (!g) throw new IamError('NoSuchEntity', `The group with name ${groupName} cannot be found.`);
  return g;
}

/** Account-level quotas (IAM and STS quotas page). */
export const QUOTAS = Object.freeze({
  usersPerAccount: 5000,
  groupsPerAccount: 300,
  groupsPerUser: 10,
  accessKeysPerUser: 2,
});
