/**
 * The tables, written once (Kysely types). One schema for SQLite and PostgreSQL: times are ISO-8601 text
 * (sorts correctly, portable), booleans are 0/1 integers, names have a lower-cased twin with a unique index so
 * uniqueness is case-insensitive in the database itself.
 */
import type { Generated } from 'kysely';

/** Which database an adapter talks to. */
export type StoreKind = 'sqlite' | 'postgres';

export interface AccountsTable {
  id: string;
  alias: string | null;
  partition: string;
  created_at: string;
  generation: Generated<number>;
}

export interface UsersTable {
  id: string;
  account_id: string;
  name: string;
  name_lower: string;
  path: string;
  partition: string;
  created_at: string;
  permissions_boundary_arn: string | null;
  password_last_used: string | null;
}

export interface UserTagsTable {
  user_id: string;
  key: string;
  key_lower: string;
  value: string;
  position: number;
}

export interface GroupsTable {
  id: string;
  account_id: string;
  name: string;
  name_lower: string;
  path: string;
  partition: string;
  created_at: string;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
  added_at: string;
}

export interface AccessKeysTable {
  id: string;
  account_id: string;
  /** null: the account's root user. */
  user_id: string | null;
  secret_sealed: string;
  status: string;
  created_at: string;
  last_used_at: string | null;
  last_used_service: string | null;
  last_used_region: string | null;
}

export interface LoginProfilesTable {
  user_id: string;
  account_id: string;
  password_hash: string;
  created_at: string;
  reset_required: number;
}

export interface RolesTable {
  id: string;
  account_id: string;
  name: string;
  name_lower: string;
  path: string;
  partition: string;
  created_at: string;
  assume_role_policy: string;
  description: string | null;
  max_session_duration: number;
  permissions_boundary_arn: string | null;
  last_used_at: string | null;
  last_used_region: string | null;
}

export interface ManagedPoliciesTable {
  id: string;
  account_id: string;
  name: string;
  name_lower: string;
  path: string;
  partition: string;
  description: string | null;
  created_at: string;
  updated_at: string;
  default_version_id: string;
  next_version: number;
}

export interface PolicyVersionsTable {
  policy_id: string;
  version_id: string;
  document: string;
  created_at: string;
}

export interface PolicyAttachmentsTable {
  holder_id: string;
  account_id: string;
  holder_type: string;
  policy_ref: string;
  policy_name: string;
  policy_name_lower: string;
  policy_path: string;
  attached_at: string;
}

export interface InlinePoliciesTable {
  holder_id: string;
  account_id: string;
  holder_type: string;
  name: string;
  name_lower: string;
  document: string;
}

/** Tags of roles, managed policies and instance profiles (ids are unique across kinds by prefix). */
export interface EntityTagsTable {
  entity_id: string;
  account_id: string;
  key: string;
  key_lower: string;
  value: string;
  position: number;
}

export interface InstanceProfilesTable {
  id: string;
  account_id: string;
  name: string;
  name_lower: string;
  path: string;
  partition: string;
  created_at: string;
}

export interface InstanceProfileRolesTable {
  instance_profile_id: string;
  role_id: string;
  added_at: string;
}

/** Account-security items (issue 6); `body` is JSON owned by the identity service of the kind. */
export interface SecurityItemsTable {
  kind: string;
  item_id: string;
  account_id: string;
  user_id: string | null;
  name: string;
  name_lower: string;
  created_at: string;
  body: string;
}

/** The root user's console login (issue 6): e-mail address, unique across accounts by its lower-cased twin. */
export interface RootLoginsTable {
  account_id: string;
  email: string;
  email_lower: string;
  password_hash: string | null;
  password_changed_at: string | null;
  password_last_used: string | null;
}

/** IAM OpenID Connect providers (issue 5); the lists are JSON arrays of strings. */
export interface OidcProvidersTable {
  id: string;
  account_id: string;
  url: string;
  client_ids: string;
  thumbprints: string;
  created_at: string;
}

/** The whole database as Kysely sees it. */
export interface Database {
  accounts: AccountsTable;
  users: UsersTable;
  user_tags: UserTagsTable;
  iam_groups: GroupsTable;
  group_members: GroupMembersTable;
  access_keys: AccessKeysTable;
  login_profiles: LoginProfilesTable;
  roles: RolesTable;
  managed_policies: ManagedPoliciesTable;
  policy_versions: PolicyVersionsTable;
  policy_attachments: PolicyAttachmentsTable;
  inline_policies: InlinePoliciesTable;
  entity_tags: EntityTagsTable;
  instance_profiles: InstanceProfilesTable;
  instance_profile_roles: InstanceProfileRolesTable;
  security_items: SecurityItemsTable;
  oidc_providers: OidcProvidersTable;
  root_logins: RootLoginsTable;
}

/** Every table, children first (the order a wipe deletes in). */
export const ALL_TABLES = [
  'oidc_providers',
  'root_logins',
  'security_items',
  'instance_profile_roles',
  'instance_profiles',
  'entity_tags',
  'inline_policies',
  'policy_attachments',
  'policy_versions',
  'managed_policies',
  'roles',
  'login_profiles',
  'access_keys',
  'group_members',
  'user_tags',
  'iam_groups',
  'users',
  'accounts',
] as const satisfies readonly (keyof Database)[];
