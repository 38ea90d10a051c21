import type { PrincipalRef } from '../identity/index.ts';
import type { RequestPrincipal } from '../policy/index.ts';
import { rootArn, type SessionFacts, type SessionPolicies, sessionArn, sessionUserId } from './session-facts.ts';

/** Whose identity-based policies (and permissions boundary) a session acts with. */
export type PolicyOwner = PrincipalRef | { readonly kind: 'root' };

/** What the authorizer needs to decide a request made with session credentials. */
export interface SessionEnforcement {
  /** The engine's principal: type, ARN, role ARN, `aws:userid`, merged principal tags. */
  readonly principal: RequestPrincipal;
  /**
   * Whose identity policies and boundary apply: the role (role session), the user (user session, and the calling
   * user of a federated user), or root (no policies; full access in its account).
   */
  readonly policyOwner: PolicyOwner;
  /** For a role session: the role id the session was issued for. A role re-created under the same name has another id, and gets no policies for this session. */
  readonly expectedRoleId?: string;
  /**
   * The session policies to intersect with: null when none apply. A federated user always has this set (possibly
   * null), and the engine denies a federated user without session policy (item 112).
   */
  readonly sessionPolicies: SessionPolicies | null;
  /** Request-context keys the session contributes (`aws:TokenIssueTime`, MFA, `aws:SourceIdentity`). */
  readonly context: Readonly<Record<string, string>>;
}

/** ISO 8601 without milliseconds, the way AWS writes `aws:TokenIssueTime`. */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Session tags win over the owner's tags with the same key (compared case-insensitively). */
export function mergePrincipalTags(
  ownerTags: Readonly<Record<string, string>>,
  sessionTags: Readonly<Record<string, string>>,
): Record<string, string> {
  const merged: Record<string, string> = {};
  const overridden = new Set(Object.keys(sessionTags).map((k) => k.toLowerCase()));
  for (const [k, v] of Object.entries(ownerTags)) if (!overridden.has(k.toLowerCase())) merged[k] = v;
  return Object.assign(merged, sessionTags);
}

/** The request-context keys of a session at time `now`: issue time, MFA presence and age, source identity. */
export function sessionContext(facts: SessionFacts, now: Date): Record<string, string> {
  const context: Record<string, string> = {
    'aws:TokenIssueTime': isoSeconds(facts.issuedAt),
    'aws:MultiFactorAuthPresent': facts.mfaAuthenticatedAt === undefined ? 'false' : 'true',
  };
  if (facts.mfaAuthenticatedAt !== undefined)
    context['aws:MultiFactorAuthAge'] = String(
      Math.max(0, Math.floor((now.getTime() - facts.mfaAuthenticatedAt) / 1000)),
    );
  if (facts.sourceIdentity !== undefined) context['aws:SourceIdentity'] = facts.sourceIdentity;
  if (facts.federatedProvider !== undefined) context['aws:FederatedProvider'] = facts.federatedProvider;
  return context;
}

/**
 * Turns an opened session's facts into what enforcement needs. `ownerTags` are the tags of the role or user read
 * with its policies (session tags are merged over them for a role session).
 */
export function sessionPrincipal(
  facts: SessionFacts,
  now: Date,
  ownerTags: Readonly<Record<string, string>> = {},
): SessionEnforcement {
  const p = facts.principal;
  const arn = sessionArn(facts);
  const base = { arn, accountId: facts.accountId, userId: sessionUserId(facts) };
  const context = sessionContext(facts, now);
  switch (p.kind) {
    case 'role-session':
      return {
        principal: {
          ...base,
          type: 'role-session',
          roleArn: p.roleArn,
          tags: mergePrincipalTags(ownerTags, facts.tags),
        },
        policyOwner: { kind: 'role', roleName: p.roleName },
        expectedRoleId: p.roleId,
        sessionPolicies: facts.sessionPolicies ?? null,
        context,
      };
    case 'federated-user':
      return {
        principal: { ...base, type: 'federated-user', sourceUserArn: p.callerArn, tags: { ...facts.tags } },
        policyOwner: p.callerUserName === undefined ? { kind: 'root' } : { kind: 'user', userName: p.callerUserName },
        sessionPolicies: facts.sessionPolicies ?? null,
        context,
      };
    case 'user':
      return {
        principal: { ...base, type: 'user', tags: { ...ownerTags } },
        policyOwner: { kind: 'user', userName: p.userName },
        sessionPolicies: null,
        context,
      };
    case 'root':
      return {
        principal: { ...base, type: 'root', arn: rootArn(facts.partition, facts.accountId) },
        policyOwner: { kind: 'root' },
        sessionPolicies: null,
        context,
      };
  }
}

/**
 * Merges session policy documents (the inline policy and the resolved managed ones) into the single session
 * policy the engine takes: one document holding every statement, since any session policy's Allow counts and any
 * Deny denies. `Version` is kept when all agree. A document that is not JSON is returned as-is so the engine
 * reports it and fails closed. Undefined for an empty list.
 */
export function mergeSessionPolicies(documents: readonly string[]): string | undefined {
  if (documents.length === 0) return undefined;
  if (documents.length === 1) return documents[0];
  const statements: unknown[] = [];
  const versions = new Set<unknown>();
  for (const text of documents) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      return text;
    }
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return text;
    const { Version, Statement } = doc as { Version?: unknown; Statement?: unknown };
    versions.add(Version);
    if (Array.isArray(Statement)) statements.push(...Statement);
    else if (Statement !== undefined) statements.push(Statement);
  }
  const [version] = versions;
  return JSON.stringify(
    versions.size === 1 && version !== undefined
      ? { Version: version, Statement: statements }
      : { Statement: statements },
  );
}
