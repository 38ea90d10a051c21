import type {
  AttachmentRecord,
  InlinePolicyRecord,
  InstanceProfileRecord,
  ManagedPolicyRecord,
  PolicyHolderType,
  PolicyVersionRecord,
  RoleRecord,
} from '../identity/index.ts';
import type {
  InlinePoliciesTable,
  InstanceProfilesTable,
  ManagedPoliciesTable,
  PolicyAttachmentsTable,
  PolicyVersionsTable,
  RolesTable,
} from './schema.ts';

const maybeDate = (s: string | null): Date | null => (s === null ? null : new Date(s));
const holder = (s: string): PolicyHolderType => (s === 'group' ? 'group' : s === 'role' ? 'role' : 'user');

/** Row ↔ record conversions of issue 4's tables. */
export const toRole = (r: RolesTable): RoleRecord => ({
  accountId: r.account_id,
  roleId: r.id,
  roleName: r.name,
  path: r.path,
  partition: r.partition,
  createDate: new Date(r.created_at),
  assumeRolePolicyDocument: r.assume_role_policy,
  description: r.description,
  maxSessionDuration: Number(r.max_session_duration),
  permissionsBoundaryArn: r.permissions_boundary_arn,
  lastUsedDate: maybeDate(r.last_used_at),
  lastUsedRegion: r.last_used_region,
});

export const fromRole = (r: RoleRecord): RolesTable => ({
  id: r.roleId,
  account_id: r.accountId,
  name: r.roleName,
  name_lower: r.roleName.toLowerCase(),
  path: r.path,
  partition: r.partition,
  created_at: r.createDate.toISOString(),
  assume_role_policy: r.assumeRolePolicyDocument,
  description: r.description,
  max_session_duration: r.maxSessionDuration,
  permissions_boundary_arn: r.permissionsBoundaryArn,
  last_used_at: r.lastUsedDate?.toISOString() ?? null,
  last_used_region: r.lastUsedRegion,
});

export const toPolicy = (r: ManagedPoliciesTable): ManagedPolicyRecord => ({
  accountId: r.account_id,
  policyId: r.id,
  policyName: r.name,
  path: r.path,
  partition: r.partition,
  description: r.description,
  createDate: new Date(r.created_at),
  updateDate: new Date(r.updated_at),
  defaultVersionId: r.default_version_id,
  nextVersion: Number(r.next_version),
});

export const fromPolicy = (p: ManagedPolicyRecord): ManagedPoliciesTable => ({
  id: p.policyId,
  account_id: p.accountId,
  name: p.policyName,
  name_lower: p.policyName.toLowerCase(),
  path: p.path,
  partition: p.partition,
  description: p.description,
  created_at: p.createDate.toISOString(),
  updated_at: p.updateDate.toISOString(),
  default_version_id: p.defaultVersionId,
  next_version: p.nextVersion,
});

export const toPolicyVersion = (r: PolicyVersionsTable): PolicyVersionRecord => ({
  policyId: r.policy_id,
  versionId: r.version_id,
  document: r.document,
  createDate: new Date(r.created_at),
});

export const toAttachment = (r: PolicyAttachmentsTable): AttachmentRecord => ({
  accountId: r.account_id,
  holderType: holder(r.holder_type),
  holderId: r.holder_id,
  policyRef: r.policy_ref,
  policyName: r.policy_name,
  policyPath: r.policy_path,
  attachDate: new Date(r.attached_at),
});

export const toInlinePolicy = (r: InlinePoliciesTable): InlinePolicyRecord => ({
  accountId: r.account_id,
  holderType: holder(r.holder_type),
  holderId: r.holder_id,
  policyName: r.name,
  document: r.document,
});

export const toInstanceProfile = (r: InstanceProfilesTable): InstanceProfileRecord => ({
  accountId: r.account_id,
  instanceProfileId: r.id,
  instanceProfileName: r.name,
  path: r.path,
  partition: r.partition,
  createDate: new Date(r.created_at),
});

export const fromInstanceProfile = (p: InstanceProfileRecord): InstanceProfilesTable => ({
  id: p.instanceProfileId,
  account_id: p.accountId,
  name: p.instanceProfileName,
  name_lower: p.instanceProfileName.toLowerCase(),
  path: p.path,
  partition: p.partition,
  created_at: p.createDate.toISOString(),
});
