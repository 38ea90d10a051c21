import type { AnyIamActionName } from '../../../identity/index.ts';
import type { ActionHandler } from '../action-handler.ts';
import { decodeInput } from '../input-decoder.ts';
import { bool, list, oneOf, optional, paging, required, str, struct, tag } from '../shapes.ts';

const createPolicy = struct({
  PolicyName: required(str),
  Path: optional(str),
  PolicyDocument: required(str),
  Description: optional(str),
  Tags: optional(list(tag)),
});
const policyArn = struct({ PolicyArn: required(str) });
const listPolicies = struct({
  Scope: optional(oneOf('All', 'AWS', 'Local')),
  OnlyAttached: optional(bool),
  PathPrefix: optional(str),
  PolicyUsageFilter: optional(oneOf('PermissionsPolicy', 'PermissionsBoundary')),
  ...paging,
});
const createPolicyVersion = struct({
  PolicyArn: required(str),
  PolicyDocument: required(str),
  SetAsDefault: optional(bool),
});
const policyVersion = struct({ PolicyArn: required(str), VersionId: required(str) });
const listPolicyVersions = struct({ PolicyArn: required(str), ...paging });
const tagPolicy = struct({ PolicyArn: required(str), Tags: required(list(tag)) });
const untagPolicy = struct({ PolicyArn: required(str), TagKeys: required(list(str)) });
const userPolicyArn = struct({ UserName: required(str), PolicyArn: required(str) });
const groupPolicyArn = struct({ GroupName: required(str), PolicyArn: required(str) });
const rolePolicyArn = struct({ RoleName: required(str), PolicyArn: required(str) });
const listAttachedUser = struct({ UserName: required(str), PathPrefix: optional(str), ...paging });
const listAttachedGroup = struct({ GroupName: required(str), PathPrefix: optional(str), ...paging });
const listAttachedRole = struct({ RoleName: required(str), PathPrefix: optional(str), ...paging });
const listEntitiesForPolicy = struct({
  PolicyArn: required(str),
  EntityFilter: optional(oneOf('User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy')),
  PathPrefix: optional(str),
  PolicyUsageFilter: optional(oneOf('PermissionsPolicy', 'PermissionsBoundary')),
  ...paging,
});
const putUserPolicy = struct({ UserName: required(str), PolicyName: required(str), PolicyDocument: required(str) });
const putGroupPolicy = struct({ GroupName: required(str), PolicyName: required(str), PolicyDocument: required(str) });
const putRolePolicy = struct({ RoleName: required(str), PolicyName: required(str), PolicyDocument: required(str) });
const userPolicyName = struct({ UserName: required(str), PolicyName: required(str) });
const groupPolicyName = struct({ GroupName: required(str), PolicyName: required(str) });
const rolePolicyName = struct({ RoleName: required(str), PolicyName: required(str) });
const listUserPolicies = struct({ UserName: required(str), ...paging });
const listGroupPolicies = struct({ GroupName: required(str), ...paging });
const listRolePolicies = struct({ RoleName: required(str), ...paging });
const putUserBoundary = struct({ UserName: required(str), PermissionsBoundary: required(str) });
const userName = struct({ UserName: required(str) });
const putRoleBoundary = struct({ RoleName: required(str), PermissionsBoundary: required(str) });
const roleName = struct({ RoleName: required(str) });
const authorizationDetails = struct({
  Filter: optional(list(oneOf('User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'))),
  ...paging,
});

/** Managed and inline policies, attachments, permissions boundaries and GetAccountAuthorizationDetails. */
export const POLICY_ACTIONS = {
  CreatePolicy: ({ ctx, params, services }) => services.iam.createPolicy(ctx, decodeInput(createPolicy, params)),
  GetPolicy: ({ ctx, params, services }) => services.iam.getPolicy(ctx, decodeInput(policyArn, params)),
  ListPolicies: ({ ctx, params, services }) => services.iam.listPolicies(ctx, decodeInput(listPolicies, params)),
  DeletePolicy: ({ ctx, params, services }) => services.iam.deletePolicy(ctx, decodeInput(policyArn, params)),
  CreatePolicyVersion: ({ ctx, params, services }) =>
    services.iam.createPolicyVersion(ctx, decodeInput(createPolicyVersion, params)),
  GetPolicyVersion: ({ ctx, params, services }) =>
    services.iam.getPolicyVersion(ctx, decodeInput(policyVersion, params)),
  ListPolicyVersions: ({ ctx, params, services }) =>
    services.iam.listPolicyVersions(ctx, decodeInput(listPolicyVersions, params)),
  DeletePolicyVersion: ({ ctx, params, services }) =>
    services.iam.deletePolicyVersion(ctx, decodeInput(policyVersion, params)),
  SetDefaultPolicyVersion: ({ ctx, params, services }) =>
    services.iam.setDefaultPolicyVersion(ctx, decodeInput(policyVersion, params)),
  TagPolicy: ({ ctx, params, services }) => services.iam.tagPolicy(ctx, decodeInput(tagPolicy, params)),
  UntagPolicy: ({ ctx, params, services }) => services.iam.untagPolicy(ctx, decodeInput(untagPolicy, params)),
  ListPolicyTags: ({ ctx, params, services }) =>
    services.iam.listPolicyTags(ctx, decodeInput(listPolicyVersions, params)),
  AttachUserPolicy: ({ ctx, params, services }) =>
    services.iam.attachUserPolicy(ctx, decodeInput(userPolicyArn, params)),
  AttachGroupPolicy: ({ ctx, params, services }) =>
    services.iam.attachGroupPolicy(ctx, decodeInput(groupPolicyArn, params)),
  AttachRolePolicy: ({ ctx, params, services }) =>
    services.iam.attachRolePolicy(ctx, decodeInput(rolePolicyArn, params)),
  DetachUserPolicy: ({ ctx, params, services }) =>
    services.iam.detachUserPolicy(ctx, decodeInput(userPolicyArn, params)),
  DetachGroupPolicy: ({ ctx, params, services }) =>
    services.iam.detachGroupPolicy(ctx, decodeInput(groupPolicyArn, params)),
  DetachRolePolicy: ({ ctx, params, services }) =>
    services.iam.detachRolePolicy(ctx, decodeInput(rolePolicyArn, params)),
  ListAttachedUserPolicies: ({ ctx, params, services }) =>
    services.iam.listAttachedUserPolicies(ctx, decodeInput(listAttachedUser, params)),
  ListAttachedGroupPolicies: ({ ctx, params, services }) =>
    services.iam.listAttachedGroupPolicies(ctx, decodeInput(listAttachedGroup, params)),
  ListAttachedRolePolicies: ({ ctx, params, services }) =>
    services.iam.listAttachedRolePolicies(ctx, decodeInput(listAttachedRole, params)),
  ListEntitiesForPolicy: ({ ctx, params, services }) =>
    services.iam.listEntitiesForPolicy(ctx, decodeInput(listEntitiesForPolicy, params)),
  PutUserPolicy: ({ ctx, params, services }) => services.iam.putUserPolicy(ctx, decodeInput(putUserPolicy, params)),
  PutGroupPolicy: ({ ctx, params, services }) => services.iam.putGroupPolicy(ctx, decodeInput(putGroupPolicy, params)),
  PutRolePolicy: ({ ctx, params, services }) => services.iam.putRolePolicy(ctx, decodeInput(putRolePolicy, params)),
  GetUserPolicy: ({ ctx, params, services }) => services.iam.getUserPolicy(ctx, decodeInput(userPolicyName, params)),
  GetGroupPolicy: ({ ctx, params, services }) => services.iam.getGroupPolicy(ctx, decodeInput(groupPolicyName, params)),
  GetRolePolicy: ({ ctx, params, services }) => services.iam.getRolePolicy(ctx, decodeInput(rolePolicyName, params)),
  ListUserPolicies: ({ ctx, params, services }) =>
    services.iam.listUserPolicies(ctx, decodeInput(listUserPolicies, params)),
  ListGroupPolicies: ({ ctx, params, services }) =>
    services.iam.listGroupPolicies(ctx, decodeInput(listGroupPolicies, params)),
  ListRolePolicies: ({ ctx, params, services }) =>
    services.iam.listRolePolicies(ctx, decodeInput(listRolePolicies, params)),
  DeleteUserPolicy: ({ ctx, params, services }) =>
    services.iam.deleteUserPolicy(ctx, decodeInput(userPolicyName, params)),
  DeleteGroupPolicy: ({ ctx, params, services }) =>
    services.iam.deleteGroupPolicy(ctx, decodeInput(groupPolicyName, params)),
  DeleteRolePolicy: ({ ctx, params, services }) =>
    services.iam.deleteRolePolicy(ctx, decodeInput(rolePolicyName, params)),
  PutUserPermissionsBoundary: ({ ctx, params, services }) =>
    services.iam.putUserPermissionsBoundary(ctx, decodeInput(putUserBoundary, params)),
  DeleteUserPermissionsBoundary: ({ ctx, params, services }) =>
    services.iam.deleteUserPermissionsBoundary(ctx, decodeInput(userName, params)),
  PutRolePermissionsBoundary: ({ ctx, params, services }) =>
    services.iam.putRolePermissionsBoundary(ctx, decodeInput(putRoleBoundary, params)),
  DeleteRolePermissionsBoundary: ({ ctx, params, services }) =>
    services.iam.deleteRolePermissionsBoundary(ctx, decodeInput(roleName, params)),
  GetAccountAuthorizationDetails: ({ ctx, params, services }) =>
    services.iam.getAccountAuthorizationDetails(ctx, decodeInput(authorizationDetails, params)),
} satisfies Partial<Record<AnyIamActionName, ActionHandler>>;
