/**
 * Shared fixture (no tests): an in-memory stand-in for the identity layer's enforcement sources that counts its
 * reads, so cache behaviour can be asserted. Named `.test.ts` so production code never sees it.
 */
import type {
  PrincipalPolicies,
  PrincipalRef,
  ResourceDescription,
  ResourceRef,
  RoleTrust,
} from '../identity/index.ts';
import type { AuthorizationIdentity } from './ports.ts';

/** A user or role as the fake stores it. */
export type FakePrincipal = PrincipalPolicies & { path: string };

/** The fake identity layer: mutate `principals`/`resources`, then call `write(accountId)` like a committed write. */
export class FakeIdentity implements AuthorizationIdentity {
  readonly principals = new Map<string, FakePrincipal>();
  readonly described = new Map<string, ResourceDescription>();
  loads = 0;
  describes = 0;
  readonly #listeners = new Set<(accountId: string) => void>();

  readonly policies = {
    load: async (accountId: string, ref: PrincipalRef): Promise<PrincipalPolicies | undefined> => {
      this.loads++;
      const name = ref.kind === 'user' ? `user/${ref.userName}` : `role/${ref.roleName}`;
      return this.principals.get(`${accountId}:${name}`);
    },
    onChange: (listener: (accountId: string) => void): (() => void) => {
      this.#listeners.add(listener);
      return () => this.#listeners.delete(listener);
    },
  };

  readonly resources = {
    describe: async (accountId: string, ref: ResourceRef): Promise<ResourceDescription | undefined> => {
      this.describes++;
      if (ref.arn !== undefined) return [...this.described.values()].find((d) => d.arn === ref.arn);
      return this.described.get(`${accountId}:${ref.type}/${ref.name}`);
    },
  };

  readonly trusts = new Map<string, RoleTrust>();
  readonly roles = {
    getTrustPolicy: async (accountId: string, roleName: string): Promise<RoleTrust | undefined> =>
      this.trusts.get(`${accountId}:${roleName}`),
  };

  /** Adds (or replaces) a role with its policies and trust policy. */
  putRole(accountId: string, name: string, trust: string, policies: Partial<FakePrincipal> = {}): void {
    const path = policies.path ?? '/';
    const arn = `arn:aws:iam::${accountId}:role${path}${name}`;
    const p: FakePrincipal = { arn, id: `AROA${name.toUpperCase()}`, tags: {}, identity: [], path, ...policies };
    this.principals.set(`${accountId}:role/${name}`, p);
    this.described.set(`${accountId}:role/${name}`, { arn, path, tags: p.tags });
    this.trusts.set(`${accountId}:${name}`, { arn, id: p.id, document: trust, maxSessionDuration: 3600, tags: p.tags });
  }

  /** Adds (or replaces) a user with its policies; also describable as a resource. */
  putUser(accountId: string, name: string, policies: Partial<FakePrincipal> = {}): void {
    const path = policies.path ?? '/';
    const arn = `arn:aws:iam::${accountId}:user${path}${name}`;
    const p: FakePrincipal = { arn, id: `AIDA${name.toUpperCase()}`, tags: {}, identity: [], path, ...policies };
    this.principals.set(`${accountId}:user/${name}`, p);
    this.described.set(`${accountId}:user/${name}`, { arn, path, tags: p.tags });
  }

  /** Announces a committed write to an account. */
  write(accountId: string): void {
    for (const l of this.#listeners) l(accountId);
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }
}

/** A policy document allowing or denying actions on resources. */
export function policy(
  effect: 'Allow' | 'Deny',
  action: string | string[],
  resource: string | string[] = '*',
  condition?: object,
): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: effect, Action: action, Resource: resource, ...(condition ? { Condition: condition } : {}) }],
  });
}
