import type { ActionHandler } from './action-handler.ts';
import { IAM_ACTIONS } from './actions/iam-actions.ts';
import { OIDC_PROVIDER_ACTIONS } from './actions/oidc-provider-actions.ts';
import { POLICY_ROLE_ACTIONS } from './actions/policy-role-actions.ts';
import { SECURITY_ACTIONS } from './actions/security-actions.ts';
import { STS_ACTIONS, UNSIGNED_STS_ACTIONS, type UnsignedActionHandler } from './actions/sts-actions.ts';
import type { QueryService } from './xml-encoder.ts';

/** API versions of the two services; a request with another Version is answered InvalidAction. */
export const VERSIONS: Readonly<Record<QueryService, string>> = { iam: '2010-05-08', sts: '2011-06-15' };

/** Actions AWS's SDKs send without a signature (model `auth: ["smithy.api#noAuth"]`): routed by Action alone. */
export const UNSIGNED_ACTIONS: ReadonlySet<string> = new Set(['AssumeRoleWithWebIdentity', 'AssumeRoleWithSAML']);

/** The STS actions that exist on AWS, for routing an unsigned request before sts/ implements them. */
const STS_ACTION_NAMES: ReadonlySet<string> = new Set([
  'AssumeRole',
  'AssumeRoleWithSAML',
  'AssumeRoleWithWebIdentity',
  'AssumeRoot',
  'DecodeAuthorizationMessage',
  'GetAccessKeyInfo',
  'GetCallerIdentity',
  'GetDelegatedAccessToken',
  'GetFederationToken',
  'GetSessionToken',
  'GetWebIdentityToken',
]);

const TABLES: Readonly<Record<QueryService, Readonly<Record<string, ActionHandler>>>> = {
  iam: { ...IAM_ACTIONS, ...POLICY_ROLE_ACTIONS, ...SECURITY_ACTIONS, ...OIDC_PROVIDER_ACTIONS },
  sts: STS_ACTIONS,
};

/** The handler for `action` in `service`, if iamd implements it (own properties only: no `constructor`). */
export function findAction(service: QueryService, action: string): ActionHandler | undefined {
  const table = TABLES[service];
  return Object.hasOwn(table, action) ? table[action] : undefined;
}

/** The service an action belongs to when the request carries no credential scope (the action sets are disjoint). */
export function serviceOfAction(action: string): QueryService {
  return STS_ACTION_NAMES.has(action) ? 'sts' : 'iam';
}

/** The handler of an unsigned STS action (AssumeRoleWithWebIdentity), if iamd implements it. */
export function findUnsignedAction(action: string): UnsignedActionHandler | undefined {
  return Object.hasOwn(UNSIGNED_STS_ACTIONS, action)
    ? UNSIGNED_STS_ACTIONS[action as keyof typeof UNSIGNED_STS_ACTIONS]
    : undefined;
}
