import { type CompiledPolicySet, compilePolicies, parsePolicy } from '../../policy/index.ts';
import { badInput } from './authz-error.ts';
import type { ResolvedPrincipal } from './principal-resolver.ts';

/** Distinct valid resource policy texts remembered (platforms send the same few bucket policies again and again). */
const VALID_LIMIT = 4096;
/** Combined sets kept per principal. */
const PER_PRINCIPAL_LIMIT = 256;

/**
 * The policy sets questions are decided on: the principal's identity side (identity policies, boundary and, for a
 * session, its session policy) plus the question's resource policy, compiled once per (principal, policy text)
 * pair and then reused, so a repeated question parses nothing. Built
 * only through the engine's public `compilePolicies` (whose own cache is keyed by content). A resource policy with
 * errors is refused with every finding, so a platform learns of it at once instead of seeing every request denied.
 */
export class PolicySets {
  readonly #valid = new Set<string>();
  readonly #combined = new WeakMap<ResolvedPrincipal, Map<string, CompiledPolicySet>>();

  /** The set for `resolved` with `policy` (JSON text or value) as the resource policy; throws MalformedPolicyDocument. */
  setFor(resolved: ResolvedPrincipal, policy: unknown): CompiledPolicySet {
    if (policy === undefined || policy === null) return resolved.set;
    const text = typeof policy === 'string' ? policy : JSON.stringify(policy);
    let byText = this.#combined.get(resolved);
    const hit = byText?.get(text);
    if (hit !== undefined) return hit;
    this.#validate(text);
    const set = compilePolicies({
      identity: resolved.identityPolicies,
      permissionBoundary: resolved.boundaryPolicy,
      resource: text,
      sessionPolicy: resolved.sessionPolicy,
    }).set;
    if (byText === undefined) {
      byText = new Map();
      this.#combined.set(resolved, byText);
    }
    if (byText.size >= PER_PRINCIPAL_LIMIT) byText.clear();
    byText.set(text, set);
    return set;
  }

  #validate(text: string): void {
    if (this.#valid.has(text)) return;
    const parsed = parsePolicy(text, { kind: 'resource' });
    if (!parsed.ok) {
      const errors = parsed.findings.filter((f) => f.severity === 'error');
      const list = (errors.length > 0 ? errors : parsed.findings).map((f) => f.message).join('; ');
      throw badInput(`resourcePolicy: ${list}`, 'MalformedPolicyDocument');
    }
    if (this.#valid.size >= VALID_LIMIT) this.#valid.clear();
    this.#valid.add(text);
  }
}
