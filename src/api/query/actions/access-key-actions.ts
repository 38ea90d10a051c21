import type { IamActionName } from '../../../identity/index.ts';
import type { ActionHandler } from '../action-handler.ts';
import { decodeInput } from '../input-decoder.ts';
import { oneOf, optional, paging, required, str, struct } from '../shapes.ts';

const createAccessKey = struct({ UserName: optional(str) });
const listAccessKeys = struct({ UserName: optional(str), ...paging });
const updateAccessKey = struct({
  UserName: optional(str),
  AccessKeyId: required(str),
  Status: required(oneOf('Active', 'Inactive')),
});
const deleteAccessKey = struct({ UserName: optional(str), AccessKeyId: required(str) });
const getAccessKeyLastUsed = struct({ AccessKeyId: required(str) });

/** IAM access key actions (users' and the root user's keys). */
export const ACCESS_KEY_ACTIONS = {
  CreateAccessKey: ({ ctx, params, services }) =>
    services.iam.createAccessKey(ctx, decodeInput(createAccessKey, params)),
  ListAccessKeys: ({ ctx, params, services }) => services.iam.listAccessKeys(ctx, decodeInput(listAccessKeys, params)),
  UpdateAccessKey: ({ ctx, params, services }) =>
    services.iam.updateAccessKey(ctx, decodeInput(updateAccessKey, params)),
  DeleteAccessKey: ({ ctx, params, services }) =>
    services.iam.deleteAccessKey(ctx, decodeInput(deleteAccessKey, params)),
  GetAccessKeyLastUsed: ({ ctx, params, services }) =>
    services.iam.getAccessKeyLastUsed(ctx, decodeInput(getAccessKeyLastUsed, params)),
} satisfies Partial<Record<IamActionName, ActionHandler>>;
