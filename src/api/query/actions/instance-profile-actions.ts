import type { AnyIamActionName } from '../../../identity/index.ts';
import type { ActionHandler } from '../action-handler.ts';
import { decodeInput } from '../input-decoder.ts';
import { list, optional, paging, required, str, struct, tag } from '../shapes.ts';

const createInstanceProfile = struct({
  InstanceProfileName: required(str),
  Path: optional(str),
  Tags: optional(list(tag)),
});
const profileName = struct({ InstanceProfileName: required(str) });
const listInstanceProfiles = struct({ PathPrefix: optional(str), ...paging });
const profileRole = struct({ InstanceProfileName: required(str), RoleName: required(str) });
const listForRole = struct({ RoleName: required(str), ...paging });
const tagProfile = struct({ InstanceProfileName: required(str), Tags: required(list(tag)) });
const untagProfile = struct({ InstanceProfileName: required(str), TagKeys: required(list(str)) });
const listProfileTags = struct({ InstanceProfileName: required(str), ...paging });

/** Instance profiles and their tags. */
export const INSTANCE_PROFILE_ACTIONS = {
  CreateInstanceProfile: ({ ctx, params, services }) =>
    services.iam.createInstanceProfile(ctx, decodeInput(createInstanceProfile, params)),
  GetInstanceProfile: ({ ctx, params, services }) =>
    services.iam.getInstanceProfile(ctx, decodeInput(profileName, params)),
  ListInstanceProfiles: ({ ctx, params, services }) =>
    services.iam.listInstanceProfiles(ctx, decodeInput(listInstanceProfiles, params)),
  DeleteInstanceProfile: ({ ctx, params, services }) =>
    services.iam.deleteInstanceProfile(ctx, decodeInput(profileName, params)),
  AddRoleToInstanceProfile: ({ ctx, params, services }) =>
    services.iam.addRoleToInstanceProfile(ctx, decodeInput(profileRole, params)),
  RemoveRoleFromInstanceProfile: ({ ctx, params, services }) =>
    services.iam.removeRoleFromInstanceProfile(ctx, decodeInput(profileRole, params)),
  ListInstanceProfilesForRole: ({ ctx, params, services }) =>
    services.iam.listInstanceProfilesForRole(ctx, decodeInput(listForRole, params)),
  TagInstanceProfile: ({ ctx, params, services }) =>
    services.iam.tagInstanceProfile(ctx, decodeInput(tagProfile, params)),
  UntagInstanceProfile: ({ ctx, params, services }) =>
    services.iam.untagInstanceProfile(ctx, decodeInput(untagProfile, params)),
  ListInstanceProfileTags: ({ ctx, params, services }) =>
    services.iam.listInstanceProfileTags(ctx, decodeInput(listProfileTags, params)),
} satisfies Partial<Record<AnyIamActionName, ActionHandler>>;
