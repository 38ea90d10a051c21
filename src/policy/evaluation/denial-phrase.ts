import type { PolicySetKind } from './policy-set.ts';

/** What made a request fail: a policy type, or a policy the engine could not read. */
export type DenyCause = PolicySetKind | 'policy-error';

const NAMES: Readonly<Record<PolicySetKind, readonly [article: string, name: string]>> = {
  identity: ['an', 'identity-based policy'],
  resource: ['a', 'resource-based policy'],
  boundary: ['a', 'permissions boundary'],
  session: ['a', 'session policy'],
  scp: ['a', 'service control policy'],
  rcp: ['a', 'resource control policy'],
};

/**
 * The tail of an AWS AccessDenied message, in AWS's wording: `with an explicit deny in a service control policy`,
 * `because no identity-based policy allows the s3:GetObject action`.
 */
export function denialPhrase(decision: 'ExplicitDeny' | 'ImplicitDeny', cause: DenyCause, action: string): string {
  if (cause === 'policy-error') return 'because a policy that applies could not be evaluated';
  const [article, name] = NAMES[cause];
  return decision === 'ExplicitDeny'
    ? `with an explicit deny in ${article} ${name}`
    : `because no ${name} allows the ${action} action`;
}

/** The whole AWS AccessDenied message: `User: ARN is not authorized to perform: ACTION on resource: RES PHRASE`. */
export function accessDeniedMessage(
  principalArn: string | null,
  action: string,
  resource: string,
  phrase: string,
): string {
  return `User: ${principalArn ?? 'anonymous'} is not authorized to perform: ${action} on resource: ${resource} ${phrase}`;
}
