/** The kinds of caller the engine knows (scenario format §0.2). */
export type PrincipalType =
  | 'user'
  | 'role-session'
  | 'federated-user'
  | 'root'
  | 'service'
  | 'anonymous'
  /** The bearer of an OIDC token calling AssumeRoleWithWebIdentity, named by its IAM OIDC provider. */
  | 'web-identity';

/** The caller of a request (scenario format §0.2). */
export interface RequestPrincipal {
  readonly type: PrincipalType;
  /**
   * User, session, federated-user or root ARN; the service principal name for `service`; the OIDC provider ARN
   * (`arn:aws:iam::A:oidc-provider/host`) for `web-identity`; null for anonymous.
   */
  readonly arn: string | null;
  /** The principal's account (for `web-identity` the provider's); null for service and anonymous callers. */
  readonly accountId: string | null;
  /** role-session only: the role's ARN (with path). */
  readonly roleArn?: string;
  /** federated-user only: the IAM user who called GetFederationToken (a grant naming it is limited by the session policy). */
  readonly sourceUserArn?: string;
  readonly userId?: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly orgId?: string;
  readonly isServiceLinkedRole?: boolean;
}
