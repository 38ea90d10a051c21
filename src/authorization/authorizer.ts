import type { Caller, RequestContext } from '../identity/index.ts';
import { accessDeniedMessage, compilePolicies, type Decision } from '../policy/index.ts';
import { assertNever, IamError } from '../shared/index.ts';
import { type AuthorizationCore, type AuthorizerDeps, createCore } from './authorization-core.ts';
import { type CacheStats, compilePrincipal } from './principal-cache.ts';
import { getContextKeysForCustomPolicy, getContextKeysForPrincipalPolicy } from './context-key-report.ts';
import { requestContextKeys } from './request-context-keys.ts';
import { type CallerSession, type Subject, sessionSubject } from './session-subject.ts';
import { trustPolicyFor } from './trust-policy.ts';
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
    authorize: (ctx, call) => authorize(core, ctx, call),
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
  const caller: Caller = ctx.caller;
  const plain = { rootOwner: false, sessionPolicy: null, context: {} } as const;
  switch (caller.type) {
    case 'root':
      return {
        ...plain,
        principal: { type: 'root', arn: caller.arn, accountId: caller.accountId, userId: caller.userId },
        compiled: NOBODY,
        userName: undefined,
      };
    case 'user': {
      const compiled = await core.cache.principal(ctx.accountId, { kind: 'user', userName: caller.userName });
      return {
        ...plain,
        principal: {
          type: 'user',
          arn: caller.arn,
          accountId: caller.accountId,
          userId: caller.userId,
          tags: compiled.policies?.tags ?? {},
        },
        compiled,
        userName: caller.userName,
      };
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

async function authorize(core: AuthorizationCore, ctx: RequestContext, call: AuthorizeCall): Promise<AuthorizeResult> {
  const result = await authorizeOne(core, ctx, call);
  if (!result.allowed) return result;
  for (const action of ALSO_REQUIRES[call.action.toLowerCase()] ?? []) {
    const also = await authorizeOne(core, ctx, { ...call, action });
    if (!also.allowed) return also;
  }
  return result;
}

async function authorizeOne(
  core: AuthorizationCore,
  ctx: RequestContext,
  call: AuthorizeCall,
): Promise<AuthorizeResult> {
  const lower = call.action.toLowerCase();
  const caller = ctx.caller;
  if (lower === ALLOWED_ALWAYS) return { allowed: true, resource: '*', decision: undefined };
  if (caller.type === 'root' && caller.accountId === ctx.accountId) {
    // The root user may do anything in its own account (policy-semantics item 94); no lookups at all.
    return { allowed: true, resource: '*', decision: undefined };
  }
  const subject = call.session !== undefined ? await sessionSubject(core, call.session) : await principalOf(core, ctx);
  const { principal, compiled } = subject;
  if (principal.type === 'root' && principal.accountId === ctx.accountId) {
    return { allowed: true, resource: '*', decision: undefined };
  }
  const info = core.catalog.action(call.action);
  const env = {
    partition: ctx.partition,
    accountId: ctx.accountId,
    ...(subject.userName !== undefined ? { callerUserName: subject.userName } : {}),
  };
  const target = info === undefined ? undefined : resourceTargetOf(info, call.input, env);
  let described: { path: string; tags: Readonly<Record<string, string>> } | undefined;
  let targetBoundaryArn: string | undefined;
  if (target?.lookup !== undefined) {
    described = await core.cache.resource(ctx.accountId, target.lookup);
    const listsBoundary = info?.conditionKeys.some((k) => k.toLowerCase() === 'iam:permissionsboundary') ?? false;
    const name = target.lookup.name;
    // `iam:PermissionsBoundary` on an existing user or role is the boundary it has now (delegated administration).
    if (listsBoundary && name !== undefined && (target.lookup.type === 'user' || target.lookup.type === 'role')) {
      const ref =
        target.lookup.type === 'user'
          ? ({ kind: 'user', userName: name } as const)
          : ({ kind: 'role', roleName: name } as const);
      targetBoundaryArn = (await core.cache.principal(ctx.accountId, ref)).policies?.boundary?.arn;
    }
  }
  const resource = target === undefined ? '*' : target.arn(described?.path ?? '/');
  const resourceType =
    target?.resourceType === undefined || info === undefined
      ? undefined
      : core.catalog.resourceType(info.service, target.resourceType);
  const context = {
    ...subject.context,
    ...requestContextKeys({
    info,
    resourceType,
    input: call.input,
    now: core.clock.now(),
    region: ctx.region,
    secure: call.secure,
    ...(call.sourceIp !== undefined ? { sourceIp: call.sourceIp } : {}),
    ...(described !== undefined ? { resourceTags: described.tags } : {}),
      ...(targetBoundaryArn !== undefined ? { targetBoundaryArn } : {}),
    }),
  };
  // sts:AssumeRole and friends: the role's trust policy is the resource policy, and must name the caller.
  const trust = await trustPolicyFor(core, call.action, resource);
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
    resource: { arn: resource, ...(trust !== undefined ? { accountId: trust.accountId } : {}) },
    context,
  });
  if (decision.decision === 'Allow') return { allowed: true, resource, decision };
  return { allowed: false, resource, decision, error: accessDenied(principal.arn, call.action, resource, decision) };
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
