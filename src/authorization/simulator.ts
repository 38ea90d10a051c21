import type { PrincipalPolicies, RequestContext } from '../identity/index.ts';
import { compilePolicies, type Decision, type RequestPrincipal } from '../policy/index.ts';
import { IamError } from '../shared/index.ts';
import type { AuthorizationCore } from './authorization-core.ts';
import { resourceTagKeys } from './request-context-keys.ts';
import {
  boundaryInput,
  callerPrincipal,
  checkInputPolicy,
  contextOf,
  inputSources,
  managedType,
  pageOf,
  SIMULATED_SESSION,
  type SimulationSource,
  SOURCE_ARN,
  sourcesOf,
} from './simulation-inputs.ts';
import type {
  EvaluationResult,
  MatchedStatement,
  SimulateCustomPolicyInput,
  SimulatePolicyResponse,
  SimulatePrincipalPolicyInput,
  SimulationRequest,
} from './simulation-types.ts';
import { statementSpans } from './statement-positions.ts';
import { trustPolicyFor } from './trust-policy.ts';

/** Who is simulated and with which policies. */
interface Subject {
  readonly principal: RequestPrincipal;
  readonly identity: readonly SimulationSource[];
  readonly boundary: SimulationSource | undefined;
}


/** Resolves PolicySourceArn to the principal and its stored policies (through the enforcement cache). */
export async function loadSubject(
  core: AuthorizationCore,
  ctx: RequestContext,
  arn: string,
): Promise<{ principal: RequestPrincipal; policies: PrincipalPolicies }> {
  const m = SOURCE_ARN.exec(arn);
  if (m === null) throw new IamError('InvalidInput', `Invalid ARN: ${arn}`);
  const [, account, type, name] = m as unknown as [string, string, 'user' | 'role' | 'group', string];
  const notFound = () => new IamError('NoSuchEntity', `The ${type} with name ${name} cannot be found.`);
  if (account !== ctx.accountId) throw notFound();
  if (type === 'group') {
    // A group is simulated as a member with only the group's policies: the caller is the group's ARN, with no
    // user-derived keys beyond those the engine derives from that ARN.
    const group = await core.identity.policies.loadGroup?.(account, name);
    if (group === undefined) throw notFound();
    return { principal: { type: 'user', arn: group.arn, accountId: account, userId: group.id }, policies: group };
  }
  const ref =
    type === 'user' ? ({ kind: 'user', userName: name } as const) : ({ kind: 'role', roleName: name } as const);
  const policies = (await core.cache.principal(account, ref)).policies;
  if (policies === undefined) throw notFound();
  const principal: RequestPrincipal =
    type === 'user'
      ? { type: 'user', arn: policies.arn, accountId: account, userId: policies.id, tags: policies.tags }
      : {
          type: 'role-session',
          arn: `arn:${arn.split(':')[1]}:sts::${account}:assumed-role/${name}/${SIMULATED_SESSION}`,
          roleArn: policies.arn,
          accountId: account,
          userId: `${policies.id}:${SIMULATED_SESSION}`,
          tags: policies.tags,
        };
  return { principal, policies };
}

/** SimulatePrincipalPolicy: the source's policies plus the given ones, on the enforcement engine. */
export async function simulatePrincipalPolicy(
  core: AuthorizationCore,
  ctx: RequestContext,
  input: SimulatePrincipalPolicyInput,
): Promise<SimulatePolicyResponse> {
  const { principal, policies } = await loadSubject(core, ctx, input.PolicySourceArn);
  const storedBoundary = policies.boundary;
  const subject: Subject = {
    principal: input.CallerArn !== undefined ? callerPrincipal(input.CallerArn, principal) : principal,
    identity: [...sourcesOf(policies), ...inputSources(input.PolicyInputList)],
    boundary:
      boundaryInput(input) ??
      (storedBoundary === undefined
        ? undefined
        : {
            type: managedType(storedBoundary.arn),
            id: storedBoundary.arn.slice(storedBoundary.arn.lastIndexOf('/') + 1),
            document: storedBoundary.document,
          }),
  };
  return simulate(core, ctx, subject, input);
}

/** SimulateCustomPolicy: only the given policies, for the CallerArn user (or a placeholder user of the account). */
export async function simulateCustomPolicy(
  core: AuthorizationCore,
  ctx: RequestContext,
  input: SimulateCustomPolicyInput,
): Promise<SimulatePolicyResponse> {
  const placeholder: RequestPrincipal = {
    type: 'user',
    arn: `arn:${ctx.partition}:iam::${ctx.accountId}:user/${SIMULATED_SESSION}`,
    accountId: ctx.accountId,
  };
  const subject: Subject = {
    principal: input.CallerArn !== undefined ? callerPrincipal(input.CallerArn, placeholder) : placeholder,
    identity: inputSources(input.PolicyInputList),
    boundary: boundaryInput(input),
  };
  return simulate(core, ctx, subject, input);
}


async function simulate(
  core: AuthorizationCore,
  ctx: RequestContext,
  subject: Subject,
  input: SimulationRequest,
): Promise<SimulatePolicyResponse> {
  if (input.ResourcePolicy !== undefined) checkInputPolicy(input.ResourcePolicy, 'resource');
  const context = contextOf(input.ContextEntries);
  const resources = input.ResourceArns !== undefined && input.ResourceArns.length > 0 ? input.ResourceArns : ['*'];
  const pairs = input.ActionNames.flatMap((action) => resources.map((resource) => ({ action, resource })));
  const { from, to } = pageOf(input, pairs.length);
  const results: EvaluationResult[] = [];
  for (const { action, resource } of pairs.slice(from, to)) {
    results.push(await evaluateOne(core, ctx, subject, input, action, resource, context));
  }
  return {
    EvaluationResults: results,
    IsTruncated: to < pairs.length,
    ...(to < pairs.length ? { Marker: Buffer.from(`sim:${to}`).toString('base64url') } : {}),
  };
}

/** The resource policy for one simulated request: the given one, or (unlike AWS) the role's trust policy for AssumeRole. */
async function resourcePolicyFor(
  core: AuthorizationCore,
  input: SimulationRequest,
  action: string,
  resource: string,
): Promise<SimulationSource | undefined> {
  if (input.ResourcePolicy !== undefined)
    return { type: 'resource', id: 'ResourcePolicy', document: input.ResourcePolicy };
  const trust = await trustPolicyFor(core, action, resource);
  return trust === undefined
    ? undefined
    : { type: 'resource', id: 'AssumeRolePolicyDocument', document: trust.document };
}

async function evaluateOne(
  core: AuthorizationCore,
  ctx: RequestContext,
  subject: Subject,
  input: SimulationRequest,
  action: string,
  resource: string,
  given: Record<string, string | string[]>,
): Promise<EvaluationResult> {
  const resourcePolicy = await resourcePolicyFor(core, input, action, resource);
  const authorizer = compilePolicies({
    identity: subject.identity.map((s) => s.document),
    permissionBoundary: subject.boundary?.document ?? null,
    resource: resourcePolicy?.document ?? null,
  });
  const owner = input.ResourceOwner?.match(/^(?:arn:[^:]+:iam::)?(\d{12})(?::root)?$/)?.[1];
  const resourceAccount = owner ?? (resource === '*' ? undefined : resource.split(':')[4] || undefined);
  const tags = await resourceTags(core, ctx, action, resource);
  const decision = authorizer.authorize({
    principal: subject.principal,
    action,
    resource: { arn: resource, ...(resourceAccount !== undefined ? { accountId: resourceAccount } : {}) },
    context: { ...tags, ...given },
  });
  const crossAccount = resourceAccount !== undefined && resourceAccount !== subject.principal.accountId;
  return {
    EvalActionName: action,
    EvalResourceName: resource,
    EvalDecision: evalDecision(decision),
    MatchedStatements: matched(decision, subject, resourcePolicy),
    MissingContextValues: decision.missingContextKeys,
    ...(resource === '*'
      ? {}
      : {
          EvalDecisionDetails: crossAccount
            ? new Map([
                ['identity-based', outcome(decision.perKind.identity)],
                ['resource-based', outcome(decision.perKind.resource)],
              ])
            : new Map<string, string>(),
        }),
    ...(subject.boundary !== undefined
      ? { PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: decision.perKind.boundary === 'Allow' } }
      : {}),
  };
}

function evalDecision(d: Decision): EvaluationResult['EvalDecision'] {
  return d.decision === 'Allow' ? 'allowed' : d.decision === 'ExplicitDeny' ? 'explicitDeny' : 'implicitDeny';
}

function outcome(o: string): string {
  return o === 'Allow' ? 'allowed' : o === 'ExplicitDeny' ? 'explicitDeny' : 'implicitDeny';
}

function matched(d: Decision, subject: Subject, resource: SimulationSource | undefined): MatchedStatement[] {
  const out: MatchedStatement[] = [];
  for (const r of d.reasons) {
    const source =
      r.kind === 'identity'
        ? subject.identity[r.policyIndex]
        : r.kind === 'boundary'
          ? subject.boundary
          : r.kind === 'resource'
            ? resource
            : undefined;
    if (source === undefined) continue;
    const span = statementSpans(source.document)[r.statementIndex];
    out.push({
      SourcePolicyId: source.id,
      SourcePolicyType: source.type,
      ...(span !== undefined ? { StartPosition: span.start, EndPosition: span.end } : {}),
    });
  }
  return out;
}

const ENTITY_ARN = /^arn:[^:]+:iam::(\d{12}):(user|group|role|policy|instance-profile)\//;

/** Tag keys of an existing IAM resource of the caller's account, looked up through the enforcement cache. */
async function resourceTags(core: AuthorizationCore, ctx: RequestContext, action: string, resource: string) {
  const m = ENTITY_ARN.exec(resource);
  const info = core.catalog.action(action);
  if (m === null || m[1] !== ctx.accountId || info === undefined) return {};
  const type = m[2] as 'user' | 'group' | 'role' | 'policy' | 'instance-profile';
  const described = await core.cache.resource(ctx.accountId, { type, arn: resource });
  if (described === undefined) return {};
  return resourceTagKeys(info, core.catalog.resourceType(info.service, type), described.tags);
}
