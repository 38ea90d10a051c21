import type { AuthorizationCore } from './authorization-core.ts';

/** Actions whose resource policy is the role's trust policy (policy-semantics item 108). */
const TRUST_ACTIONS = new Set([
  'sts:assumerole',
  'sts:assumerolewithsaml',
  'sts:assumerolewithwebidentity',
  'sts:tagsession',
  'sts:setsourceidentity',
]);
const ROLE_ARN = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;

/** Whether the action's resource policy is a role's trust policy (AssumeRole and friends). */
export function usesTrustPolicy(action: string): boolean {
  return TRUST_ACTIONS.has(action.toLowerCase());
}

/** The trust policy that acts as the resource policy of a request, when the action is AssumeRole-like on a role. */
export async function trustPolicyFor(
  core: AuthorizationCore,
  action: string,
  resource: string,
): Promise<{ readonly accountId: string; readonly document: string } | undefined> {
  if (!TRUST_ACTIONS.has(action.toLowerCase())) return undefined;
  const role = ROLE_ARN.exec(resource);
  if (role === null) return undefined;
  const trust = await core.cache.trust(role[1]!, role[2]!);
  return trust === undefined ? undefined : { accountId: role[1]!, document: trust.document };
}
