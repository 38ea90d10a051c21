import type { IamActionName } from '../../../identity/index.ts';
import type { ActionHandler } from '../action-handler.ts';
import { ACCESS_KEY_ACTIONS } from './access-key-actions.ts';
import { ACCOUNT_ACTIONS } from './account-actions.ts';
import { GROUP_ACTIONS } from './group-actions.ts';
import { LOGIN_PROFILE_ACTIONS } from './login-profile-actions.ts';
import { SIMULATION_ACTIONS } from './simulation-actions.ts';
import { USER_ACTIONS } from './user-actions.ts';

/** Every IAM action iamd answers; a service method without a handler here is a compile error. */
export const IAM_ACTIONS = {
  ...USER_ACTIONS,
  ...GROUP_ACTIONS,
  ...ACCESS_KEY_ACTIONS,
  ...LOGIN_PROFILE_ACTIONS,
  ...ACCOUNT_ACTIONS,
  ...SIMULATION_ACTIONS,
} satisfies Record<IamActionName, ActionHandler>;
