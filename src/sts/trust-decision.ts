import { compilePolicies, type Decision } from '../policy/index.ts';
import type { CallerSide } from './caller-side.ts';

/** One AssumeRole trust question: the caller's side, the role's trust policy, the actions the request needs. */
export interface TrustQuestion {
  readonly caller: CallerSide;
  readonly roleArn: string;
  readonly roleAccountId: string;
  readonly trustPolicy: string;
  /** `sts:AssumeRole`, plus `sts:TagSession` when tags are set and `sts:SetSourceIdentity` when a source identity is. */
  readonly actions: readonly string[];
  /** Request keys: `sts:ExternalId`, `sts:RoleSessionName`, `aws:RequestTag/*`, `aws:SourceIp`, ... */
  readonly context: Readonly<Record<string, string | readonly string[]>>;
}

/** The trust answer: every action allowed, or the first denied one with the engine's decision. */
export type TrustAnswer =
  | { readonly allowed: true; readonly decisions: readonly Decision[] }
  | { readonly allowed: false; readonly action: string; readonly decision: Decision };

/**
 * Decides AssumeRole through the policy engine: the trust policy is the resource policy, the caller the principal,
 * and the caller's identity policies, boundary and session policy its side. The engine applies item 108 (a trust
 * policy naming the caller needs no identity allow in the same account; naming the account needs one) and item
 * 113 (cross-account needs both sides); an explicit deny anywhere denies.
 */
export function decideTrust(q: TrustQuestion): TrustAnswer {
  const authorizer = compilePolicies({
    identity: q.caller.identity,
    resource: q.trustPolicy,
    permissionBoundary: q.caller.boundary ?? null,
    sessionPolicy: q.caller.sessionPolicy,
  });
  const context = { ...q.context, ...q.caller.context };
  const decisions: Decision[] = [];
  for (const action of q.actions) {
    const decision = authorizer.authorize({
      principal: q.caller.principal,
      action,
      resource: { arn: q.roleArn, accountId: q.roleAccountId, requiresExplicitTrust: true },
      context,
    });
    if (decision.decision !== 'Allow') return { allowed: false, action, decision };
    decisions.push(decision);
  }
  return { allowed: true, decisions };
}
