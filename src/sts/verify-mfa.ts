import { IamError } from '../shared/index.ts';
import { NO_MFA_DEVICES, type MfaVerifier } from './sts-ports.ts';

/** MFA parameters of AssumeRole and GetSessionToken. */
export interface MfaInput {
  readonly SerialNumber?: string;
  readonly TokenCode?: string;
}

const FAILED = 'MultiFactorAuthentication failed with invalid MFA one time pass code. ';
const UNABLE = 'MultiFactorAuthentication failed, unable to validate MFA code.';

/**
 * Checks SerialNumber/TokenCode through the verifier. Returns the authentication time (epoch ms) when a code was
 * passed and is valid, undefined when none was passed; AccessDenied when only one of the two was passed or the
 * code is wrong.
 */
export async function verifyMfa(
  input: MfaInput,
  who: { readonly accountId: string; readonly callerArn: string },
  now: Date,
  verifier: MfaVerifier = NO_MFA_DEVICES,
): Promise<number | undefined> {
  if (input.SerialNumber === undefined && input.TokenCode === undefined) return undefined;
  if (input.SerialNumber === undefined || input.TokenCode === undefined) throw new IamError('AccessDenied', UNABLE);
  const ok = await verifier.verify({
    accountId: who.accountId,
    callerArn: who.callerArn,
    serialNumber: input.SerialNumber,
    tokenCode: input.TokenCode,
    now,
  });
  if (!ok) throw new IamError('AccessDenied', FAILED);
  return now.getTime();
}
