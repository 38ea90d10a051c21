import type { SignInResult } from '../../identity/index.ts';
import { type Credentials, issueCredentials, type SessionTokenCodec } from '../../sts/index.ts';

/** A console session's default lifetime: one hour (the root user's GetSessionToken cap; short on purpose). */
export const CONSOLE_SESSION_SECONDS = 3600;

/**
 * Mints the session a signed-in principal gets: like GetSessionToken's (an IAM user's or the root user's own
 * permissions, STS limited to AssumeRole and GetCallerIdentity), marked as a console session so that IAM calls do
 * not need MFA, as in the AWS console; with MFA context when the sign-in checked a code.
 */
export function consoleSession(
  signedIn: SignInResult,
  now: Date,
  tokens: SessionTokenCodec,
  seconds = CONSOLE_SESSION_SECONDS,
): Credentials {
  const { credentials } = issueCredentials(
    {
      accountId: signedIn.accountId,
      partition: signedIn.partition,
      principal: signedIn.principal,
      tags: {},
      transitiveTagKeys: [],
      ...(signedIn.mfaAuthenticatedAt ? { mfaAuthenticatedAt: signedIn.mfaAuthenticatedAt.getTime() } : {}),
      chained: false,
      console: true,
    },
    now,
    seconds,
    tokens,
  );
  return credentials;
}
