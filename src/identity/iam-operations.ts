import type * as T from './iam-types.ts';
import type * as P from './policy-types.ts';
import type { RequestContext } from './request-context.ts';
import type { OidcProviderOperations } from './oidc-provider-types.ts';
import type { SecurityOperations } from './security-operations.ts';

type Op<I, O> = (ctx: RequestContext, input: I) => Promise<O>;

/** The identity actions of issue 3. */
export interface IdentityOperations {
  createUser: Op<T.CreateUserInput, T.CreateUserOutput>;
  getUser: Op<T.GetUserInput, T.GetUserOutput>;
  listUsers: Op<T.ListUsersInput, T.ListUsersOutput>;
  updateUser: Op<T.UpdateUserInput, T.EmptyOutput>;
  deleteUser: Op<T.DeleteUserInput, T.EmptyOutput>;
  tagUser: Op<T.TagUserInput, T.EmptyOutput>;
  untagUser: Op<T.UntagUserInput, T.EmptyOutput>;
  listUserTags: Op<T.ListUserTagsInput, T.ListUserTagsOutput>;
  createGroup: Op<T.CreateGroupInput, T.CreateGroupOutput>;
  getGroup: Op<T.GetGroupInput, T.GetGroupOutput>;
  listGroups: Op<T.ListGroupsInput, T.ListGroupsOutput>;
  updateGroup: Op<T.UpdateGroupInput, T.EmptyOutput>;
  deleteGroup: Op<T.DeleteGroupInput, T.EmptyOutput>;
  addUserToGroup: Op<T.AddUserToGroupInput, T.EmptyOutput>;
  removeUserFromGroup: Op<T.RemoveUserFromGroupInput, T.EmptyOutput>;
  listGroupsForUser: Op<T.ListGroupsForUserInput, T.ListGroupsForUserOutput>;
  createAccessKey: Op<T.CreateAccessKeyInput, T.CreateAccessKeyOutput>;
  listAccessKeys: Op<T.ListAccessKeysInput, T.ListAccessKeysOutput>;
  updateAccessKey: Op<T.UpdateAccessKeyInput, T.EmptyOutput>;
  deleteAccessKey: Op<T.DeleteAccessKeyInput, T.EmptyOutput>;
  getAccessKeyLastUsed: Op<T.GetAccessKeyLastUsedInput, T.GetAccessKeyLastUsedOutput>;
  createLoginProfile: Op<T.CreateLoginProfileInput, T.CreateLoginProfileOutput>;
  getLoginProfile: Op<T.GetLoginProfileInput, T.GetLoginProfileOutput>;
  updateLoginProfile: Op<T.UpdateLoginProfileInput, T.EmptyOutput>;
  deleteLoginProfile: Op<T.DeleteLoginProfileInput, T.EmptyOutput>;
  createAccountAlias: Op<T.CreateAccountAliasInput, T.EmptyOutput>;
  deleteAccountAlias: Op<T.DeleteAccountAliasInput, T.EmptyOutput>;
  listAccountAliases: Op<T.ListAccountAliasesInput, T.ListAccountAliasesOutput>;
  getAccountSummary: Op<T.GetAccountSummaryInput, T.GetAccountSummaryOutput>;
}

/** Managed and inline policies, boundaries, roles, instance profiles, service-linked roles (issue 4). */
export interface PolicyRoleOperations {
  createPolicy: Op<P.CreatePolicyInput, P.CreatePolicyOutput>;
  getPolicy: Op<P.GetPolicyInput, P.GetPolicyOutput>;
  listPolicies: Op<P.ListPoliciesInput, P.ListPoliciesOutput>;
  deletePolicy: Op<P.DeletePolicyInput, T.EmptyOutput>;
  createPolicyVersion: Op<P.CreatePolicyVersionInput, P.CreatePolicyVersionOutput>;
  getPolicyVersion: Op<P.GetPolicyVersionInput, P.GetPolicyVersionOutput>;
  listPolicyVersions: Op<P.ListPolicyVersionsInput, P.ListPolicyVersionsOutput>;
  deletePolicyVersion: Op<P.DeletePolicyVersionInput, T.EmptyOutput>;
  setDefaultPolicyVersion: Op<P.SetDefaultPolicyVersionInput, T.EmptyOutput>;
  tagPolicy: Op<P.TagPolicyInput, T.EmptyOutput>;
  untagPolicy: Op<P.UntagPolicyInput, T.EmptyOutput>;
  listPolicyTags: Op<P.ListPolicyTagsInput, P.ListTagsOutput>;
  attachUserPolicy: Op<P.AttachUserPolicyInput, T.EmptyOutput>;
  attachGroupPolicy: Op<P.AttachGroupPolicyInput, T.EmptyOutput>;
  attachRolePolicy: Op<P.AttachRolePolicyInput, T.EmptyOutput>;
  detachUserPolicy: Op<P.AttachUserPolicyInput, T.EmptyOutput>;
  detachGroupPolicy: Op<P.AttachGroupPolicyInput, T.EmptyOutput>;
  detachRolePolicy: Op<P.AttachRolePolicyInput, T.EmptyOutput>;
  listAttachedUserPolicies: Op<P.ListAttachedUserPoliciesInput, P.ListAttachedPoliciesOutput>;
  listAttachedGroupPolicies: Op<P.ListAttachedGroupPoliciesInput, P.ListAttachedPoliciesOutput>;
  listAttachedRolePolicies: Op<P.ListAttachedRolePoliciesInput, P.ListAttachedPoliciesOutput>;
  listEntitiesForPolicy: Op<P.ListEntitiesForPolicyInput, P.ListEntitiesForPolicyOutput>;
  putUserPolicy: Op<P.PutUserPolicyInput, T.EmptyOutput>;
  putGroupPolicy: Op<P.PutGroupPolicyInput, T.EmptyOutput>;
  putRolePolicy: Op<P.PutRolePolicyInput, T.EmptyOutput>;
  getUserPolicy: Op<P.GetUserPolicyInput, P.GetUserPolicyOutput>;
  getGroupPolicy: Op<P.GetGroupPolicyInput, P.GetGroupPolicyOutput>;
  getRolePolicy: Op<P.GetRolePolicyInput, P.GetRolePolicyOutput>;
  listUserPolicies: Op<P.ListUserPoliciesInput, P.ListInlinePoliciesOutput>;
  listGroupPolicies: Op<P.ListGroupPoliciesInput, P.ListInlinePoliciesOutput>;
  listRolePolicies: Op<P.ListRolePoliciesInput, P.ListInlinePoliciesOutput>;
  deleteUserPolicy: Op<P.DeleteUserPolicyInput, T.EmptyOutput>;
  deleteGroupPolicy: Op<P.DeleteGroupPolicyInput, T.EmptyOutput>;
  deleteRolePolicy: Op<P.DeleteRolePolicyInput, T.EmptyOutput>;
  putUserPermissionsBoundary: Op<P.PutUserPermissionsBoundaryInput, T.EmptyOutput>;
  deleteUserPermissionsBoundary: Op<P.DeleteUserPermissionsBoundaryInput, T.EmptyOutput>;
  putRolePermissionsBoundary: Op<P.PutRolePermissionsBoundaryInput, T.EmptyOutput>;
  deleteRolePermissionsBoundary: Op<P.DeleteRolePermissionsBoundaryInput, T.EmptyOutput>;
  createRole: Op<P.CreateRoleInput, P.RoleOutput>;
  getRole: Op<P.GetRoleInput, P.RoleOutput>;
  listRoles: Op<P.ListRolesInput, P.ListRolesOutput>;
  updateRole: Op<P.UpdateRoleInput, T.EmptyOutput>;
  updateRoleDescription: Op<P.UpdateRoleDescriptionInput, P.RoleOutput>;
  updateAssumeRolePolicy: Op<P.UpdateAssumeRolePolicyInput, T.EmptyOutput>;
  deleteRole: Op<P.DeleteRoleInput, T.EmptyOutput>;
  tagRole: Op<P.TagRoleInput, T.EmptyOutput>;
  untagRole: Op<P.UntagRoleInput, T.EmptyOutput>;
  listRoleTags: Op<P.ListRoleTagsInput, P.ListTagsOutput>;
  createInstanceProfile: Op<P.CreateInstanceProfileInput, P.InstanceProfileOutput>;
  getInstanceProfile: Op<P.GetInstanceProfileInput, P.InstanceProfileOutput>;
  listInstanceProfiles: Op<P.ListInstanceProfilesInput, P.ListInstanceProfilesOutput>;
  deleteInstanceProfile: Op<P.DeleteInstanceProfileInput, T.EmptyOutput>;
  addRoleToInstanceProfile: Op<P.InstanceProfileRoleInput, T.EmptyOutput>;
  removeRoleFromInstanceProfile: Op<P.InstanceProfileRoleInput, T.EmptyOutput>;
  listInstanceProfilesForRole: Op<P.ListInstanceProfilesForRoleInput, P.ListInstanceProfilesOutput>;
  tagInstanceProfile: Op<P.TagInstanceProfileInput, T.EmptyOutput>;
  untagInstanceProfile: Op<P.UntagInstanceProfileInput, T.EmptyOutput>;
  listInstanceProfileTags: Op<P.ListInstanceProfileTagsInput, P.ListTagsOutput>;
  createServiceLinkedRole: Op<P.CreateServiceLinkedRoleInput, P.RoleOutput>;
  deleteServiceLinkedRole: Op<P.DeleteServiceLinkedRoleInput, P.DeleteServiceLinkedRoleOutput>;
  getServiceLinkedRoleDeletionStatus: Op<
    P.GetServiceLinkedRoleDeletionStatusInput,
    P.GetServiceLinkedRoleDeletionStatusOutput
  >;
  getAccountAuthorizationDetails: Op<P.GetAccountAuthorizationDetailsInput, P.GetAccountAuthorizationDetailsOutput>;
}

/** One method per IAM action, named as the action in lowerCamelCase; inputs and outputs are AWS's shapes. */
export interface IamOperations
  extends IdentityOperations,
    PolicyRoleOperations,
    SecurityOperations,
    OidcProviderOperations {}

/**
 * The IAM action names of issue 3 (PascalCase). Kept to issue 3's set until the API's IAM_ACTIONS table spreads
 * the issue-4 tables; {@link AnyIamActionName} is the full set.
 */
export type IamActionName = Capitalize<keyof IdentityOperations>;
/** The issue-4 action names (policies, roles, instance profiles). */
export type PolicyRoleActionName = Capitalize<keyof PolicyRoleOperations>;
/** Every IAM action name iamd implements. */
export type AnyIamActionName = Capitalize<keyof IamOperations>;
