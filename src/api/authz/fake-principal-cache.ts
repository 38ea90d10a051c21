import type { PrincipalPolicies, PrincipalRef } from '../../identity/index.ts';
import { compilePolicies } from '../../policy/index.ts';
import type { PrincipalPolicyCache } from './principal-resolver.ts';

/**
 * For tests: a principal cache over fixed principals of `accountId` (keyed `u:NAME` and `r:NAME`) that counts
 * loads and hands out one entry per principal, as the real one does. Other accounts' principals do not exist.
 */
export function fakePrincipalCache(
  accountId: string,
  principals: Readonly<Record<string, PrincipalPolicies>>,
): PrincipalPolicyCache & { loads: number } {
  const entries = new Map<string, ReturnType<typeof entry>>();
  const entry = (policies: PrincipalPolicies | undefined) => ({
    policies,
    authorizer: compilePolicies({ identity: (policies?.identity ?? []).map((p) => p.document) }),
  });
  const fake = {
    loads: 0,
    async principal(account: string, ref: PrincipalRef) {
      const key = ref.kind === 'user' ? `u:${ref.userName}` : `r:${ref.roleName}`;
      let hit = entries.get(key);
      if (hit === undefined) {
        fake.loads++;
        hit = entry(account === accountId ? principals[key] : undefined);
        entries.set(key, hit);
      }
      return hit;
    },
  };
  return fake;
}
