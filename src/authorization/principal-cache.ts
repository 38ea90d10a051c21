import type {
  PrincipalPolicies,
  PrincipalRef,
  ResourceDescription,
  ResourceRef,
  RoleTrust,
} from '../identity/index.ts';
import { compilePolicies, type PolicyAuthorizer } from '../policy/index.ts';
import type { AuthorizationIdentity } from './ports.ts';

/** A principal's policies, compiled once into an indexed set; decide many times on it. */
export interface CompiledPrincipal {
  /** What the store returned; undefined when the principal does not exist (then nothing is allowed). */
  readonly policies: PrincipalPolicies | undefined;
  /** Identity policies (in `policies.identity` order) and the boundary, compiled. */
  readonly authorizer: PolicyAuthorizer;
}

/** Counters for tests and metrics: how often the store was read. */
export interface CacheStats {
  principalLoads: number;
  resourceLookups: number;
  invalidations: number;
}

/** Beyond this many entries in one account the account's cache starts over (bounded memory). */
const MAX_ENTRIES_PER_ACCOUNT = 10_000;

interface AccountEntries {
  readonly principals: Map<string, Promise<CompiledPrincipal>>;
  readonly resources: Map<string, Promise<ResourceDescription | undefined>>;
  readonly trusts: Map<string, Promise<RoleTrust | undefined>>;
  /** The loads above that finished, by the same keys: served without waiting for a promise. */
  readonly settledPrincipals: Map<string, CompiledPrincipal>;
  readonly settledResources: Map<string, ResourceDescription | undefined>;
}

/** Compiles what the store returned: identity policies in order, the boundary as the boundary. */
export function compilePrincipal(policies: PrincipalPolicies | undefined): CompiledPrincipal {
  return {
    policies,
    authorizer: compilePolicies({
      identity: (policies?.identity ?? []).map((p) => p.document),
      permissionBoundary: policies?.boundary?.document ?? null,
    }),
  };
}

/**
 * Per-principal compiled policy sets and per-resource descriptions, cached per account and dropped whole when the
 * identity layer reports a committed write to that account. An unchanged principal's request therefore reads
 * nothing from the store and parses nothing. Concurrent misses share one load.
 */
export class PrincipalCache {
  readonly #identity: AuthorizationIdentity;
  readonly #accounts = new Map<string, AccountEntries>();
  readonly #unsubscribe: () => void;
  /** Store reads so far. */
  readonly stats: CacheStats = { principalLoads: 0, resourceLookups: 0, invalidations: 0 };

  constructor(identity: AuthorizationIdentity) {
    this.#identity = identity;
    this.#unsubscribe = identity.policies.onChange((accountId) => this.invalidate(accountId));
  }

  /** The compiled policies of a user or role of `accountId`. */
  principal(accountId: string, ref: PrincipalRef): Promise<CompiledPrincipal> {
    const now = this.principalNow(accountId, ref);
    return now instanceof Promise ? now : Promise.resolve(now);
  }

  /** As `principal`, but the value itself when it is already loaded (the common case: no promise to wait for). */
  principalNow(accountId: string, ref: PrincipalRef): CompiledPrincipal | Promise<CompiledPrincipal> {
    const entries = this.#entries(accountId);
    // IAM names are unique case-insensitively.
    const key = ref.kind === 'user' ? `u:${ref.userName.toLowerCase()}` : `r:${ref.roleName.toLowerCase()}`;
    const settled = entries.settledPrincipals.get(key);
    if (settled !== undefined) return settled;
    const hit = entries.principals.get(key);
    if (hit !== undefined) return hit;
    this.stats.principalLoads++;
    const loading = this.#identity.policies.load(accountId, ref).then(compilePrincipal);
    this.#remember(entries.principals, key, loading, entries.settledPrincipals);
    return loading;
  }

  /** An existing entity's ARN, path and tags (undefined when it does not exist). */
  resource(accountId: string, ref: ResourceRef): Promise<ResourceDescription | undefined> {
    const now = this.resourceNow(accountId, ref);
    return now instanceof Promise ? now : Promise.resolve(now);
  }

  /** As `resource`, but the value itself when it is already loaded. */
  resourceNow(
    accountId: string,
    ref: ResourceRef,
  ): ResourceDescription | undefined | Promise<ResourceDescription | undefined> {
    const entries = this.#entries(accountId);
    const key = `${ref.type}:${(ref.arn ?? ref.name ?? '').toLowerCase()}`;
    if (entries.settledResources.has(key)) return entries.settledResources.get(key);
    const hit = entries.resources.get(key);
    if (hit !== undefined) return hit;
    this.stats.resourceLookups++;
    const loading = this.#identity.resources.describe(accountId, ref);
    this.#remember(entries.resources, key, loading, entries.settledResources);
    return loading;
  }

  /** A role's trust policy (the resource policy of sts:AssumeRole), cached in the role's account. */
  trust(accountId: string, roleName: string): Promise<RoleTrust | undefined> {
    const entries = this.#entries(accountId);
    const key = roleName.toLowerCase();
    const hit = entries.trusts.get(key);
    if (hit !== undefined) return hit;
    this.stats.resourceLookups++;
    const loading = this.#identity.roles.getTrustPolicy(accountId, roleName);
    this.#remember(entries.trusts, key, loading);
    return loading;
  }

  /** Forgets everything cached for an account (called on every committed write to it). */
  invalidate(accountId: string): void {
    this.stats.invalidations++;
    this.#accounts.delete(accountId);
  }

  /** Stops listening for changes. */
  close(): void {
    this.#unsubscribe();
    this.#accounts.clear();
  }

  #entries(accountId: string): AccountEntries {
    let entries = this.#accounts.get(accountId);
    if (entries === undefined) {
      entries = {
        principals: new Map(),
        resources: new Map(),
        trusts: new Map(),
        settledPrincipals: new Map(),
        settledResources: new Map(),
      };
      this.#accounts.set(accountId, entries);
    }
    return entries;
  }

  /**
   * Keeps a pending load in the account's map, and its value in `settled` once it finished (when given). An
   * invalidation replaces the account's maps, so a load that raced a write lands in the dropped maps and is never
   * served to a later request. A failed load is forgotten.
   */
  #remember<T>(map: Map<string, Promise<T>>, key: string, loading: Promise<T>, settled?: Map<string, T>): void {
    if (map.size >= MAX_ENTRIES_PER_ACCOUNT) {
      map.clear();
      settled?.clear();
    }
    map.set(key, loading);
    loading.then(
      (value) => {
        if (map.get(key) === loading) settled?.set(key, value);
      },
      () => {
        if (map.get(key) === loading) map.delete(key);
      },
    );
  }
}
