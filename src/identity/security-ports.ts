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

/** Console sign-in (issue 6): see sign-in.ts for the rules. */
export type SignInService = {
  signIn(request: {
    account: string;
    userName: string;
    password: string;
    mfaCode?: string;
    sourceIp: string;
  }): Promise<{ accountId: string; userName: string; userArn: string; mustChangePassword: boolean }>;
};
