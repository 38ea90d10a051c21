/**
 * Input and output shapes of issue 4's IAM actions (managed and inline policies, roles, instance profiles,
 * service-linked roles, account authorization details), named and ordered as in the AWS API reference.
 * Policy documents are raw JSON here; the API layer URL-encodes them on the wire.
 */
import type { AttachedPermissionsBoundary, PageInput, PageOutput, Tag } from './iam-types.ts';

/** An action with no output (same as iam-types' EmptyOutput). */
export type EmptyOutputLike = Record<string, never>;

/** The `Policy` shape. */
export type Policy = {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  DefaultVersionId: string;
  AttachmentCount: number;
  PermissionsBoundaryUsageCount: number;
  IsAttachable: boolean;
  Description?: string;
  CreateDate: Date;
  UpdateDate: Date;
  Tags?: Tag[];
};
/** The `PolicyVersion` shape. */
export type PolicyVersion = { Document?: string; VersionId: string; IsDefaultVersion: boolean; CreateDate: Date };
/** The `AttachedPolicy` shape. */
export type AttachedPolicy = { PolicyName: string; PolicyArn: string };
/** The `RoleLastUsed` shape. */
export type RoleLastUsed = { LastUsedDate?: Date; Region?: string };
/** The `Role` shape. */
export type Role = {
  Path: string;
  RoleName: string;
  RoleId: string;
  Arn: string;
  CreateDate: Date;
  AssumeRolePolicyDocument?: string;
  Description?: string;
  MaxSessionDuration?: number;
  PermissionsBoundary?: AttachedPermissionsBoundary;
  Tags?: Tag[];
  RoleLastUsed?: RoleLastUsed;
};
/** The `InstanceProfile` shape. */
export type InstanceProfile = {
  Path: string;
  InstanceProfileName: string;
  InstanceProfileId: string;
  Arn: string;
  CreateDate: Date;
  Roles: Role[];
  Tags?: Tag[];
};
/** `PolicyGroup`, `PolicyUser`, `PolicyRole` of ListEntitiesForPolicy. */
export type PolicyGroup = { GroupName: string; GroupId: string };
export type PolicyUser = { UserName: string; UserId: string };
export type PolicyRole = { RoleName: string; RoleId: string };
/** Scope and filters of ListPolicies / ListEntitiesForPolicy / GetAccountAuthorizationDetails. */
export type PolicyScopeType = 'All' | 'AWS' | 'Local';
export type PolicyUsageType = 'PermissionsPolicy' | 'PermissionsBoundary';
export type EntityType = 'User' | 'Role' | 'Group' | 'LocalManagedPolicy' | 'AWSManagedPolicy';

export type CreatePolicyInput = {
  PolicyName: string;
  Path?: string;
  PolicyDocument: string;
  Description?: string;
  Tags?: Tag[];
};
export type CreatePolicyOutput = { Policy: Policy };
export type GetPolicyInput = { PolicyArn: string };
export type GetPolicyOutput = { Policy: Policy };
export type ListPoliciesInput = PageInput & {
  Scope?: PolicyScopeType;
  OnlyAttached?: boolean;
  PathPrefix?: string;
  PolicyUsageFilter?: PolicyUsageType;
};
export type ListPoliciesOutput = { Policies: Policy[] } & PageOutput;
export type DeletePolicyInput = { PolicyArn: string };
export type CreatePolicyVersionInput = { PolicyArn: string; PolicyDocument: string; SetAsDefault?: boolean };
export type CreatePolicyVersionOutput = { PolicyVersion: PolicyVersion };
export type GetPolicyVersionInput = { PolicyArn: string; VersionId: string };
export type GetPolicyVersionOutput = { PolicyVersion: PolicyVersion };
export type ListPolicyVersionsInput = PageInput & { PolicyArn: string };
export type ListPolicyVersionsOutput = { Versions: PolicyVersion[] } & PageOutput;
export type DeletePolicyVersionInput = { PolicyArn: string; VersionId: string };
export type SetDefaultPolicyVersionInput = { PolicyArn: string; VersionId: string };
export type TagPolicyInput = { PolicyArn: string; Tags: Tag[] };
export type UntagPolicyInput = { PolicyArn: string; TagKeys: string[] };
export type ListPolicyTagsInput = PageInput & { PolicyArn: string };
export type ListTagsOutput = { Tags: Tag[] } & PageOutput;

export type AttachUserPolicyInput = { UserName: string; PolicyArn: string };
export type AttachGroupPolicyInput = { GroupName: string; PolicyArn: string };
export type AttachRolePolicyInput = { RoleName: string; PolicyArn: string };
export type ListAttachedUserPoliciesInput = PageInput & { UserName: string; PathPrefix?: string };
export type ListAttachedGroupPoliciesInput = PageInput & { GroupName: string; PathPrefix?: string };
export type ListAttachedRolePoliciesInput = PageInput & { RoleName: string; PathPrefix?: string };
export type ListAttachedPoliciesOutput = { AttachedPolicies: AttachedPolicy[] } & PageOutput;
export type ListEntitiesForPolicyInput = PageInput & {
  PolicyArn: string;
  EntityFilter?: EntityType;
  PathPrefix?: string;
  PolicyUsageFilter?: PolicyUsageType;
};
export type ListEntitiesForPolicyOutput = {
  PolicyGroups: PolicyGroup[];
  PolicyUsers: PolicyUser[];
  PolicyRoles: PolicyRole[];
} & PageOutput;

export type PutUserPolicyInput = { UserName: string; PolicyName: string; PolicyDocument: string };
export type PutGroupPolicyInput = { GroupName: string; PolicyName: string; PolicyDocument: string };
export type PutRolePolicyInput = { RoleName: string; PolicyName: string; PolicyDocument: string };
export type GetUserPolicyInput = { UserName: string; PolicyName: string };
export type GetUserPolicyOutput = { UserName: string; PolicyName: string; PolicyDocument: string };
export type GetGroupPolicyInput = { GroupName: string; PolicyName: string };
export type GetGroupPolicyOutput = { GroupName: string; PolicyName: string; PolicyDocument: string };
export type GetRolePolicyInput = { RoleName: string; PolicyName: string };
export type GetRolePolicyOutput = { RoleName: string; PolicyName: string; PolicyDocument: string };
export type ListUserPoliciesInput = PageInput & { UserName: string };
export type ListGroupPoliciesInput = PageInput & { GroupName: string };
export type ListRolePoliciesInput = PageInput & { RoleName: string };
export type ListInlinePoliciesOutput = { PolicyNames: string[] } & PageOutput;
export type DeleteUserPolicyInput = { UserName: string; PolicyName: string };
export type DeleteGroupPolicyInput = { GroupName: string; PolicyName: string };
export type DeleteRolePolicyInput = { RoleName: string; PolicyName: string };

export type PutUserPermissionsBoundaryInput = { UserName: string; PermissionsBoundary: string };
export type DeleteUserPermissionsBoundaryInput = { UserName: string };
export type PutRolePermissionsBoundaryInput = { RoleName: string; PermissionsBoundary: string };
export type DeleteRolePermissionsBoundaryInput = { RoleName: string };

export type CreateRoleInput = {
  Path?: string;
  RoleName: string;
  AssumeRolePolicyDocument: string;
  Description?: string;
  MaxSessionDuration?: number;
  PermissionsBoundary?: string;
  Tags?: Tag[];
};
export type RoleOutput = { Role: Role };
export type GetRoleInput = { RoleName: string };
export type ListRolesInput = PageInput & { PathPrefix?: string };
export type ListRolesOutput = { Roles: Role[] } & PageOutput;
export type UpdateRoleInput = { RoleName: string; Description?: string; MaxSessionDuration?: number };
export type UpdateRoleDescriptionInput = { RoleName: string; Description: string };
export type UpdateAssumeRolePolicyInput = { RoleName: string; PolicyDocument: string };
export type DeleteRoleInput = { RoleName: string };
export type TagRoleInput = { RoleName: string; Tags: Tag[] };
export type UntagRoleInput = { RoleName: string; TagKeys: string[] };
export type ListRoleTagsInput = PageInput & { RoleName: string };

export type CreateInstanceProfileInput = { InstanceProfileName: string; Path?: string; Tags?: Tag[] };
export type InstanceProfileOutput = { InstanceProfile: InstanceProfile };
export type GetInstanceProfileInput = { InstanceProfileName: string };
export type ListInstanceProfilesInput = PageInput & { PathPrefix?: string };
export type ListInstanceProfilesOutput = { InstanceProfiles: InstanceProfile[] } & PageOutput;
export type DeleteInstanceProfileInput = { InstanceProfileName: string };
export type InstanceProfileRoleInput = { InstanceProfileName: string; RoleName: string };
export type ListInstanceProfilesForRoleInput = PageInput & { RoleName: string };
export type TagInstanceProfileInput = { InstanceProfileName: string; Tags: Tag[] };
export type UntagInstanceProfileInput = { InstanceProfileName: string; TagKeys: string[] };
export type ListInstanceProfileTagsInput = PageInput & { InstanceProfileName: string };

export type CreateServiceLinkedRoleInput = { AWSServiceName: string; Description?: string; CustomSuffix?: string };
export type DeleteServiceLinkedRoleInput = { RoleName: string };
export type DeleteServiceLinkedRoleOutput = { DeletionTaskId: string };
export type GetServiceLinkedRoleDeletionStatusInput = { DeletionTaskId: string };
export type GetServiceLinkedRoleDeletionStatusOutput = {
  Status: 'SUCCEEDED' | 'IN_PROGRESS' | 'FAILED' | 'NOT_STARTED';
};

/** `PolicyDetail`: an inline policy in GetAccountAuthorizationDetails. */
export type PolicyDetail = { PolicyName: string; PolicyDocument: string };
export type UserDetail = {
  Path: string;
  UserName: string;
  UserId: string;
  Arn: string;
  CreateDate: Date;
  UserPolicyList: PolicyDetail[];
  GroupList: string[];
  AttachedManagedPolicies: AttachedPolicy[];
  PermissionsBoundary?: AttachedPermissionsBoundary;
  Tags: Tag[];
};
export type GroupDetail = {
  Path: string;
  GroupName: string;
  GroupId: string;
  Arn: string;
  CreateDate: Date;
  GroupPolicyList: PolicyDetail[];
  AttachedManagedPolicies: AttachedPolicy[];
};
export type RoleDetail = {
  Path: string;
  RoleName: string;
  RoleId: string;
  Arn: string;
  CreateDate: Date;
  AssumeRolePolicyDocument: string;
  InstanceProfileList: InstanceProfile[];
  RolePolicyList: PolicyDetail[];
  AttachedManagedPolicies: AttachedPolicy[];
  PermissionsBoundary?: AttachedPermissionsBoundary;
  Tags: Tag[];
  RoleLastUsed: RoleLastUsed;
};
export type ManagedPolicyDetail = Omit<Policy, 'Tags'> & { PolicyVersionList: PolicyVersion[] };
export type GetAccountAuthorizationDetailsInput = PageInput & { Filter?: EntityType[] };
export type GetAccountAuthorizationDetailsOutput = {
  UserDetailList: UserDetail[];
  GroupDetailList: GroupDetail[];
  RoleDetailList: RoleDetail[];
  Policies: ManagedPolicyDetail[];
} & PageOutput;
