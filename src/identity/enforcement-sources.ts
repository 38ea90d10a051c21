/**
 * What the enforcement layer (src/authorization/) and STS read from the identity store: a principal's policies,
 * an existing resource's ARN, path and tags, and a role's trust policy. Contract agreed with issue 4's helpers.
 */

/** The principal whose identity-based policies are gathered. */
export type PrincipalRef = { kind: 'user'; userName: string } | { kind: 'role'; roleName: string };

/** Where an identity-based policy comes from. */
export type PrincipalPolicySourceKind = 'user-inline' | 'group-inline' | 'role-inline' | 'managed';

/** One identity-based policy of a principal; `via` names the group it came through. */
export type PrincipalPolicy = {
  source: PrincipalPolicySourceKind;
  /** Inline policy name, or the managed policy's name. */
  name: string;
  /** Managed policies only. */
  arn?: string;
  /** Group name, for policies that apply through a group. */
  via?: string;
  /** Raw JSON (the default version's document for managed policies). */
  document: string;
};

/** Everything that decides what a principal may do, read in one transaction. */
export type PrincipalPolicies = {
  arn: string;
  /** `AIDA…` or `AROA…`. */
  id: string;
  tags: Record<string, string>;
  identity: PrincipalPolicy[];
  boundary?: { arn: string; document: string };
};

/** Reads principals' policies and reports writes that may change a decision. */
export interface PrincipalPolicySource {
  /** The principal's policies, or undefined when it does not exist. */
  load(accountId: string, principal: PrincipalRef): Promise<PrincipalPolicies | undefined>;
  /**
   * A group's own policies (inline and attached; groups have no tags or boundary), for SimulatePrincipalPolicy with
   * a group as the source. Not on the hot path, so not cached.
   */
  loadGroup?(accountId: string, groupName: string): Promise<PrincipalPolicies | undefined>;
  /** Called after every committed write to an account (and after a reset); returns an unsubscribe function. */
  onChange(listener: (accountId: string) => void): () => void;
}

/** A resource named by type and name or ARN. */
export type ResourceRef = {
  type: 'user' | 'group' | 'role' | 'policy' | 'instance-profile';
  name?: string;
  arn?: string;
};

/** An existing resource as enforcement needs it. */
export type ResourceDescription = { arn: string; path: string; tags: Record<string, string> };

/** Looks up existing IAM resources for ARNs (with path) and `iam:ResourceTag/*`. */
export interface ResourceDescriber {
  describe(accountId: string, ref: ResourceRef): Promise<ResourceDescription | undefined>;
}

/** What STS AssumeRole needs of a role. */
export type RoleTrust = {
  arn: string;
  id: string;
  document: string;
  maxSessionDuration: number;
  tags: Record<string, string>;
  boundary?: { arn: string; document: string };
};

/** Role reads for STS. */
export interface RoleTrustSource {
  /** The role's trust policy and session limits, or undefined when it does not exist. */
  getTrustPolicy(accountId: string, roleName: string): Promise<RoleTrust | undefined>;
}

/** Records that a role was used (STS, when a session of the role calls AWS), for GetRole's RoleLastUsed. */
export interface RoleUsageRecorder {
  /** Fire and forget: failures are logged, never thrown. */
  recordUse(roleId: string, use: { at: Date; region: string }): void;
  /** Resolves when pending writes have finished (shutdown, tests). */
  flush(): Promise<void>;
}
