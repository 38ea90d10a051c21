import type { AnyIamActionName } from '../../../identity/index.ts';
import type { ActionHandler } from '../action-handler.ts';
import { decodeInput } from '../input-decoder.ts';
import { int, list, optional, paging, required, str, struct, tag } from '../shapes.ts';

const createRole = struct({
  Path: optional(str),
  RoleName: required(str),
  AssumeRolePolicyDocument: required(str),
  Description: optional(str),
  MaxSessionDuration: optional(int),
  PermissionsBoundary: optional(str),
  Tags: optional(list(tag)),
});
const roleName = struct({ RoleName: required(str) });
const listRoles = struct({ PathPrefix: optional(str), ...paging });
const updateRole = struct({ RoleName: required(str), Description: optional(str), MaxSessionDuration: optional(int) });
const updateRoleDescription = struct({ RoleName: required(str), Description: required(str) });
const updateAssumeRolePolicy = struct({ RoleName: required(str), PolicyDocument: required(str) });
const tagRole = struct({ RoleName: required(str), Tags: required(list(tag)) });
const untagRole = struct({ RoleName: required(str), TagKeys: required(list(str)) });
const listRoleTags = struct({ RoleName: required(str), ...paging });
const createServiceLinkedRole = struct({
  AWSServiceName: required(str),
  Description: optional(str),
  CustomSuffix: optional(str),
});
const deletionStatus = struct({ DeletionTaskId: required(str) });

/** Roles, role tags and service-linked roles. */
export const ROLE_ACTIONS = {
  CreateRole: ({ ctx, params, services }) => services.iam.createRole(ctx, decodeInput(createRole, params)),
  GetRole: ({ ctx, params, services }) => services.iam.getRole(ctx, decodeInput(roleName, params)),
  ListRoles: ({ ctx, params, services }) => services.iam.listRoles(ctx, decodeInput(listRoles, params)),
  UpdateRole: ({ ctx, params, services }) => services.iam.updateRole(ctx, decodeInput(updateRole, params)),
  UpdateRoleDescription: ({ ctx, params, services }) =>
    services.iam.updateRoleDescription(ctx, decodeInput(updateRoleDescription, params)),
  UpdateAssumeRolePolicy: ({ ctx, params, services }) =>
    services.iam.updateAssumeRolePolicy(ctx, decodeInput(updateAssumeRolePolicy, params)),
  DeleteRole: ({ ctx, params, services }) => services.iam.deleteRole(ctx, decodeInput(roleName, params)),
  TagRole: ({ ctx, params, services }) => services.iam.tagRole(ctx, decodeInput(tagRole, params)),
  UntagRole: ({ ctx, params, services }) => services.iam.untagRole(ctx, decodeInput(untagRole, params)),
  ListRoleTags: ({ ctx, params, services }) => services.iam.listRoleTags(ctx, decodeInput(listRoleTags, params)),
  CreateServiceLinkedRole: ({ ctx, params, services }) =>
    services.iam.createServiceLinkedRole(ctx, decodeInput(createServiceLinkedRole, params)),
  DeleteServiceLinkedRole: ({ ctx, params, services }) =>
    services.iam.deleteServiceLinkedRole(ctx, decodeInput(roleName, params)),
  GetServiceLinkedRoleDeletionStatus: ({ ctx, params, services }) =>
    services.iam.getServiceLinkedRoleDeletionStatus(ctx, decodeInput(deletionStatus, params)),
} satisfies Partial<Record<AnyIamActionName, ActionHandler>>;
