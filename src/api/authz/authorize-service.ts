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
import type { IncomingRequest } from '../../sigv4/index.ts';
import { sessionContext } from '../../sts/index.ts';
import { AuthzError } from './authz-error.ts';
import type { AuthorizeBatchInput, AuthorizeInput, AuthorizeQuestion, Subject } from './authorize-input.ts';
import type { PrincipalView, ResolvedPrincipal } from './principal-resolver.ts';
import type { PolicySets } from './policy-sets.ts';
import {
  type RequestVerifierDeps,
  type SignatureFacts,
  type VerifiedRequest,
  verifyForwardedRequest,
} from './request-verifier.ts';

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

/** What the service reads: credentials, sessions and principals from memory, the clock, the caches. */
export type AuthorizeServiceDeps = RequestVerifierDeps & { readonly policySets: PolicySets };

/** The action every caller of the authorize and simulate API needs (resource `*`). */
export const AUTHORIZE_ACTION = 'iamd:Authorize';
/** The action `/v1/security/status` needs. */
export const SECURITY_STATUS_ACTION = 'iamd:GetSecurityStatus';

/** Request context keys and values, as the engine takes them. */
type ContextKeys = Record<string, string | readonly string[]>;

/** The last second formatted: a busy server asks for the same second thousands of times. */
let lastSecond = Number.NaN;
let lastIso = '';

/** `2026-11-22T12:00:00Z` (AWS writes aws:CurrentTime without milliseconds). */
function isoSeconds(now: Date): string {
  const second = Math.floor(now.getTime() / 1000);
  if (second !== lastSecond) {
    lastIso = `${new Date(second * 1000).toISOString().slice(0, 19)}Z`;
    lastSecond = second;
  }
  return lastIso;
}

/** The shared base context, or a copy with the question's own keys (and the session's over them). */
function withQuestionKeys(
  base: ContextKeys,
  question: AuthorizeQuestion,
  pinned: Record<string, string> | undefined,
): ContextKeys {
  if (question.context === undefined) return base;
  const context = Object.assign({}, base, question.context);
  return pinned === undefined ? context : Object.assign(context, pinned);
}

/** The keys a session contributes (`aws:TokenIssueTime`, MFA, `aws:SourceIdentity`): no `context` overrides them. */
function sessionKeys(resolved: ResolvedPrincipal, now: Date): Record<string, string> | undefined {
  return resolved.session === undefined ? undefined : sessionContext(resolved.session, now);
}

/** Keys iamd knows about the request (the platform's `context` may add to and override them), then the session's. */
function baseContext(
  now: Date,
  signature: SignatureFacts | undefined,
  pinned: Record<string, string> | undefined,
): Record<string, string> {
  const context: Record<string, string> = {
    'aws:CurrentTime': isoSeconds(now),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
  };
  if (signature !== undefined) {
    context['aws:RequestedRegion'] = signature.region;
    if (signature.service === 's3') {
      context['s3:authType'] = signature.presigned ? 'REST-QUERY-STRING' : 'REST-HEADER';
      context['s3:signatureversion'] = 'AWS4-HMAC-SHA256';
      if (signature.contentSha256 !== undefined) context['s3:x-amz-content-sha256'] = signature.contentSha256;
    }
  }
  return pinned === undefined ? context : Object.assign(context, pinned);
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
      context: baseContext(now, undefined, sessionKeys(caller, now)),
    });
    if (decision.decision === 'Allow') return;
    const phrase = decision.denialReason ?? `because no identity-based policy allows the ${action} action`;
    throw new AuthzError('AccessDenied', 403, accessDeniedMessage(caller.principal.arn, action, '*', phrase));
  }

  /** One question. */
  async authorize(input: AuthorizeInput): Promise<AuthorizeResponse> {
    const { resolved, signature } = await this.#verify(input.subject);
    const now = this.#deps.clock.now();
    const { question } = input;
    // One question: the fresh base context is this question's own, so its keys go straight in.
    const context: ContextKeys = baseContext(now, signature, undefined);
    if (question.context !== undefined) Object.assign(context, question.context);
    const pinned = sessionKeys(resolved, now);
    if (pinned !== undefined) Object.assign(context, pinned);
    return { principal: resolved.view, ...this.#answer(resolved, question, context) };
  }

  /** Up to 100 questions about one request or principal: verified once, decided each. */
  async authorizeBatch(input: AuthorizeBatchInput): Promise<AuthorizeBatchResponse> {
    const { resolved, signature } = await this.#verify(input.subject);
    const now = this.#deps.clock.now();
    const pinned = sessionKeys(resolved, now);
    const context = baseContext(now, signature, pinned);
    return {
      principal: resolved.view,
      results: input.questions.map((q) => this.#answer(resolved, q, withQuestionKeys(context, q, pinned))),
    };
  }

  async #verify(subject: Subject): Promise<VerifiedRequest> {
    if ('principalArn' in subject) return { resolved: await this.#deps.resolver.ofArn(subject.principalArn) };
    const r = subject.request;
    const cut = r.query === undefined ? r.path.indexOf('?') : -1;
    const incoming: IncomingRequest = {
      method: r.method.toUpperCase(),
      path: cut < 0 ? r.path : r.path.slice(0, cut),
      query: r.query ?? (cut < 0 ? '' : r.path.slice(cut + 1)),
      headers: lowerCaseHeaders(r.headers),
    };
    if (r.payloadHash !== undefined) incoming.payloadHash = r.payloadHash;
    if (r.body !== undefined) incoming.body = Buffer.from(r.body, 'base64');
    return verifyForwardedRequest(incoming, this.#deps);
  }

  /** Decides `question` with its complete request context. */
  #answer(resolved: ResolvedPrincipal, question: AuthorizeQuestion, context: ContextKeys): AuthorizeAnswer {
    const set = this.#deps.policySets.setFor(resolved, question.resourcePolicy);
    const accountId = resourceAccount(question);
    const decision = decide(set, {
      principal: resolved.principal,
      action: question.action,
      resource: { arn: question.resource.arn, ...(accountId !== undefined ? { accountId } : {}) },
      context,
    });
    return answerOf(resolved, question, decision);
  }
}

const UPPER_CASE = /[A-Z]/;

/** Header names as node gives them (lower case); the platform may have forwarded them in any case. */
function lowerCaseHeaders(headers: Record<string, string | string[]>): Record<string, string | string[]> {
  let lower = true;
  for (const name in headers) if (UPPER_CASE.test(name)) lower = false;
  // The usual case (forwarded as node read them): nothing to merge, the parsed JSON object is used as it is.
  if (lower) return headers;
  const out: Record<string, string | string[]> = {};
  for (const name in headers) {
    const value = headers[name]!;
    const lower = name.toLowerCase();
    const had = out[lower];
    out[lower] = had === undefined ? value : [...[had].flat(), ...[value].flat()];
  }
  return out;
}
