import {
  type AuthorizationIdentity,
  type AuthorizationInput,
  type AuthorizeCall,
  type AuthorizeResult,
  type Authorizer,
  createAuthorizer,
} from '../../authorization/index.ts';
import type { RequestContext } from '../../identity/index.ts';
import { ServiceData } from '../../service-data/index.ts';
import type { Clock } from '../../shared/index.ts';
import {
  type ManagedPolicyResolver,
  resolveSessionPolicy,
  type SessionFacts,
  sessionPrincipal,
  sessionRestriction,
  type StsService,
} from '../../sts/index.ts';
import type { HandlerServices, QueryServices } from './action-handler.ts';
import type { QueryService } from './xml-encoder.ts';

/** The transport facts of one request that reach the request context. */
export interface TransportFacts {
  /** The socket's address (fastify's `request.ip`: forwarded headers only when a proxy is trusted). */
  readonly sourceIp: string | undefined;
  readonly secure: boolean;
}

/**
 * Query parameters as an AWS input for authorization: scalars by name, `X.member.N` lists as arrays and
 * `X.member.N.Field` lists of structures (Tags) as arrays of objects. Handlers still decode strictly themselves.
 */
export function inputOfParams(params: ReadonlyMap<string, string>): AuthorizationInput {
  const input: Record<string, unknown> = {};
  const lists = new Map<string, Map<number, unknown>>();
  for (const [name, value] of params) {
    if (!name.includes('.')) {
      input[name] = value;
      continue;
    }
    const parts = name.split('.');
    if (parts[1] !== 'member' || parts.length < 3 || !/^\d{1,5}$/.test(parts[2]!)) continue;
    const items = lists.get(parts[0]!) ?? new Map<number, unknown>();
    lists.set(parts[0]!, items);
    const index = Number(parts[2]);
    if (parts.length === 3) items.set(index, value);
    else {
      const item = (items.get(index) as Record<string, string> | undefined) ?? {};
      item[parts.slice(3).join('.')] = value;
      items.set(index, item);
    }
  }
  for (const [name, items] of lists) input[name] = [...items].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  return input;
}

/**
 * Enforcement for the Query API: one authorizer per app. It needs the IAM and STS authorization data, whose load
 * starts when the API is registered; the first request waits for it. `check` throws AccessDenied in AWS's wording
 * when the caller may not call, and otherwise gives the handler its services (the simulator included).
 */
export class QueryAuthorization {
  readonly #ready: Promise<Ready>;
  #state: Ready | undefined;

  readonly #clock: Clock;
  readonly #sessions: SessionSupport | undefined;
  /** Role id → last time a use was recorded: RoleLastUsed is written at most once a minute per role. */
  readonly #roleUses = new Map<string, number>();

  constructor(services: QueryServices & AuthorizationIdentity, clock: Clock, sessions?: SessionSupport) {
    this.#clock = clock;
    this.#sessions = sessions;
    this.#ready = ServiceData.load({ services: ['iam', 'sts'] }).then((catalog) => {
      const authorizer = createAuthorizer({ identity: services, clock, catalog });
      const sts = sessions === undefined ? {} : { sts: sessions.sts };
      this.#state = {
        authorizer,
        services: { iam: services.iam, credentials: services.credentials, authorizer, ...sts },
      };
      return this.#state;
    });
    // A failed load surfaces on the first request (as a 500), not as an unhandled rejection.
    this.#ready.catch(() => undefined);
  }

  /**
   * Authorizes `service:Action` for the caller; throws the AccessDenied error on a denial. The services come back as
   * they are when the decision needed no lookup or wait (the root user, GetCallerIdentity, a cached principal's
   * allowed call decided at once), so the hot path has no promise to wait for; a promise otherwise.
   */
  check(
    ctx: RequestContext,
    service: QueryService,
    action: string,
    params: ReadonlyMap<string, string>,
    transport: TransportFacts,
    session?: SessionFacts,
  ): HandlerServices | Promise<HandlerServices> {
    const state = this.#state;
    if (state === undefined || session !== undefined) {
      return this.#checkLater(ctx, service, action, params, transport, session);
    }
    const qualified = `${service}:${action}`;
    // AssumeRole decides its trust inside sts/ (one path, with its request keys); GetSessionToken needs no permission.
    if (SELF_AUTHORIZED.has(qualified)) return state.services;
    const result = state.authorizer.authorizeNow(ctx, authorizeCall(qualified, params, transport));
    if (result instanceof Promise) return result.then((r) => allowedOrThrow(r, state.services));
    return allowedOrThrow(result, state.services);
  }

  /** `check` before the authorization data is loaded, or for session credentials. */
  async #checkLater(
    ctx: RequestContext,
    service: QueryService,
    action: string,
    params: ReadonlyMap<string, string>,
    transport: TransportFacts,
    session?: SessionFacts,
  ): Promise<HandlerServices> {
    const { authorizer, services } = this.#state ?? (await this.#ready);
    const qualified = `${service}:${action}`;
    if (session !== undefined) {
      // What a kind of session can never call, whatever its policies say (GetSessionToken without MFA and IAM...).
      const refused = sessionRestriction(session, qualified);
      if (refused !== undefined) throw refused;
      this.#recordRoleUse(session, ctx.region);
    }
    if (SELF_AUTHORIZED.has(qualified)) return services;
    const call = authorizeCall(qualified, params, transport);
    if (session !== undefined) call.session = { facts: session, sessionPolicy: await this.#sessionPolicy(session) };
    return allowedOrThrow(await authorizer.authorize(ctx, call), services);
  }

  /** The merged session policy of a session (null when none applies); managed ARNs resolve through a cache. */
  async #sessionPolicy(session: SessionFacts): Promise<string | null> {
    const { sessionPolicies } = sessionPrincipal(session, this.#clock.now());
    if (sessionPolicies === null) return null;
    const managedPolicies = this.#sessions?.managedPolicies ?? NO_MANAGED_POLICIES;
    return resolveSessionPolicy(sessionPolicies, { managedPolicies });
  }

  /** RoleLastUsed: a role session's request is a use of its role (throttled; written in the background). */
  #recordRoleUse(session: SessionFacts, region: string): void {
    const p = session.principal;
    if (p.kind !== 'role-session' || this.#sessions?.roleUsage === undefined) return;
    const now = this.#clock.now();
    const last = this.#roleUses.get(p.roleId);
    if (last !== undefined && now.getTime() - last < 60_000) return;
    if (this.#roleUses.size > 10_000) this.#roleUses.clear();
    this.#roleUses.set(p.roleId, now.getTime());
    this.#sessions.roleUsage.recordUse(p.roleId, { at: now, region });
  }

  /** Stops the authorizer's change subscription. */
  close(): void {
    this.#state?.authorizer.close();
  }
}

/**
 * The authorizer's call for a Query request. The input is decoded only when the decision reads it (never for the
 * root user of the account or GetCallerIdentity). A class with the lazy getter on its prototype: an object literal
 * with a getter is built through V8's slow path, which cost more per request (about 0.4 µs alone, 1–1.5 µs in a
 * busy server) than the root user's whole authorization.
 */
class QueryAuthorizeCall implements AuthorizeCall {
  readonly action: string;
  readonly secure: boolean;
  sourceIp?: string;
  session?: AuthorizeCall['session'];
  readonly #params: ReadonlyMap<string, string>;
  #input: AuthorizationInput | undefined;

  constructor(qualified: string, params: ReadonlyMap<string, string>, transport: TransportFacts) {
    this.action = qualified;
    this.secure = transport.secure;
    this.#params = params;
    if (transport.sourceIp !== undefined) this.sourceIp = transport.sourceIp;
  }

  get input(): AuthorizationInput {
    return (this.#input ??= inputOfParams(this.#params));
  }
}

function authorizeCall(
  qualified: string,
  params: ReadonlyMap<string, string>,
  transport: TransportFacts,
): QueryAuthorizeCall {
  return new QueryAuthorizeCall(qualified, params, transport);
}

function allowedOrThrow(result: AuthorizeResult, services: HandlerServices): HandlerServices {
  if (!result.allowed) throw result.error;
  return services;
}

/** Actions whose permission is not decided by the generic authorizer (see `check`). */
const SELF_AUTHORIZED: ReadonlySet<string> = new Set(['sts:AssumeRole', 'sts:GetSessionToken']);

/** Without a resolver every managed session policy is gone (it allows nothing). */
const NO_MANAGED_POLICIES: ManagedPolicyResolver = { documentOf: async () => undefined };

/** What session credentials need: the STS service, managed session policies, and RoleLastUsed recording. */
export interface SessionSupport {
  readonly sts: StsService;
  readonly managedPolicies: ManagedPolicyResolver;
  readonly roleUsage?: { recordUse(roleId: string, use: { at: Date; region: string }): void };
}

/** The authorizer once built, and the services handlers get. */
type Ready = { readonly authorizer: Authorizer; readonly services: HandlerServices };
