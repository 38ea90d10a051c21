import type { IamActionName } from '../../../identity/index.ts';
import type { ActionHandler } from '../action-handler.ts';
import { decodeInput } from '../input-decoder.ts';
import { list, optional, paging, required, str, struct, tag } from '../shapes.ts';

const createUser = struct({
  Path: optional(str),
  UserName: required(str),
  PermissionsBoundary: optional(str),
  Tags: optional(list(tag)),
});
const getUser = struct({ UserName: optional(str) });
const listUsers = struct({ PathPrefix: optional(str), ...paging });
const updateUser = struct({ UserName: required(str), NewPath: optional(str), NewUserName: optional(str) });
const deleteUser = struct({ UserName: required(str) });
const tagUser = struct({ UserName: required(str), Tags: required(list(tag)) });
const untagUser = struct({ UserName: required(str), TagKeys: required(list(str)) });
const listUserTags = struct({ UserName: required(str), ...paging });

/** IAM user actions and user tags. */
export const USER_ACTIONS = {
  CreateUser: ({ ctx, params, services }) => services.iam.createUser(ctx, decodeInput(createUser, params)),
  GetUser: ({ ctx, params, services }) => services.iam.getUser(ctx, decodeInput(getUser, params)),
  ListUsers: ({ ctx, params, services }) => services.iam.listUsers(ctx, decodeInput(listUsers, params)),
  UpdateUser: ({ ctx, params, services }) => services.iam.updateUser(ctx, decodeInput(updateUser, params)),
  DeleteUser: ({ ctx, params, services }) => services.iam.deleteUser(ctx, decodeInput(deleteUser, params)),
  TagUser: ({ ctx, params, services }) => services.iam.tagUser(ctx, decodeInput(tagUser, params)),
  UntagUser: ({ ctx, params, services }) => services.iam.untagUser(ctx, decodeInput(untagUser, params)),
  ListUserTags: ({ ctx, params, services }) => services.iam.listUserTags(ctx, decodeInput(listUserTags, params)),
} satisfies Partial<Record<IamActionName, ActionHandler>>;
