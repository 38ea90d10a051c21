import type { Authorizer } from '../../authorization/index.ts';
import type { Caller, PrincipalPolicies } from '../../identity/index.ts';
import {
  type CompiledPolicySet,
  createPolicySet,
  type PrincipalType,
  parseArn,
  type RequestPrincipal,
} from '../../policy/index.ts';
import { assertNever } from '../../shared/index.ts';
import { AuthzError, badInput } from './authz-error.ts';

/** The per-principal compiled-policy cache of src/authorization/ (invalidated on every committed write). */
export type PrincipalPolicyCache = Pick<Authorizer['core']['cache'], 'principal'>;

/** The principal as the authorize API reports it. */
export type PrincipalView = {
  readonly arn: string | null;
  readonly accountId: string | null;
  readonly userId: string | null;
  readonly type: PrincipalType;
  readonly tags: Readonly<Record<string, string>>;
};

/** A principal ready for decisions: what the engine sees, its compiled identity side, and its public view. */
export type ResolvedPrincipal = {
  readonly principal: RequestPrincipal;
  /** Identity policies and boundary, compiled (no resource policy). */
  readonly set: CompiledPolicySet;
  /** The same policies as JSON text, for building sets that add a resource policy. */
  readonly identityPolicies: readonly string[];
  readonly boundaryPolicy: string | null;
  readonly view: PrincipalView;
};

const EMPTY_SET = createPolicySet({});
const ANONYMOUS: ResolvedPrincipal = Object.freeze({
  principal: Object.freeze({ type: 'anonymous', arn: null, accountId: null }),
  set: EMPTY_SET,
  identityPolicies: [],
  boundaryPolicy: null,
  view: Object.freeze({ arn: null, accountId: null, userId: 'anonymous', type: 'anonymous', tags: {} }),
});

function noSuchPrincipal(arn: string): AuthzError {
  return new AuthzError('NoSuchEntity', 404, `The principal with ARN ${arn} cannot be found.`);
}

/** Builds the view once per principal object. */
function resolved(
  principal: RequestPrincipal,
  set: CompiledPolicySet,
  policies?: PrincipalPolicies,
): ResolvedPrincipal {
  return {
    principal,
    set,
    identityPolicies: (policies?.identity ?? []).map((p) => p.document),
    boundaryPolicy: policies?.boundary?.document ?? null,
    view: {
      arn: principal.arn,
      accountId: principal.accountId,
      userId: principal.userId ?? null,
      type: principal.type,
      tags: principal.tags ?? {},
    },
  };
}

/**
 * Turns an authenticated caller, or a principal ARN the API caller vouches for, into a principal with its compiled
 * policies. Reads go through the authorization cache, so an unchanged principal costs no store read and no parse;
 * the resolved object is memoised per compiled entry so the engine's per-principal context keys are built once.
 */
export class PrincipalResolver {
  readonly #cache: PrincipalPolicyCache;
  readonly #memo = new WeakMap<object, Map<string, ResolvedPrincipal>>();
  readonly #roots = new Map<string, ResolvedPrincipal>();

  constructor(cache: PrincipalPolicyCache) {
    this.#cache = cache;
  }

  /** The anonymous principal (an unsigned request). */
  anonymous(): ResolvedPrincipal {
    return ANONYMOUS;
  }

  /** A caller authenticated by its access key. */
  async ofCaller(caller: Caller): Promise<ResolvedPrincipal> {
    switch (caller.type) {
      case 'root':
        return this.#root(caller.accountId, caller.arn);
      case 'user': {
        const found = await this.#user(caller.accountId, caller.userName);
        if (found === undefined) throw noSuchPrincipal(caller.arn);
        return found;
      }
      // Session callers: only long-term keys reach here today; a role session resolves like its ARN.
      case 'assumed-role':
        return this.ofArn(caller.arn);
      case 'federated-user':
        throw noSuchPrincipal(caller.arn);
      default:
        return assertNever(caller);
    }
  }

  /** A principal named by ARN: `...:root`, `...:user/path/name` or `arn:aws:sts::A:assumed-role/Role/Session`. */
  async ofArn(arn: string): Promise<ResolvedPrincipal> {
    const parts = parseArn(arn);
    if (parts === undefined || parts.prefix !== 'arn' || !/^\d{12}$/.test(parts.account)) {
      throw badInput(`principalArn ${JSON.stringify(arn)} is not an IAM user, root or assumed-role session ARN`);
    }
    const { service, account, resource } = parts;
    if (service === 'iam' && resource === 'root') return this.#root(account, arn);
    if (service === 'iam' && resource.startsWith('user/')) {
      const name = resource.slice(resource.lastIndexOf('/') + 1);
      const found = await this.#user(account, name);
      if (found === undefined || found.principal.arn?.toLowerCase() !== arn.toLowerCase()) throw noSuchPrincipal(arn);
      return found;
    }
    if (service === 'sts' && resource.startsWith('assumed-role/')) {
      const [, roleName, sessionName, ...rest] = resource.split('/');
      if (
        roleName === undefined ||
        sessionName === undefined ||
        rest.length > 0 ||
        roleName === '' ||
        sessionName === ''
      ) {
        throw badInput(`principalArn ${JSON.stringify(arn)} is not an assumed-role session ARN`);
      }
      return this.#session(account, roleName, sessionName, arn);
    }
    throw badInput(`principalArn ${JSON.stringify(arn)} is not an IAM user, root or assumed-role session ARN`);
  }

  #root(accountId: string, arn: string): ResolvedPrincipal {
    let hit = this.#roots.get(arn);
    if (hit === undefined) {
      hit = resolved({ type: 'root', arn, accountId, userId: accountId }, EMPTY_SET);
      if (this.#roots.size > 10_000) this.#roots.clear();
      this.#roots.set(arn, hit);
    }
    return hit;
  }

  async #user(accountId: string, userName: string): Promise<ResolvedPrincipal | undefined> {
    const compiled = await this.#cache.principal(accountId, { kind: 'user', userName });
    const policies = compiled.policies;
    if (policies === undefined) return undefined;
    return this.#memoised(compiled, 'user', () =>
      resolved(
        { type: 'user', arn: policies.arn, accountId, userId: policies.id, tags: policies.tags },
        compiled.authorizer.set,
        policies,
      ),
    );
  }

  async #session(accountId: string, roleName: string, sessionName: string, arn: string): Promise<ResolvedPrincipal> {
    const compiled = await this.#cache.principal(accountId, { kind: 'role', roleName });
    const policies: PrincipalPolicies | undefined = compiled.policies;
    if (policies === undefined) throw noSuchPrincipal(arn);
    return this.#memoised(compiled, `s:${sessionName}`, () =>
      resolved(
        {
          type: 'role-session',
          arn,
          accountId,
          roleArn: policies.arn,
          userId: `${policies.id}:${sessionName}`,
          tags: policies.tags,
        },
        compiled.authorizer.set,
        policies,
      ),
    );
  }

  /** One resolved principal per compiled cache entry and key: dropped with the entry when the cache invalidates. */
  #memoised(entry: object, key: string, build: () => ResolvedPrincipal): ResolvedPrincipal {
    let byKey = this.#memo.get(entry);
    if (byKey === undefined) {
      byKey = new Map();
      this.#memo.set(entry, byKey);
    }
    let hit = byKey.get(key);
    if (hit === undefined) {
      hit = build();
      if (byKey.size < 1024) byKey.set(key, hit);
    }
    return hit;
  }
}
