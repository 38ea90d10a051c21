/**
 * The store port, defined by its consumer (the services in this folder). Records are plain domain data; dates
 * are `Date`; "root" is `userId: null` for access keys. Every API write runs inside ONE `transaction()` so a
 * failed request changes nothing. Adapters live in src/store/ and all pass `runIdentityStoreContract`.
 */
import type {
  AttachmentRecord,
  InlinePolicyRecord,
  InstanceProfileRecord,
  ManagedPolicyRecord,
  PolicyVersionRecord,
  RoleRecord,
} from './policy-records.ts';
import type { OidcProviderReader, OidcProviderWriter } from './oidc-provider-store.ts';
import type { SecurityReader, SecurityWriter } from './security-store.ts';

export type * from './policy-records.ts';
export type * from './security-store.ts';
export type * from './oidc-provider-store.ts';

/** An account. `generation` grows with every write in the account (caches compare it). */
export type AccountRecord = {
  accountId: string;
  alias: string | null;
  partition: string;
  createDate: Date;
  generation: number;
};

/**
 * The root user's console login: its e-mail address (unique across accounts, case-insensitively) and argon2id
 * password hash (null until one is set).
 */
export type RootLoginRecord = {
  accountId: string;
  email: string;
  passwordHash: string | null;
  passwordChangedAt: Date | null;
  passwordLastUsed: Date | null;
};

/** An IAM user. Names are unique per account case-insensitively (the database enforces it). */
export type UserRecord = {
  accountId: string;
  userId: string;
  userName: string;
  path: string;
  partition: string;
  createDate: Date;
  permissionsBoundaryArn: string | null;
  passwordLastUsed: Date | null;
};

/** An IAM group. */
export type GroupRecord = {
  accountId: string;
  groupId: string;
  groupName: string;
  path: string;
  partition: string;
  createDate: Date;
};

/** A long-term access key; `userId` null means the account's root user. The secret is sealed, never plain. */
export type AccessKeyRecord = {
  accessKeyId: string;
  accountId: string;
  userId: string | null;
  sealedSecret: string;
  status: 'Active' | 'Inactive';
  createDate: Date;
  lastUsedDate: Date | null;
  lastUsedService: string | null;
  lastUsedRegion: string | null;
};

/** A console password (argon2id hash only). */
export type LoginProfileRecord = {
  accountId: string;
  userId: string;
  passwordHash: string;
  createDate: Date;
  passwordResetRequired: boolean;
};

/** A tag on a resource, in insertion order. */
export type TagRecord = { key: string; value: string };

/** Page request: rows strictly after `after` in the listing's sort key, at most `limit` rows. */
export type PageQuery = { after?: string; limit: number };

/** What still hangs off a user; DeleteUser refuses while any is non-zero. Later issues add members. */
export type UserDependents = { accessKeys: number; loginProfile: number; groups: number };

/** Reads of issue 4's entities. Listings sorted by lower-cased name. */
export interface PolicyReader {
  getRoleByName(accountId: string, roleName: string): Promise<RoleRecord | undefined>;
  getRoleById(accountId: string, roleId: string): Promise<RoleRecord | undefined>;
  listRoles(accountId: string, query: PageQuery & { pathPrefix?: string }): Promise<RoleRecord[]>;
  countRoles(accountId: string): Promise<number>;
  getGroupById(accountId: string, groupId: string): Promise<GroupRecord | undefined>;

  getPolicyByName(accountId: string, policyName: string): Promise<ManagedPolicyRecord | undefined>;
  listPolicies(accountId: string, query: PageQuery & { pathPrefix?: string }): Promise<ManagedPolicyRecord[]>;
  countPolicies(accountId: string): Promise<number>;
  /** Versions of one policy, oldest first. */
  listPolicyVersions(policyId: string): Promise<PolicyVersionRecord[]>;
  /** Customer policies by id with their default version's document (one query). */
  getPoliciesWithDefaultDocument(
    policyIds: readonly string[],
  ): Promise<Map<string, { policy: ManagedPolicyRecord; document: string }>>;
  /** Versions of every customer managed policy of the account. */
  countPolicyVersions(accountId: string): Promise<number>;

  /** Attachments of one identity, sorted by lower-cased policy name. */
  listAttachmentsOf(holderId: string): Promise<AttachmentRecord[]>;
  /** Attachments of one policy in an account, sorted by holder id. */
  listAttachmentsTo(accountId: string, policyRef: string): Promise<AttachmentRecord[]>;
  /** Number of attachments per policy ref (only refs with at least one). */
  countAttachments(accountId: string): Promise<Map<string, number>>;
  /** Number of users and roles per permissions-boundary ARN (only ARNs in use). */
  countBoundaryUses(accountId: string): Promise<Map<string, number>>;

  /** Inline policies of one identity, sorted by lower-cased name. */
  listInlinePolicies(holderId: string): Promise<InlinePolicyRecord[]>;

  /** Tags of a role, policy or instance profile, in insertion order. */
  listEntityTags(entityId: string): Promise<TagRecord[]>;

  getInstanceProfileByName(accountId: string, name: string): Promise<InstanceProfileRecord | undefined>;
  listInstanceProfiles(accountId: string, query: PageQuery & { pathPrefix?: string }): Promise<InstanceProfileRecord[]>;
  countInstanceProfiles(accountId: string): Promise<number>;
  /** The role id in a profile, if any. */
  getInstanceProfileRoleId(instanceProfileId: string): Promise<string | undefined>;
  /** Profiles holding a role, sorted by lower-cased name. */
  listInstanceProfilesForRole(roleId: string): Promise<InstanceProfileRecord[]>;
}

/** Writes of issue 4's entities (inside a transaction). Unique violations throw EntityAlreadyExists. */
export interface PolicyWriter extends PolicyReader {
  insertRole(role: RoleRecord): Promise<void>;
  updateRole(
    roleId: string,
    change: {
      description?: string | null;
      maxSessionDuration?: number;
      assumeRolePolicyDocument?: string;
      permissionsBoundaryArn?: string | null;
    },
  ): Promise<void>;
  deleteRole(roleId: string): Promise<void>;
  setUserBoundary(userId: string, arn: string | null): Promise<void>;

  insertPolicy(policy: ManagedPolicyRecord): Promise<void>;
  updatePolicy(
    policyId: string,
    change: { defaultVersionId?: string; nextVersion?: number; updateDate?: Date },
  ): Promise<void>;
  /** Deletes the policy with its versions and tags. */
  deletePolicy(policyId: string): Promise<void>;
  insertPolicyVersion(version: PolicyVersionRecord): Promise<void>;
  deletePolicyVersion(policyId: string, versionId: string): Promise<void>;

  insertAttachment(a: AttachmentRecord): Promise<void>;
  deleteAttachment(holderId: string, policyRef: string): Promise<void>;

  /** Inserts or replaces (by case-insensitive name) an inline policy. */
  putInlinePolicy(p: InlinePolicyRecord): Promise<void>;
  deleteInlinePolicy(holderId: string, policyName: string): Promise<void>;

  /** Replaces all tags of a role, policy or instance profile. */
  /** `accountId` is required for entities outside roles, policies and instance profiles (MFA devices). */
  setEntityTags(entityId: string, tags: TagRecord[], accountId?: string): Promise<void>;

  insertInstanceProfile(p: InstanceProfileRecord): Promise<void>;
  deleteInstanceProfile(instanceProfileId: string): Promise<void>;
  /** Puts a role into a profile (null empties it). */
  setInstanceProfileRole(instanceProfileId: string, roleId: string | null, at: Date): Promise<void>;
}

/** Reads, available both inside and outside a transaction. Listings are sorted by their `sortKey`. */
export interface IdentityReader extends PolicyReader, SecurityReader, OidcProviderReader {
  getAccount(accountId: string): Promise<AccountRecord | undefined>;
  findAccountByAlias(alias: string): Promise<AccountRecord | undefined>;
  listAccounts(): Promise<AccountRecord[]>;

  /** Case-insensitive lookup by name. */
  getUserByName(accountId: string, userName: string): Promise<UserRecord | undefined>;
  /** Case-insensitive lookup by name with the user's tags (insertion order), in one read: GetUser's hot path. */
  getUserWithTags(accountId: string, userName: string): Promise<{ user: UserRecord; tags: TagRecord[] } | undefined>;
  getUserById(accountId: string, userId: string): Promise<UserRecord | undefined>;
  /** Sorted by lower-cased name (the sort key); `pathPrefix` compared byte-wise. */
  listUsers(accountId: string, query: PageQuery & { pathPrefix?: string }): Promise<UserRecord[]>;
  countUsers(accountId: string): Promise<number>;
  listUserTags(userId: string): Promise<TagRecord[]>;
  countUserDependents(accountId: string, userId: string): Promise<UserDependents>;

  getGroupByName(accountId: string, groupName: string): Promise<GroupRecord | undefined>;
  /** Sorted by lower-cased name. */
  listGroups(accountId: string, query: PageQuery & { pathPrefix?: string }): Promise<GroupRecord[]>;
  countGroups(accountId: string): Promise<number>;
  /** Members sorted by lower-cased user name. */
  listGroupMembers(groupId: string, query: PageQuery): Promise<UserRecord[]>;
  countGroupMembers(groupId: string): Promise<number>;
  isGroupMember(groupId: string, userId: string): Promise<boolean>;
  /** Groups of a user sorted by lower-cased group name. */
  listGroupsForUser(userId: string, query: PageQuery): Promise<GroupRecord[]>;

  getAccessKey(accessKeyId: string): Promise<AccessKeyRecord | undefined>;
  /** Keys of a user (or root when `userId` is null), sorted by access key id. */
  listAccessKeys(accountId: string, userId: string | null, query: PageQuery): Promise<AccessKeyRecord[]>;
  countAccessKeys(accountId: string, userId: string | null): Promise<number>;

  getLoginProfile(userId: string): Promise<LoginProfileRecord | undefined>;

  getRootLogin(accountId: string): Promise<RootLoginRecord | undefined>;
  /** Case-insensitive lookup by e-mail address, across accounts. */
  findRootLoginByEmail(email: string): Promise<RootLoginRecord | undefined>;
}

/** Writes, only inside a transaction. Unique violations throw IamError('EntityAlreadyExists'). */
export interface IdentityWriter extends IdentityReader, PolicyWriter, SecurityWriter, OidcProviderWriter {
  insertAccount(account: Omit<AccountRecord, 'generation'>): Promise<void>;
  setAccountAlias(accountId: string, alias: string | null): Promise<void>;
  /** Increments and returns the account's generation; also serialises writers of one account. */
  bumpGeneration(accountId: string): Promise<number>;

  insertUser(user: UserRecord): Promise<void>;
  updateUser(userId: string, change: { userName?: string; path?: string }): Promise<void>;
  deleteUser(userId: string): Promise<void>;
  /** Replaces all tags of a user (order kept). */
  setUserTags(userId: string, tags: TagRecord[]): Promise<void>;

  insertGroup(group: GroupRecord): Promise<void>;
  updateGroup(groupId: string, change: { groupName?: string; path?: string }): Promise<void>;
  deleteGroup(groupId: string): Promise<void>;
  addGroupMember(groupId: string, userId: string, at: Date): Promise<void>;
  removeGroupMember(groupId: string, userId: string): Promise<void>;

  insertAccessKey(key: AccessKeyRecord): Promise<void>;
  updateAccessKey(
    accessKeyId: string,
    change: { status?: 'Active' | 'Inactive'; sealedSecret?: string },
  ): Promise<void>;
  deleteAccessKey(accessKeyId: string): Promise<void>;

  insertLoginProfile(profile: LoginProfileRecord): Promise<void>;
  updateLoginProfile(userId: string, change: { passwordHash?: string; passwordResetRequired?: boolean }): Promise<void>;
  deleteLoginProfile(userId: string): Promise<void>;

  /** Inserts or replaces the root login of `record.accountId`; an e-mail held by another account throws EntityAlreadyExists. */
  putRootLogin(record: RootLoginRecord): Promise<void>;
  /** Sets the root user's PasswordLastUsed (console sign-in). */
  recordRootPasswordUse(accountId: string, at: Date): Promise<void>;

  /** Removes every row of every table (dev-mode reset). */
  deleteEverything(): Promise<void>;
}

/** The port. Reads may run outside a transaction; writes only in `transaction`. */
export interface IdentityStore extends IdentityReader {
  /** Runs `work` in one database transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: IdentityWriter) => Promise<T>): Promise<T>;
  /** Records a key's last use outside any request transaction (fire-and-forget from the resolver). */
  recordAccessKeyUse(accessKeyId: string, use: { at: Date; service: string; region: string }): Promise<void>;
  /** Records a role's last use (set by STS when a session of the role is used), outside any transaction. */
  recordRoleUse(roleId: string, use: { at: Date; region: string }): Promise<void>;
}
