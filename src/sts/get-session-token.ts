import { IamError } from '../shared/index.ts';
import { type Credentials, issueCredentials } from './issue-credentials.ts';
import { callerArn, type StsCaller } from './sts-caller.ts';
import type { StsDeps } from './sts-ports.ts';
import { DURATION, STS_RULES, StsValidation } from './sts-validation.ts';
import { type MfaInput, verifyMfa } from './verify-mfa.ts';

/** GetSessionToken's parameters, named as on the wire. */
export interface GetSessionTokenInput extends MfaInput {
  readonly DurationSeconds?: number;
}

/**
 * GetSessionToken: temporary credentials with the caller's own permissions, for an IAM user or the root user
 * (long-term credentials only). 900–129600 seconds, default 43200; root sessions are capped at 3600 without error,
 * as AWS documents. With a valid SerialNumber/TokenCode the session carries MFA context.
 */
export async function getSessionToken(
  deps: Pick<StsDeps, 'tokens' | 'clock' | 'mfa'>,
  caller: StsCaller,
  input: GetSessionTokenInput,
): Promise<{ Credentials: Credentials }> {
  const v = new StsValidation();
  v.integer(input.DurationSeconds, 'durationSeconds', DURATION.min, DURATION.tokenMax);
  v.string(input.SerialNumber, 'serialNumber', STS_RULES.serialNumber);
  v.string(input.TokenCode, 'tokenCode', STS_RULES.tokenCode);
  v.throwIfAny();
  if (caller.type === 'session')
    throw new IamError('AccessDenied', 'Cannot call GetSessionToken with session credentials');
  const now = deps.clock.now();
  const mfaAt = await verifyMfa(input, { accountId: caller.accountId, callerArn: callerArn(caller) }, now, deps.mfa);
  let duration = input.DurationSeconds ?? DURATION.tokenDefault;
  if (caller.type === 'root') duration = Math.min(duration, DURATION.rootMax);
  const { credentials } = issueCredentials(
    {
      accountId: caller.accountId,
      partition: caller.partition,
      principal:
        caller.type === 'root'
          ? { kind: 'root' }
          : { kind: 'user', userArn: caller.arn, userId: caller.userId, userName: caller.userName },
      tags: {},
      transitiveTagKeys: [],
      ...(mfaAt !== undefined ? { mfaAuthenticatedAt: mfaAt } : {}),
      chained: false,
    },
    now,
    duration,
    deps.tokens,
  );
  return { Credentials: credentials };
}
