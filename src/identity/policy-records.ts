/** Records of the store port for roles, managed and inline policies, attachments and instance profiles (issue 4). */

/** An IAM role. Service-linked roles have a path under `/aws-service-role/`. */
export type RoleRecord = {
  accountId: string;
  roleId: string;
  roleName: string;
  path: string;
  partition: string;
  createDate: Date;
  assumeRolePolicyDocument: string;
  description: string | null;
  maxSessionDuration: number;
  permissionsBoundaryArn: string | null;
  lastUsedDate: Date | null;
  lastUsedRegion: string | null;
};

/** A customer managed policy (AWS managed ones live in the read-only catalogue). */
export type ManagedPolicyRecord = {
  accountId: string;
  policyId: string;
  policyName: string;
  path: string;
  partition: string;
  description: string | null;
  createDate: Date;
  updateDate: Date;
  defaultVersionId: string;
  /** The number the next version gets (`v{n}`); never reused. */
  nextVersion: number;
};

/** A version of a customer managed policy. */
export type PolicyVersionRecord = { policyId: string; versionId: string; document: string; createDate: Date };

/** Which kind of identity a policy is attached to or embedded in. */
export type PolicyHolderType = 'user' | 'group' | 'role';

/**
 * A managed policy attached to an identity. `policyRef` is the customer policy's id (`ANPA…`) or, for an AWS
 * managed policy, `aws:` + path + name (partition-free, so the request partition decides the ARN).
 */
export type AttachmentRecord = {
  accountId: string;
  holderType: PolicyHolderType;
  holderId: string;
  policyRef: string;
  policyName: string;
  policyPath: string;
  attachDate: Date;
};

/** An inline policy embedded in a user, group or role. */
export type InlinePolicyRecord = {
  accountId: string;
  holderType: PolicyHolderType;
  holderId: string;
  policyName: string;
  document: string;
};

/** An instance profile. */
export type InstanceProfileRecord = {
  accountId: string;
  instanceProfileId: string;
  instanceProfileName: string;
  path: string;
  partition: string;
  createDate: Date;
};
