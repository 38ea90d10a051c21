import { IamError } from '../shared/index.ts';
import { loadCallerSide } from './caller-side.ts';
import type { Credentials } from './issue-credentials.ts';
import {
  findRole,
  issueRoleSession,
  type RequestKeys,
  roleOf,
  type RoleSessionRequest,
  roleSessionKeys,
} from './role-session.ts';
import {
  checkSessionShape,
  packedPolicySizeOf,
  type SessionShapeInput,
  sessionPoliciesOf,
  sessionTagsOf,
} from './session-inputs.ts';
import { sessionRestriction } from './session-restriction.ts';
import { callerAccountId, callerArn, type StsCaller } from './sts-caller.ts';
import type { StsDeps } from './sts-ports.ts';
import { DURATION, STS_RULES, StsValidation } from './sts-validation.ts';
import { decideTrust } from './trust-decision.ts';
import { type MfaInput, verifyMfa } from './verify-mfa.ts';

/** AssumeRole's parameters, named as on the wire. */
export interface AssumeRoleInput extends SessionShapeInput, MfaInput {
  readonly RoleArn?: string;
  readonly RoleSessionName?: string;
  readonly DurationSeconds?: number;
  readonly ExternalId?: string;
  readonly SourceIdentity?: string;
}

/** AssumeRole's result, in AWS's shape. */
export interface AssumeRoleOutput {
  readonly Credentials: Credentials;
  readonly AssumedRoleUser: { readonly AssumedRoleId: string; readonly Arn: string };
  /** Present when session policies or tags were passed. */
  readonly PackedPolicySize?: number;
  readonly SourceIdentity?: string;
}

export type { RequestKeys } from './role-session.ts';

/** AWS's message when a role session asks for more than one hour (role chaining). */
export const CHAINING_LIMIT_MESSAGE =
  'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.';
/** AWS's message when DurationSeconds exceeds the role's MaxSessionDuration. */
export const MAX_SESSION_MESSAGE = 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.';

function denied(caller: StsCaller, action: string, roleArn: string, detail?: unknown): IamError {
  return new IamError(
    'AccessDenied',
    `User: ${callerArn(caller)} is not authorized to perform: ${action} on resource: ${roleArn}`,
    detail,
  );
}

/** The request keys of an AssumeRole trust decision: the shared role-session keys plus `sts:ExternalId`. */
function assumeRoleKeys(
  now: Date,
  requestKeys: RequestKeys,
  request: RoleSessionRequest & { readonly externalId: string | undefined },
): Record<string, string | readonly string[]> {
  const keys = roleSessionKeys(now, requestKeys, request);
  if (request.externalId !== undefined) keys['sts:ExternalId'] = request.externalId;
  return keys;
}

/**
 * AssumeRole. Validates every input the way AWS does, then asks the engine whether the trust policy and the
 * caller's side allow `sts:AssumeRole` (plus `sts:TagSession` / `sts:SetSourceIdentity` when used), and mints a
 * role session. A role that does not exist is denied like a refused trust, so existence does not leak.
 */
export async function assumeRole(
  deps: StsDeps,
  caller: StsCaller,
  input: AssumeRoleInput,
  requestKeys: RequestKeys = {},
): Promise<AssumeRoleOutput> {
  const v = new StsValidation();
  v.string(input.RoleArn, 'roleArn', STS_RULES.roleArn, true);
  v.string(input.RoleSessionName, 'roleSessionName', STS_RULES.roleSessionName, true);
  v.integer(input.DurationSeconds, 'durationSeconds', DURATION.min, DURATION.assumeRoleMax);
  v.string(input.ExternalId, 'externalId', STS_RULES.externalId);
  v.string(input.SourceIdentity, 'sourceIdentity', STS_RULES.sourceIdentity);
  v.string(input.SerialNumber, 'serialNumber', STS_RULES.serialNumber);
  v.string(input.TokenCode, 'tokenCode', STS_RULES.tokenCode);
  checkSessionShape(v, input);
  v.throwIfAny();
  const roleArn = input.RoleArn!;
  const sessionName = input.RoleSessionName!;

  if (caller.type === 'root' || (caller.type === 'session' && caller.session.principal.kind === 'root'))
    throw new IamError('AccessDenied', 'Roles may not be assumed by root accounts.');
  if (caller.type === 'session') {
    const refused = sessionRestriction(caller.session, 'sts:AssumeRole');
    if (refused !== undefined) throw refused;
  }
  const target = roleOf(roleArn);
  if (target === undefined)
    throw new IamError('ValidationError', `${roleArn} is invalid: the RoleArn must be an IAM role ARN.`);

  const chained = caller.type === 'session' && caller.session.principal.kind === 'role-session';
  const inherited = chained && caller.type === 'session' ? caller.session : undefined;
  const sessionPolicies = sessionPoliciesOf(input);
  const { tags, transitiveTagKeys } = sessionTagsOf(input, inherited);
  const packed = packedPolicySizeOf(sessionPolicies, tags);

  const inheritedSource = caller.type === 'session' ? caller.session.sourceIdentity : undefined;
  if (inheritedSource !== undefined && input.SourceIdentity !== undefined && input.SourceIdentity !== inheritedSource)
    throw new IamError('AccessDenied', 'The source identity of a session cannot be changed when chaining roles.');
  const sourceIdentity = input.SourceIdentity ?? inheritedSource;

  const now = deps.clock.now();
  const role = await findRole(deps, target, roleArn);
  if (role === undefined) throw denied(caller, 'sts:AssumeRole', roleArn);

  // The chaining cap needs nothing from the role; the role's own maximum is only revealed to trusted callers.
  const duration = input.DurationSeconds ?? DURATION.assumeRoleDefault;
  if (chained && duration > DURATION.chainedMax) throw new IamError('ValidationError', CHAINING_LIMIT_MESSAGE);

  const mfaAt = await verifyMfa(
    input,
    { accountId: callerAccountId(caller), callerArn: callerArn(caller) },
    now,
    deps.mfa,
  );
  const callerSide = await loadCallerSide(caller, deps);
  const context = assumeRoleKeys(now, requestKeys, {
    sessionName,
    externalId: input.ExternalId,
    sourceIdentity,
    tags,
    transitiveTagKeys,
  });
  // A code checked now makes MFA present for this trust decision, over whatever the caller's session says.
  const side =
    mfaAt === undefined
      ? callerSide
      : {
          ...callerSide,
          context: { ...callerSide.context, 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': '0' },
        };
  const tagKeys = Object.keys(tags);
  const actions = ['sts:AssumeRole'];
  if (tagKeys.length > 0) actions.push('sts:TagSession');
  if (sourceIdentity !== undefined) actions.push('sts:SetSourceIdentity');
  const answer = decideTrust({
    caller: side,
    roleArn: role.arn,
    roleAccountId: target.accountId,
    trustPolicy: role.document,
    actions,
    context,
  });
  if (!answer.allowed) throw denied(caller, answer.action, role.arn, answer.decision);
  if (duration > role.maxSessionDuration) throw new IamError('ValidationError', MAX_SESSION_MESSAGE);

  const session = issueRoleSession(
    deps,
    {
      target,
      role,
      sessionName,
      sessionPolicies,
      tags,
      transitiveTagKeys,
      sourceIdentity,
      ...(mfaAt !== undefined ? { mfaAuthenticatedAt: mfaAt } : {}),
      chained,
    },
    now,
    duration,
  );
  return {
    ...session,
    ...packed,
    ...(sourceIdentity !== undefined ? { SourceIdentity: sourceIdentity } : {}),
  };
}
