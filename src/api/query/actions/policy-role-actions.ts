import type { PolicyRoleActionName } from '../../../identity/index.ts';
import type { ActionHandler } from '../action-handler.ts';
import { INSTANCE_PROFILE_ACTIONS } from './instance-profile-actions.ts';
import { POLICY_ACTIONS } from './policy-actions.ts';
import { ROLE_ACTIONS } from './role-actions.ts';

/** Every issue-4 IAM action (policies, roles, instance profiles); a missing one is a compile error. */
export const POLICY_ROLE_ACTIONS = {
  ...POLICY_ACTIONS,
  ...ROLE_ACTIONS,
  ...INSTANCE_PROFILE_ACTIONS,
} satisfies Record<PolicyRoleActionName, ActionHandler>;
