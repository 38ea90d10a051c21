/** The account-security services other folders call (types only, so that services.ts stays a leaf). */

/** The check STS (GetSessionToken/AssumeRole with SerialNumber/TokenCode) and the console sign-in make. */
export type MfaCodeCheck = {
  readonly accountId: string;
  /** The principal that must own the device: a user ARN, or `arn:P:iam::A:root`. */
  readonly callerArn: string;
  readonly serialNumber: string;
  readonly tokenCode: string;
  readonly now: Date;
};

/** Matches src/sts's `MfaVerifier` port structurally (sts/ cannot be imported from identity/). */
export type MfaVerifier = { verify(input: MfaCodeCheck): Promise<boolean> };

/** One item of the classic checklist. */
export type SecurityCheck = {
  id: string;
  title: string;
  status: 'pass' | 'fail';
  /** ARNs of the principals that fail the check (the root ARN for account-level checks). */
  failing: string[];
  fix: string;
};

/** The checklist for an account. */
export type SecurityStatusReport = { accountId: string; checkedAt: Date; checks: SecurityCheck[] };

/** What the server, CLI and authorize API call. */
export type SecurityStatusService = { securityStatus(accountId: string, now?: Date): Promise<SecurityStatusReport> };

/** What the console sends: an IAM user's account (id or alias) and name, or the root user's e-mail address. */
export type SignInRequest = ({ account: string; userName: string } | { email: string }) & {
  password: string;
  /** Required when the user (or root) has an MFA device. */
  mfaCode?: string;
  /** Sets a new password after the old one is checked: how a password that must be changed gets changed. */
  newPassword?: string;
  /** The client's address, for the per-source rate limit and the log. */
  sourceIp: string;
};

/** Who signed in: an IAM user, or the root user of the account. */
export type SignedInPrincipal =
  | { kind: 'user'; userArn: string; userId: string; userName: string }
  | { kind: 'root' };

/**
 * A sign-in outcome (nothing secret). `password-change-required`: the password was right, but it expired or an
 * administrator asked for a reset; sign in again with `newPassword`.
 */
export type SignInResult = {
  status: 'signed-in' | 'password-change-required';
  accountId: string;
  partition: string;
  principal: SignedInPrincipal;
  /** When the MFA code was checked; absent without MFA. */
  mfaAuthenticatedAt?: Date;
  /** A `newPassword` was set by this sign-in. */
  passwordChanged: boolean;
};

/** Console sign-in (issue 6): see sign-in.ts for the rules. */
export type SignInService = { signIn(request: SignInRequest): Promise<SignInResult> };
