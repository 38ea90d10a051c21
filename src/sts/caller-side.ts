import type { PrincipalPolicies } from '../identity/index.ts';
import type { RequestPrincipal } from '../policy/index.ts';
import type { SessionPolicies } from './session-facts.ts';
import { mergeSessionPolicies, sessionPrincipal } from './session-principal.ts';
import type { StsCaller } from './sts-caller.ts';
import type { StsDeps } from './sts-ports.ts';

/** The caller's side of an authorization: who it is and the policies that bound what it may do. */
export interface CallerSide {
  readonly principal: RequestPrincipal;
  /** Identity-based policy documents (none for root). */
  readonly identity: readonly string[];
  readonly boundary?: string;
  /** The merged session policy; null when none applies. */
  readonly sessionPolicy: string | null;
  /** Keys the caller's session contributes (empty for long-term credentials). */
  readonly context: Readonly<Record<string, string>>;
}

/** Resolves session policies to documents; managed ARNs that no longer exist contribute nothing. */
export async function sessionPolicyDocuments(
  policies: SessionPolicies,
  deps: Pick<StsDeps, 'managedPolicies'>,
): Promise<string[]> {
  const documents = policies.inline === undefined ? [] : [policies.inline];
  for (const arn of policies.managedArns) {
    const document = await deps.managedPolicies.documentOf(arn);
    if (document !== undefined) documents.push(document);
  }
  return documents;
}

/** A session policy that allows nothing: what a session gets when none of its session policies exist any more. */
const NOTHING = '{"Version":"2012-10-17","Statement":[]}';

/**
 * The single session policy the engine takes for a session: null when none applies, otherwise the merged
 * documents (see `mergeSessionPolicies`); a policy allowing nothing when every passed policy is gone.
 */
export async function resolveSessionPolicy(
  policies: SessionPolicies | null,
  deps: Pick<StsDeps, 'managedPolicies'>,
): Promise<string | null> {
  if (policies === null) return null;
  return mergeSessionPolicies(await sessionPolicyDocuments(policies, deps)) ?? NOTHING;
}

function fromLoaded(loaded: PrincipalPolicies | undefined): Pick<CallerSide, 'identity' | 'boundary'> {
  if (loaded === undefined) return { identity: [] };
  return {
    identity: loaded.identity.map((p) => p.document),
    ...(loaded.boundary !== undefined ? { boundary: loaded.boundary.document } : {}),
  };
}

/**
 * Gathers the caller's side (identity policies, boundary, session policies, principal tags) as the engine needs
 * it. A role session whose role was deleted or re-created (other id) has no identity policies.
 */
export async function loadCallerSide(
  caller: StsCaller,
  deps: Pick<StsDeps, 'policies' | 'managedPolicies' | 'clock'>,
): Promise<CallerSide> {
  if (caller.type === 'root')
    return {
      principal: {
        type: 'root',
        arn: `arn:${caller.partition}:iam::${caller.accountId}:root`,
        accountId: caller.accountId,
      },
      identity: [],
      sessionPolicy: null,
      context: {},
    };
  if (caller.type === 'user') {
    const loaded = await deps.policies.load(caller.accountId, { kind: 'user', userName: caller.userName });
    const principal: RequestPrincipal = {
      type: 'user',
      arn: caller.arn,
      accountId: caller.accountId,
      userId: caller.userId,
      tags: loaded?.tags ?? {},
    };
    return { principal, ...fromLoaded(loaded), sessionPolicy: null, context: {} };
  }
  const facts = caller.session;
  const owner = sessionPrincipal(facts, deps.clock.now());
  let loaded: PrincipalPolicies | undefined;
  if (owner.policyOwner.kind !== 'root') {
    loaded = await deps.policies.load(facts.accountId, owner.policyOwner);
    if (owner.expectedRoleId !== undefined && loaded?.id !== owner.expectedRoleId) loaded = undefined;
  }
  const enforcement = sessionPrincipal(facts, deps.clock.now(), loaded?.tags ?? {});
  const sessionPolicy = await resolveSessionPolicy(enforcement.sessionPolicies, deps);
  return { principal: enforcement.principal, ...fromLoaded(loaded), sessionPolicy, context: enforcement.context };
}
