import type { RequestPrincipal } from '../policy/index.ts';
import { type SessionFacts, sessionPrincipal } from '../sts/index.ts';
import type { AuthorizationCore } from './authorization-core.ts';
import { type CompiledPrincipal, compilePrincipal } from './principal-cache.ts';

/** Temporary credentials: the opened session's facts and its resolved session policy (sts `resolveSessionPolicy`). */
export interface CallerSession {
  readonly facts: SessionFacts;
  /** The merged session policy document; null when none applies. */
  readonly sessionPolicy: string | null;
}

/** Who is deciding and with which policies: the same shape for long-term and session credentials. */
export interface Subject {
  readonly principal: RequestPrincipal;
  readonly compiled: CompiledPrincipal;
  /** Identity documents to use instead of `compiled` when the owner is the root user (its federated users). */
  readonly rootOwner: boolean;
  readonly sessionPolicy: string | null;
  /** Keys the session contributes (`aws:TokenIssueTime`, MFA, `aws:SourceIdentity`); empty otherwise. */
  readonly context: Readonly<Record<string, string>>;
  /** The IAM user whose name user actions default to. */
  readonly userName: string | undefined;
}

const NOBODY = compilePrincipal(undefined);

/**
 * The subject of a request made with session credentials: the session principal (role session, federated user,
 * user or root session), the owner's policies from the principal cache, and the session policy. A role session
 * whose role was deleted and re-created under the same name gets no policies (the role id differs).
 */
export async function sessionSubject(core: AuthorizationCore, session: CallerSession): Promise<Subject> {
  const { facts } = session;
  const now = core.clock.now();
  const first = sessionPrincipal(facts, now);
  const owner = first.policyOwner;
  let compiled = NOBODY;
  if (owner.kind !== 'root') {
    compiled = await core.cache.principal(facts.accountId, owner);
    if (first.expectedRoleId !== undefined && compiled.policies?.id !== first.expectedRoleId) compiled = NOBODY;
  }
  const enforcement = sessionPrincipal(facts, now, compiled.policies?.tags ?? {});
  const p = facts.principal;
  return {
    principal: enforcement.principal,
    compiled,
    rootOwner: owner.kind === 'root',
    sessionPolicy: enforcement.sessionPolicies === null ? null : session.sessionPolicy,
    context: enforcement.context,
    userName: p.kind === 'user' ? p.userName : undefined,
  };
}
