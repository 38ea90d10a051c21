import { createHash } from 'node:crypto';
import { parsePolicy } from '../document/parse-policy.ts';
import type { Finding } from '../document/types.ts';
import { type CompiledPolicy, compilePolicy } from './compile-policy.ts';
import type { Decision } from './decision.ts';
import { decide } from './decide.ts';
import { LruCache } from './lru-cache.ts';
import {
  type CompiledPolicySet,
  createPolicySet,
  type OrganizationInfo,
  type PolicyProblem,
  type PolicySetKind,
} from './policy-set.ts';
import type { AuthorizationRequest, PreparedRequest } from './request.ts';

/** A policy as a customer writes it: JSON text or the decoded JSON value. */
export type PolicyInput = string | unknown;

/** Every policy that applies to a request, by type (scenario format §0.1 `policies`). */
export interface ScenarioPolicies {
  readonly identity?: readonly PolicyInput[] | null;
  readonly resource?: PolicyInput | null;
  readonly permissionBoundary?: PolicyInput | null;
  readonly scps?: readonly (readonly PolicyInput[])[] | null;
  readonly rcps?: readonly (readonly PolicyInput[])[] | null;
  readonly sessionPolicy?: PolicyInput | null;
}

/** Options of {@link compilePolicies}. */
export interface CompilePoliciesOptions {
  readonly organization?: OrganizationInfo | null;
}

/** A compiled set with its authorize function. */
export interface PolicyAuthorizer {
  /** Decides one request; never throws on a well-typed request. */
  authorize(request: AuthorizationRequest | PreparedRequest): Decision;
  readonly set: CompiledPolicySet;
  /** Policies that failed to parse; while any exist every decision is ImplicitDeny or ExplicitDeny. */
  readonly problems: readonly PolicyProblem[];
}

const EMPTY_POLICY: CompiledPolicy = {
  document: { statements: [], statementIsArray: true },
  name: undefined,
  statements: [],
};

const cache = new LruCache<string, { ok: true; policy: CompiledPolicy } | { ok: false; findings: readonly Finding[] }>(
  2048,
);

/** Parses and compiles one policy, cached by a hash of its JSON text (content-addressed, so shared documents compile once). */
function compileCached(
  input: PolicyInput,
): { ok: true; policy: CompiledPolicy } | { ok: false; findings: readonly Finding[] } {
  let text: string | undefined;
  try {
    text = typeof input === 'string' ? input : JSON.stringify(input);
  } catch {
    text = undefined;
  }
  if (text === undefined) {
    const parsed = parsePolicy(input);
    return parsed.ok ? { ok: true, policy: compilePolicy(parsed.policy) } : { ok: false, findings: parsed.findings };
  }
  const key = createHash('sha256').update(text).digest('base64');
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const parsed = parsePolicy(text);
  const entry = parsed.ok
    ? ({ ok: true, policy: compilePolicy(parsed.policy) } as const)
    : ({ ok: false, findings: parsed.findings } as const);
  cache.set(key, entry);
  return entry;
}

/**
 * Compiles every policy of a request once and returns `authorize(request)`. Invalid policies are reported in
 * `problems` and make every decision a deny (fail closed), never a throw.
 */
export function compilePolicies(policies: ScenarioPolicies, options: CompilePoliciesOptions = {}): PolicyAuthorizer {
  const problems: PolicyProblem[] = [];
  // A policy that fails to parse keeps its position (as an empty policy) so reasons keep the caller's indexes.
  const take = (kind: PolicySetKind, input: PolicyInput, policyIndex: number, level?: number): CompiledPolicy => {
    const result = compileCached(input);
    if (result.ok) return result.policy;
    problems.push({ kind, policyIndex, ...(level !== undefined ? { level } : {}), findings: result.findings });
    return EMPTY_POLICY;
  };
  const single = (kind: PolicySetKind, input: PolicyInput | null | undefined) =>
    input === null || input === undefined ? null : take(kind, input, 0);
  const levels = (kind: PolicySetKind, input: readonly (readonly PolicyInput[])[] | null | undefined) =>
    input === null || input === undefined ? null : input.map((level, l) => level.map((p, i) => take(kind, p, i, l)));
  const set = createPolicySet(
    {
      identity: (policies.identity ?? []).map((p, i) => take('identity', p, i)),
      resource: single('resource', policies.resource),
      permissionBoundary: single('boundary', policies.permissionBoundary),
      sessionPolicy: single('session', policies.sessionPolicy),
      scps: levels('scp', policies.scps),
      rcps: levels('rcp', policies.rcps),
      organization: options.organization ?? null,
    },
    problems,
  );
  return { authorize: (request) => decide(set, request), set, problems };
}
