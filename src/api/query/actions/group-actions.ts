import type { IamActionName } from '../../../identity/index.ts';
import type { ActionHandler } from '../action-handler.ts';
import { decodeInput } from '../input-decoder.ts';
import { optional, paging, required, str, struct } from '../shapes.ts';

const createGroup = struct({ Path: optional(str), GroupName: required(str) });
const getGroup = struct({ GroupName: required(str), ...paging });
const listGroups = struct({ PathPrefix: optional(str), ...paging });
const updateGroup = struct({ GroupName: required(str), NewPath: optional(str), NewGroupName: optional(str) });
const deleteGroup = struct({ GroupName: required(str) });
const membership = struct({ GroupName: required(str), UserName: required(str) });
const listGroupsForUser = struct({ UserName: required(str), ...paging });

/** IAM group actions and group membership. */
export const GROUP_ACTIONS = {
  CreateGroup: ({ ctx, params, services }) => services.iam.createGroup(ctx, decodeInput(createGroup, params)),
  GetGroup: ({ ctx, params, services }) => services.iam.getGroup(ctx, decodeInput(getGroup, params)),
  ListGroups: ({ ctx, params, services }) => services.iam.listGroups(ctx, decodeInput(listGroups, params)),
  UpdateGroup: ({ ctx, params, services }) => services.iam.updateGroup(ctx, decodeInput(updateGroup, params)),
  DeleteGroup: ({ ctx, params, services }) => services.iam.deleteGroup(ctx, decodeInput(deleteGroup, params)),
  AddUserToGroup: ({ ctx, params, services }) => services.iam.addUserToGroup(ctx, decodeInput(membership, params)),
  RemoveUserFromGroup: ({ ctx, params, services }) =>
    services.iam.removeUserFromGroup(ctx, decodeInput(membership, params)),
  ListGroupsForUser: ({ ctx, params, services }) =>
    services.iam.listGroupsForUser(ctx, decodeInput(listGroupsForUser, params)),
} satisfies Partial<Record<IamActionName, ActionHandler>>;
