import type { Caller, RequestContext } from '../identity/index.ts';
import { accessDeniedMessage, compilePolicies, type Decision } from '../policy/index.ts';
import { assertNever, IamError } from '../shared/index.ts';
import { type AuthorizationCore, type AuthorizerDeps, createCore } from './authorization-core.ts';
import { type CacheStats, type CompiledPrincipal, compilePrincipal } from './principal-cache.ts';
import { getContextKeysForCustomPolicy, getContextKeysForPrincipalPolicy } from './context-key-report.ts';
import { type ContextSources, listedKeys, requestContextKeys } from './request-context-keys.ts';
import { type CallerSession, type Subject, sessionSubject } from './session-subject.ts';
import { trustPolicyFor, usesTrustPolicy } from './trust-policy.ts';
import type {
  GetContextKeysForCustomPolicyInput,
  GetContextKeysForPolicyResponse,
  GetContextKeysForPrincipalPolicyInput,
  SimulateCustomPolicyInput,
  SimulatePolicyResponse,
  SimulatePrincipalPolicyInput,
} from './simulation-types.ts';
import { simulateCustomPolicy, simulatePrincipalPolicy } from './simulator.ts';
import { type AuthorizationInput, resourceTargetOf } from './resource-target.ts';

/** One call to authorize: the action as `service:Action`, its decoded input and the transport facts. */
export interface AuthorizeCall {
  readonly action: string;
  readonly input: AuthorizationInput;
  /** The client's address (the socket's, or a trusted proxy's forwarded one). */
  readonly sourceIp?: string;
  readonly secure: boolean;
  /** Set when the caller signed with temporary credentials: the session decides who the principal is. */
  readonly session?: CallerSession;
}

/** The answer: allowed, or the AccessDenied error to send; the engine's decision for explanation. */
export type AuthorizeResult =
  | { readonly allowed: true; readonly resource: string; readonly decision: Decision | undefined }
  | { readonly allowed: false; readonly resource: string; readonly decision: Decision; readonly error: IamError };

/** Authorizes IAM and STS calls against the caller's policies, and simulates policies on the same path. */
export interface Authorizer {
  simulatePrincipalPolicy(ctx: RequestContext, input: SimulatePrincipalPolicyInput): Promise<SimulatePolicyResponse>;
  simulateCustomPolicy(ctx: RequestContext, input: SimulateCustomPolicyInput): Promise<SimulatePolicyResponse>;
  getContextKeysForPrincipalPolicy(
    ctx: RequestContext,
    input: GetContextKeysForPrincipalPolicyInput,
  ): Promise<GetContextKeysForPolicyResponse>;
  getContextKeysForCustomPolicy(
    ctx: RequestContext,
    input: GetContextKeysForCustomPolicyInput,
  ): Promise<GetContextKeysForPolicyResponse>;
  /** Decides one call; never reads the store for a principal whose account did not change since the last call. */
  authorize(ctx: RequestContext, call: AuthorizeCall): Promise<AuthorizeResult>;
  /**
   * The same decision, returned as it is when it needs no lookup (`sts:GetCallerIdentity`, the root user in its own
   * account), so the hot path has no promise to wait for; a promise otherwise.
   */
  authorizeNow(ctx: RequestContext, call: AuthorizeCall): AuthorizeResult | Promise<AuthorizeResult>;
  /** Store reads so far (principal loads, resource lookups) and invalidations. */
  readonly stats: Readonly<CacheStats>;
  /** Shared with the simulator. */
  readonly core: AuthorizationCore;
  /** Stops listening for changes. */
  close(): void;
}

const ALLOWED_ALWAYS = 'sts:getcalleridentity';

/** Builds the authorizer: one per server, sharing its caches across requests. */
export function createAuthorizer(deps: AuthorizerDeps): Authorizer {
  const core = createCore(deps);
  return {
    authorize: (ctx, call) => {
      const result = authorizeNow(core, ctx, call);
      return result instanceof Promise ? result : Promise.resolve(result);
    },
    authorizeNow: (ctx, call) => authorizeNow(core, ctx, call),
    simulatePrincipalPolicy: (ctx, input) => simulatePrincipalPolicy(core, ctx, input),
    simulateCustomPolicy: (ctx, input) => simulateCustomPolicy(core, ctx, input),
    getContextKeysForPrincipalPolicy: (ctx, input) => getContextKeysForPrincipalPolicy(core, ctx, input),
    getContextKeysForCustomPolicy: async (_ctx, input) => getContextKeysForCustomPolicy(input),
    stats: core.cache.stats,
    core,
    close: () => core.cache.close(),
  };
}

const NOBODY = compilePrincipal(undefined);

/** The subject of a request made with long-term credentials (or as root). */
export async function principalOf(core: AuthorizationCore, ctx: RequestContext): Promise<Subject> {
  return principalSubjectNow(core, ctx);
}

const NO_CONTEXT: Readonly<Record<string, string>> = Object.freeze({});

function userSubject(user: Extract<Caller, { type: 'user' }>, compiled: CompiledPrincipal): Subject {
  return {
    principal: {
      type: 'user',
      arn: user.arn,
      accountId: user.accountId,
      userId: user.userId,
      tags: compiled.policies?.tags ?? {},
    },
    compiled,
    rootOwner: false,
    sessionPolicy: null,
    context: NO_CONTEXT,
    userName: user.userName,
  };
}

/** As principalOf, but the subject itself when the caller's policies are already loaded (no promise to wait for). */
function principalSubjectNow(core: AuthorizationCore, ctx: RequestContext): Subject | Promise<Subject> {
  const caller: Caller = ctx.caller;
  switch (caller.type) {
    case 'root':
      return {
        principal: { type: 'root', arn: caller.arn, accountId: caller.accountId, userId: caller.userId },
        compiled: NOBODY,
        rootOwner: false,
        sessionPolicy: null,
        context: NO_CONTEXT,
        userName: undefined,
      };
    case 'user': {
      const compiled = core.cache.principalNow(ctx.accountId, { kind: 'user', userName: caller.userName });
      return compiled instanceof Promise ? compiled.then((c) => userSubject(caller, c)) : userSubject(caller, compiled);
    }
    case 'assumed-role':
    case 'federated-user':
      // Session callers are decided from their session facts (AuthorizeCall.session); reaching here is a wiring bug.
      throw new Error(`a ${caller.type} caller needs its session facts to be authorized`);
    default:
      return assertNever(caller);
  }
}

/** What the root user's federated users are bounded by: everything (the session policy then limits them). */
const ROOT_IDENTITY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';

/**
 * Calls that pass a role to a service need `iam:PassRole` on that role as well as their own permission (AWS
 * documents this for AddRoleToInstanceProfile); the service data lists no dependent actions for IAM, so it is here.
 */
const ALSO_REQUIRES: Readonly<Record<string, readonly string[]>> = {
  'iam:addroletoinstanceprofile': ['iam:PassRole'],
};

/** The answer to a call decided without any lookup (shared: results are read-only). */
const ALLOWED_WITHOUT_LOOKUP: AuthorizeResult = Object.freeze({ allowed: true, resource: '*', decision: undefined });

/** `sts:GetCallerIdentity` is allowed for anyone, and the root user may do anything in its own account. */
function allowedWithoutLookup(lowerAction: string, ctx: RequestContext): boolean {
  const caller = ctx.caller;
  // The root case: policy-semantics item 94.
  return lowerAction === ALLOWED_ALWAYS || (caller.type === 'root' && caller.accountId === ctx.accountId);
}

function authorizeNow(
  core: AuthorizationCore,
  ctx: RequestContext,
  call: AuthorizeCall,
): AuthorizeResult | Promise<AuthorizeResult> {
  const lower = call.action.toLowerCase();
  const alsoRequired = Object.hasOwn(ALSO_REQUIRES, lower) ? ALSO_REQUIRES[lower]! : [];
  // The common fast case is answered without a lookup and without async hops.
  if (alsoRequired.length === 0 && allowedWithoutLookup(lower, ctx)) return ALLOWED_WITHOUT_LOOKUP;
  return authorizeAll(core, ctx, call, alsoRequired);
}

async function authorizeAll(
  core: AuthorizationCore,
  ctx: RequestContext,
  call: AuthorizeCall,
  alsoRequired: readonly string[],
): Promise<AuthorizeResult> {
  const result = await authorizeOne(core, ctx, call);
  if (!result.allowed) return result;
  for (const action of alsoRequired) {
    const also = await authorizeOne(core, ctx, withAction(call, action));
    if (!also.allowed) return also;
  }
  return result;
}

/**
 * `call` for another action. Copied field by field, not spread: a spread copies own properties only, and a call's
 * `input` may be a getter on its prototype (the Query API decodes it lazily).
 */
function withAction(call: AuthorizeCall, action: string): AuthorizeCall {
  const also: Writable<AuthorizeCall> = { action, input: call.input, secure: call.secure };
  if (call.sourceIp !== undefined) also.sourceIp = call.sourceIp;
  if (call.session !== undefined) also.session = call.session;
  return also;
}

async function authorizeOne(
  core: AuthorizationCore,
  ctx: RequestContext,
  call: AuthorizeCall,
): Promise<AuthorizeResult> {
  if (allowedWithoutLookup(call.action.toLowerCase(), ctx)) return ALLOWED_WITHOUT_LOOKUP;
  // Cached values are used as they are: an await per lookup would cost more than the lookup.
  let subject: Subject;
  if (call.session !== undefined) subject = await sessionSubject(core, call.session);
  else {
    const now = principalSubjectNow(core, ctx);
    subject = now instanceof Promise ? await now : now;
  }
  const { principal, compiled } = subject;
  if (principal.type === 'root' && principal.accountId === ctx.accountId) {
    return { allowed: true, resource: '*', decision: undefined };
  }
  const info = core.catalog.action(call.action);
  // Assigned, not spread, here and below: conditional spreads cost more per request than the decision itself.
  const env: { partition: string; accountId: string; callerUserName?: string } = {
    partition: ctx.partition,
    accountId: ctx.accountId,
  };
  if (subject.userName !== undefined) env.callerUserName = subject.userName;
  const target = info === undefined ? undefined : resourceTargetOf(info, call.input, env);
  let described: { path: string; tags: Readonly<Record<string, string>> } | undefined;
  let targetBoundaryArn: string | undefined;
  if (target?.lookup !== undefined) {
    const found = core.cache.resourceNow(ctx.accountId, target.lookup);
    described = found instanceof Promise ? await found : found;
    const listsBoundary = listedKeys(info).has('iam:permissionsboundary');
    const name = target.lookup.name;
    // `iam:PermissionsBoundary` on an existing user or role is the boundary it has now (delegated administration).
    if (listsBoundary && name !== undefined && (target.lookup.type === 'user' || target.lookup.type === 'role')) {
      const ref =
        target.lookup.type === 'user'
          ? ({ kind: 'user', userName: name } as const)
          : ({ kind: 'role', roleName: name } as const);
      const owner = core.cache.principalNow(ctx.accountId, ref);
      targetBoundaryArn = (owner instanceof Promise ? await owner : owner).policies?.boundary?.arn;
    }
  }
  const resource = target === undefined ? '*' : target.arn(described?.path ?? '/');
  const resourceType =
    target?.resourceType === undefined || info === undefined
      ? undefined
      : core.catalog.resourceType(info.service, target.resourceType);
  const sources: Writable<ContextSources> = {
    info,
    resourceType,
    input: call.input,
    now: core.clock.now(),
    region: ctx.region,
    secure: call.secure,
  };
  if (call.sourceIp !== undefined) sources.sourceIp = call.sourceIp;
  if (described !== undefined) sources.resourceTags = described.tags;
  if (targetBoundaryArn !== undefined) sources.targetBoundaryArn = targetBoundaryArn;
  const requestKeys = requestContextKeys(sources);
  // A long-term caller's subject has no keys of its own: its context is the request's keys as they are.
  const context = hasKeys(subject.context) ? { ...subject.context, ...requestKeys } : requestKeys;
  // sts:AssumeRole and friends: the role's trust policy is the resource policy, and must name the caller.
  const trust = usesTrustPolicy(call.action) ? await trustPolicyFor(core, call.action, resource) : undefined;
  // The cached set covers the common case; a trust policy, a session policy or a root owner need their own set
  // (the documents themselves are compiled once, by content, in the engine's cache).
  const authorizer =
    trust === undefined && subject.sessionPolicy === null && !subject.rootOwner
      ? compiled.authorizer
      : compilePolicies({
          identity: subject.rootOwner ? [ROOT_IDENTITY] : (compiled.policies?.identity ?? []).map((p) => p.document),
          permissionBoundary: compiled.policies?.boundary?.document ?? null,
          resource: trust?.document ?? null,
          sessionPolicy: subject.sessionPolicy,
        });
  const decision = authorizer.authorize({
    principal,
    action: call.action,
    resource: trust !== undefined ? { arn: resource, accountId: trust.accountId } : { arn: resource },
    context,
  });
  if (decision.decision === 'Allow') return { allowed: true, resource, decision };
  return { allowed: false, resource, decision, error: accessDenied(principal.arn, call.action, resource, decision) };
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

function hasKeys(record: object): boolean {
  for (const key in record) if (Object.hasOwn(record, key)) return true;
  return false;
}

/** AWS's AccessDenied for a denial: `User: ARN is not authorized to perform: ACTION on resource: RES because ...`. */
export function accessDenied(
  principalArn: string | null,
  action: string,
  resource: string,
  decision: Decision,
): IamError {
  const phrase = decision.denialReason ?? `because no identity-based policy allows the ${action} action`;
  return new IamError('AccessDenied', accessDeniedMessage(principalArn, action, resource, phrase));
}
