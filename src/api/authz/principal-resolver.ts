import type { Authorizer } from '../../authorization/index.ts';
import type { Caller, PrincipalPolicies } from '../../identity/index.ts';
import {
  type CompiledPolicySet,
  compilePolicies,
  createPolicySet,
  type PrincipalType,
  parseArn,
  type RequestPrincipal,
} from '../../policy/index.ts';
import { assertNever } from '../../shared/index.ts';
import {
  type ManagedPolicyResolver,
  resolveSessionPolicy,
  type SessionFacts,
  sessionPrincipal,
} from '../../sts/index.ts';
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
  /** The merged session policy of a session (null: none applies); part of `set` and of every combined set. */
  readonly sessionPolicy: string | null;
  /** The opened session, for principals that signed with temporary credentials (its context keys depend on now). */
  readonly session?: SessionFacts;
  readonly view: PrincipalView;
};

/** The one compiled-cache entry shape the resolver reads. */
type CompiledEntry = Awaited<ReturnType<PrincipalPolicyCache['principal']>>;

const EMPTY_SET = createPolicySet({});
const ANONYMOUS: ResolvedPrincipal = Object.freeze({
  principal: Object.freeze({ type: 'anonymous', arn: null, accountId: null }),
  set: EMPTY_SET,
  identityPolicies: [],
  boundaryPolicy: null,
  sessionPolicy: null,
  view: Object.freeze({ arn: null, accountId: null, userId: 'anonymous', type: 'anonymous', tags: {} }),
});

/**
 * What the root user's federated users are bounded by: everything, so their session policy alone limits them
 * (as src/authorization/ decides the same sessions on the Query API).
 */
const ROOT_OWNER_IDENTITY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';

/** Without a resolver every managed session policy is gone (it allows nothing). */
const NO_MANAGED_POLICIES: ManagedPolicyResolver = { documentOf: async () => undefined };

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
    sessionPolicy: null,
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
  readonly #managedPolicies: ManagedPolicyResolver;
  readonly #memo = new WeakMap<object, Map<string, ResolvedPrincipal>>();
  /** Per compiled owner entry, per opened session (the token codec hands out one frozen facts object per token). */
  readonly #sessions = new WeakMap<object, WeakMap<SessionFacts, ResolvedPrincipal>>();
  readonly #roots = new Map<string, ResolvedPrincipal>();

  /** `managedPolicies` resolves the `PolicyArns` session policies of temporary credentials. */
  constructor(cache: PrincipalPolicyCache, managedPolicies: ManagedPolicyResolver = NO_MANAGED_POLICIES) {
    this.#cache = cache;
    this.#managedPolicies = managedPolicies;
  }

  /**
   * A principal that signed with temporary credentials: the role session, federated user or GetSessionToken
   * session the token names, with its owner's identity policies and boundary, its session policies and session
   * tags, decided by the same rules as src/authorization/ applies on the Query API (sts `sessionPrincipal`). A
   * role session whose role was deleted or re-created (another role id), or a session of a deleted user, keeps
   * its identity but has no identity policies. Memoised per owner cache entry, so a write to the account drops it.
   */
  async ofSession(facts: SessionFacts, now: Date): Promise<ResolvedPrincipal> {
    const shape = sessionPrincipal(facts, now);
    const owner = shape.policyOwner;
    if (owner.kind === 'root') return this.#buildSession(facts, now, undefined, true);
    const entry = await this.#cache.principal(facts.accountId, owner);
    let bySession = this.#sessions.get(entry);
    const hit = bySession?.get(facts);
    if (hit !== undefined) return hit;
    const current = shape.expectedRoleId === undefined || entry.policies?.id === shape.expectedRoleId;
    const built = await this.#buildSession(facts, now, current ? entry : undefined, false);
    if (bySession === undefined) {
      bySession = new WeakMap();
      this.#sessions.set(entry, bySession);
    }
    bySession.set(facts, built);
    return built;
  }

  async #buildSession(
    facts: SessionFacts,
    now: Date,
    entry: CompiledEntry | undefined,
    rootOwner: boolean,
  ): Promise<ResolvedPrincipal> {
    const policies = entry?.policies;
    const { principal, sessionPolicies } = sessionPrincipal(facts, now, policies?.tags ?? {});
    const sessionPolicy = await resolveSessionPolicy(sessionPolicies, { managedPolicies: this.#managedPolicies });
    // A root-owned GetSessionToken session is root itself: no identity policies, full access in its account.
    const identityPolicies =
      rootOwner && principal.type !== 'root'
        ? [ROOT_OWNER_IDENTITY]
        : (policies?.identity ?? []).map((p) => p.document);
    const boundaryPolicy = policies?.boundary?.document ?? null;
    const set =
      sessionPolicy === null && !rootOwner && entry !== undefined
        ? entry.authorizer.set
        : compilePolicies({ identity: identityPolicies, permissionBoundary: boundaryPolicy, sessionPolicy }).set;
    return {
      principal,
      set,
      identityPolicies,
      boundaryPolicy,
      sessionPolicy,
      session: facts,
      view: {
        arn: principal.arn,
        accountId: principal.accountId,
        userId: principal.userId ?? null,
        type: principal.type,
        tags: principal.tags ?? {},
      },
    };
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
      // Callers that signed with session credentials are resolved from their facts (ofSession); without them a
      // role session resolves like its ARN, and a federated user cannot be found.
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
