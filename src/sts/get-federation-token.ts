import { IamError } from '../shared/index.ts';
import { type Credentials, issueCredentials } from './issue-credentials.ts';
import { federatedUserArn } from './session-facts.ts';
import {
  checkSessionShape,
  packedPolicySizeOf,
  type SessionShapeInput,
  sessionPoliciesOf,
  sessionTagsOf,
} from './session-inputs.ts';
import { callerArn, type StsCaller } from './sts-caller.ts';
import type { StsDeps } from './sts-ports.ts';
import { DURATION, STS_RULES, StsValidation } from './sts-validation.ts';

/** GetFederationToken's parameters, named as on the wire (it has no TransitiveTagKeys). */
export interface GetFederationTokenInput extends Omit<SessionShapeInput, 'TransitiveTagKeys'> {
  readonly Name?: string;
  readonly DurationSeconds?: number;
}

/** GetFederationToken's result, in AWS's shape. */
export interface GetFederationTokenOutput {
  readonly Credentials: Credentials;
  readonly FederatedUser: { readonly FederatedUserId: string; readonly Arn: string };
  readonly PackedPolicySize?: number;
}

/**
 * GetFederationToken: a federated user session for an IAM user (or root), with at most what both the caller's
 * policies and the passed session policies allow; without a session policy it may do nothing. The caller's own
 * permission for `sts:GetFederationToken` is checked by the ordinary enforcement before this runs.
 */
export async function getFederationToken(
  deps: Pick<StsDeps, 'tokens' | 'clock'>,
  caller: StsCaller,
  input: GetFederationTokenInput,
): Promise<GetFederationTokenOutput> {
  const v = new StsValidation();
  v.string(input.Name, 'name', STS_RULES.federatedName, true);
  v.integer(input.DurationSeconds, 'durationSeconds', DURATION.min, DURATION.tokenMax);
  checkSessionShape(v, input);
  v.throwIfAny();
  if (caller.type === 'session')
    throw new IamError('AccessDenied', 'Cannot call GetFederationToken with session credentials');
  const name = input.Name!;
  const sessionPolicies = sessionPoliciesOf(input);
  const { tags } = sessionTagsOf(input, undefined);
  const packed = packedPolicySizeOf(sessionPolicies, tags);
  let duration = input.DurationSeconds ?? DURATION.tokenDefault;
  if (caller.type === 'root') duration = Math.min(duration, DURATION.rootMax);
  const now = deps.clock.now();
  const { credentials } = issueCredentials(
    {
      accountId: caller.accountId,
      partition: caller.partition,
      principal: {
        kind: 'federated-user',
        name,
        callerArn: callerArn(caller),
        ...(caller.type === 'user' ? { callerUserName: caller.userName } : {}),
      },
      ...(sessionPolicies !== undefined ? { sessionPolicies } : {}),
      tags,
      transitiveTagKeys: [],
      chained: false,
    },
    now,
    duration,
    deps.tokens,
  );
  return {
    Credentials: credentials,
    FederatedUser: {
      FederatedUserId: `${caller.accountId}:${name}`,
      Arn: federatedUserArn(caller.partition, caller.accountId, name),
    },
    ...packed,
  };
}
