import type { IamActionName } from '../../../identity/index.ts';
import type { ActionHandler } from '../action-handler.ts';
import { decodeInput } from '../input-decoder.ts';
import { bool, optional, required, str, struct } from '../shapes.ts';

const createLoginProfile = struct({
  UserName: optional(str),
  Password: optional(str),
  PasswordResetRequired: optional(bool),
});
const getLoginProfile = struct({ UserName: optional(str) });
const updateLoginProfile = struct({
  UserName: required(str),
  Password: optional(str),
  PasswordResetRequired: optional(bool),
});
const deleteLoginProfile = struct({ UserName: optional(str) });

/** IAM login profile (console password) actions. */
export const LOGIN_PROFILE_ACTIONS = {
  CreateLoginProfile: ({ ctx, params, services }) =>
    services.iam.createLoginProfile(ctx, decodeInput(createLoginProfile, params)),
  GetLoginProfile: ({ ctx, params, services }) =>
    services.iam.getLoginProfile(ctx, decodeInput(getLoginProfile, params)),
  UpdateLoginProfile: ({ ctx, params, services }) =>
    services.iam.updateLoginProfile(ctx, decodeInput(updateLoginProfile, params)),
  DeleteLoginProfile: ({ ctx, params, services }) =>
    services.iam.deleteLoginProfile(ctx, decodeInput(deleteLoginProfile, params)),
} satisfies Partial<Record<IamActionName, ActionHandler>>;
