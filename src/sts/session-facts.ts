/**
 * The facts a session token carries. Everything enforcement needs to know about a session travels inside the
 * token, so any iamd node sharing the master key can serve the session without reading the database.
 */

/** Who the session belongs to; one member per way of getting temporary credentials. */
export type SessionPrincipalFacts =
  /** AssumeRole: a session of a role. `roleArn` keeps the role's path; the session ARN drops it. */
  | {
      readonly kind: 'role-session';
      readonly roleArn: string;
      readonly roleId: string;
      readonly roleName: string;
      readonly sessionName: string;
    }
  /** GetFederationToken: a federated user, acting with at most the calling user's (or root's) permissions. */
  | {
      readonly kind: 'federated-user';
      readonly name: string;
      /** The IAM user (or the root user) who called GetFederationToken. */
      readonly callerArn: string;
      /** The calling user's name; absent when root called. */
      readonly callerUserName?: string;
    }
  /** GetSessionToken called by an IAM user: the user's own permissions. */
  | {
      readonly kind: 'user';
      readonly userArn: string;
      readonly userId: string;
      readonly userName: string;
    }
  /** GetSessionToken called by the root user. */
  | { readonly kind: 'root' };

/** The kinds of session principal. */
export type SessionPrincipalKind = SessionPrincipalFacts['kind'];

/** Session policies passed when the session was created (role sessions and federated users only). */
export interface SessionPolicies {
  /** The inline `Policy` text exactly as passed (already validated). */
  readonly inline?: string;
  /** The `PolicyArns` passed (managed policies, resolved at enforcement time). */
  readonly managedArns: readonly string[];
}

/** Everything known about a session. Times are epoch milliseconds. */
export interface SessionFacts {
  readonly accountId: string;
  readonly partition: string;
  /** The `ASIA…` key the token belongs to; not stored in the token itself (it is bound as authenticated data). */
  readonly accessKeyId: string;
  /** The session's secret access key: the SigV4 verifier needs it. */
  readonly secretAccessKey: string;
  readonly principal: SessionPrincipalFacts;
  /** Undefined when no session policy was passed. */
  readonly sessionPolicies?: SessionPolicies;
  /** Session tags (role sessions and federated users); keys keep the case they were passed in. */
  readonly tags: Readonly<Record<string, string>>;
  /** Keys of `tags` that pass on to sessions this session creates by role chaining. */
  readonly transitiveTagKeys: readonly string[];
  readonly sourceIdentity?: string;
  /** AssumeRoleWithWebIdentity: the OIDC provider's ARN (`aws:FederatedProvider` on the session's requests). */
  readonly federatedProvider?: string;
  /** Set when the session was created with a valid MFA code. */
  readonly mfaAuthenticatedAt?: number;
  readonly issuedAt: number;
  readonly expiresAt: number;
  /** The session was created by a role session assuming a role (role chaining). */
  readonly chained: boolean;
  /**
   * A console sign-in session (POST /v1/sign-in) of an IAM user or the root: like GetSessionToken's, except that
   * IAM calls do not need MFA, as in the AWS console.
   */
  readonly console?: true;
}

/** `arn:P:sts::A:assumed-role/ROLE/SESSION` (the role's path is not part of it). */
export function assumedRoleArn(partition: string, accountId: string, roleName: string, sessionName: string): string {
  return `arn:${partition}:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
}

/** `arn:P:sts::A:federated-user/NAME`. */
export function federatedUserArn(partition: string, accountId: string, name: string): string {
  return `arn:${partition}:sts::${accountId}:federated-user/${name}`;
}

/** `arn:P:iam::A:root`. */
export function rootArn(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:root`;
}

/** The ARN a session acts as (what GetCallerIdentity returns and what AccessDenied messages name). */
export function sessionArn(facts: SessionFacts): string {
  const p = facts.principal;
  switch (p.kind) {
    case 'role-session':
      return assumedRoleArn(facts.partition, facts.accountId, p.roleName, p.sessionName);
    case 'federated-user':
      return federatedUserArn(facts.partition, facts.accountId, p.name);
    case 'user':
      return p.userArn;
    case 'root':
      return rootArn(facts.partition, facts.accountId);
  }
}

/** The unique id a session acts as (`aws:userid`, GetCallerIdentity `UserId`). */
export function sessionUserId(facts: SessionFacts): string {
  const p = facts.principal;
  switch (p.kind) {
    case 'role-session':
      return `${p.roleId}:${p.sessionName}`;
    case 'federated-user':
      return `${facts.accountId}:${p.name}`;
    case 'user':
      return p.userId;
    case 'root':
      return facts.accountId;
  }
}
