import type { CredentialResolver } from '../../identity/index.ts';
import {
  accessDeniedMessage,
  type Decision,
  type DecisionValue,
  decide,
  type KindOutcome,
  type PolicySetKind,
  parseArn,
  type StatementReason,
} from '../../policy/index.ts';
import type { Clock } from '../../shared/index.ts';
import type { SigningKeyCache } from '../../sigv4/index.ts';
import { AuthzError } from './authz-error.ts';
import type { AuthorizeBatchInput, AuthorizeInput, AuthorizeQuestion, Subject } from './authorize-input.ts';
import type { PrincipalResolver, PrincipalView, ResolvedPrincipal } from './principal-resolver.ts';
import type { PolicySets } from './policy-sets.ts';
import { type SignatureFacts, type VerifiedRequest, verifyForwardedRequest } from './request-verifier.ts';

/** One answer: the decision and everything needed to explain it. */
export type AuthorizeAnswer = {
  readonly decision: 'Allow' | 'Deny';
  /** The engine's three-valued outcome. */
  readonly detail: DecisionValue;
  readonly action: string;
  readonly resource: string;
  /** The statements that decided, each naming its policy kind, policy, statement index, Sid and JSON pointer. */
  readonly reasons: readonly StatementReason[];
  readonly perKind: Readonly<Record<PolicySetKind, KindOutcome>>;
  readonly missingContextKeys: readonly string[];
  /** AWS's AccessDenied message for a denial; the engine's one-line explanation for an allow. */
  readonly message: string;
};

/** `POST /v1/authorize`'s answer. */
export type AuthorizeResponse = AuthorizeAnswer & { readonly principal: PrincipalView };

/** `POST /v1/authorize/batch`'s answer: the principal once, then one answer per question, in order. */
export type AuthorizeBatchResponse = {
  readonly principal: PrincipalView;
  readonly results: readonly AuthorizeAnswer[];
};

/** What the service reads: credentials and principals from memory, the clock, the caches. */
export type AuthorizeServiceDeps = {
  readonly credentials: CredentialResolver;
  readonly clock: Clock;
  readonly keyCache: SigningKeyCache;
  readonly resolver: PrincipalResolver;
  readonly policySets: PolicySets;
};

/** The action every caller of the authorize and simulate API needs (resource `*`). */
export const AUTHORIZE_ACTION = 'iamd:Authorize';
/** The action `/v1/security/status` needs. */
export const SECURITY_STATUS_ACTION = 'iamd:GetSecurityStatus';

function isoSeconds(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Keys iamd knows about the request itself; the platform's `context` adds to and may override them. */
function baseContext(now: Date, signature: SignatureFacts | undefined): Record<string, string> {
  const context: Record<string, string> = {
    'aws:CurrentTime': isoSeconds(now),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
  };
  if (signature === undefined) return context;
  context['aws:RequestedRegion'] = signature.region;
  if (signature.service === 's3') {
    context['s3:authType'] = signature.presigned ? 'REST-QUERY-STRING' : 'REST-HEADER';
    context['s3:signatureversion'] = 'AWS4-HMAC-SHA256';
    if (signature.contentSha256 !== undefined) context['s3:x-amz-content-sha256'] = signature.contentSha256;
  }
  return context;
}

/** The resource's account: as given, else the ARN's account field, else (S3-style ARNs) the principal's. */
function resourceAccount(question: AuthorizeQuestion): string | undefined {
  if (question.resource.accountId !== undefined) return question.resource.accountId;
  const account = parseArn(question.resource.arn)?.account;
  return account === undefined || account === '' ? undefined : account;
}

function answerOf(resolved: ResolvedPrincipal, question: AuthorizeQuestion, decision: Decision): AuthorizeAnswer {
  const denied = decision.decision !== 'Allow';
  return {
    decision: denied ? 'Deny' : 'Allow',
    detail: decision.decision,
    action: question.action,
    resource: question.resource.arn,
    reasons: decision.reasons,
    perKind: decision.perKind,
    missingContextKeys: decision.missingContextKeys,
    message: denied
      ? accessDeniedMessage(
          resolved.principal.arn,
          question.action,
          question.resource.arn,
          decision.denialReason ?? 'because no policy allows it',
        )
      : decision.explanation,
  };
}

/**
 * Answers authorization questions for platforms: verifies the forwarded request (or takes the vouched-for principal
 * ARN), then decides each question with the principal's cached compiled policies plus the question's resource
 * policy. No store read and no policy parse for a principal and resource policy seen before.
 */
export class AuthorizeService {
  readonly #deps: AuthorizeServiceDeps;

  constructor(deps: AuthorizeServiceDeps) {
    this.#deps = deps;
  }

  /** Throws AccessDenied unless `caller` may call the authorize API (`iamd:Authorize` on `*`). */
  requireAuthorizePermission(caller: ResolvedPrincipal): void {
    this.requirePermission(caller, AUTHORIZE_ACTION);
  }

  /** The API caller must be allowed `action` (one of iamd's own actions) on `*`; AccessDenied otherwise. */
  requirePermission(caller: ResolvedPrincipal, action: string): void {
    const now = this.#deps.clock.now();
    const decision = decide(caller.set, {
      principal: caller.principal,
      action,
      resource: { arn: '*' },
      context: baseContext(now, undefined),
    });
    if (decision.decision === 'Allow') return;
    const phrase = decision.denialReason ?? `because no identity-based policy allows the ${action} action`;
    throw new AuthzError('AccessDenied', 403, accessDeniedMessage(caller.principal.arn, action, '*', phrase));
  }

  /** One question. */
  async authorize(input: AuthorizeInput): Promise<AuthorizeResponse> {
    const verified = await this.#verify(input.subject);
    const context = baseContext(this.#deps.clock.now(), verified.signature);
    return { principal: verified.resolved.view, ...this.#answer(verified.resolved, input.question, context) };
  }

  /** Up to 100 questions about one request or principal: verified once, decided each. */
  async authorizeBatch(input: AuthorizeBatchInput): Promise<AuthorizeBatchResponse> {
    const verified = await this.#verify(input.subject);
    const context = baseContext(this.#deps.clock.now(), verified.signature);
    return {
      principal: verified.resolved.view,
      results: input.questions.map((q) => this.#answer(verified.resolved, q, context)),
    };
  }

  async #verify(subject: Subject): Promise<VerifiedRequest> {
    if ('principalArn' in subject) return { resolved: await this.#deps.resolver.ofArn(subject.principalArn) };
    const r = subject.request;
    const cut = r.query === undefined ? r.path.indexOf('?') : -1;
    return verifyForwardedRequest(
      {
        method: r.method.toUpperCase(),
        path: cut < 0 ? r.path : r.path.slice(0, cut),
        query: r.query ?? (cut < 0 ? '' : r.path.slice(cut + 1)),
        headers: lowerCaseHeaders(r.headers),
        ...(r.payloadHash !== undefined ? { payloadHash: r.payloadHash } : {}),
        ...(r.body !== undefined ? { body: Buffer.from(r.body, 'base64') } : {}),
      },
      this.#deps,
    );
  }

  #answer(resolved: ResolvedPrincipal, question: AuthorizeQuestion, base: Record<string, string>): AuthorizeAnswer {
    const set = this.#deps.policySets.setFor(resolved, question.resourcePolicy);
    const accountId = resourceAccount(question);
    const decision = decide(set, {
      principal: resolved.principal,
      action: question.action,
      resource: { arn: question.resource.arn, ...(accountId !== undefined ? { accountId } : {}) },
      context: question.context === undefined ? base : { ...base, ...question.context },
    });
    return answerOf(resolved, question, decision);
  }
}

/** Header names as node gives them (lower case); the platform may have forwarded them in any case. */
function lowerCaseHeaders(headers: Record<string, string | string[]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name in headers) {
    const value = headers[name]!;
    const lower = name.toLowerCase();
    const had = out[lower];
    out[lower] = had === undefined ? value : [...[had].flat(), ...[value].flat()];
  }
  return out;
}
