/**
 * What AssumeRole and AssumeRoleWithWebIdentity share once their own rules have run: the role a RoleArn names,
 * the request keys every trust decision has, and minting the role session with its `AssumedRoleUser`.
 */
import type { RoleTrust } from '../identity/index.ts';
import { parseArn } from '../policy/index.ts';
import { type Credentials, issueCredentials } from './issue-credentials.ts';
import { assumedRoleArn, type SessionPolicies } from './session-facts.ts';
import type { StsDeps } from './sts-ports.ts';

/** Request-wide condition keys the API layer knows (aws:SourceIp, aws:SecureTransport, aws:RequestedRegion...). */
export type RequestKeys = Readonly<Record<string, string | readonly string[]>>;

/** The role named by a RoleArn: account, partition and name (the path is checked against the stored role). */
export interface RoleTarget {
  readonly partition: string;
  readonly accountId: string;
  readonly roleName: string;
}

/** The role named by a RoleArn, or undefined when the ARN is not an IAM role ARN. */
export function roleOf(arn: string): RoleTarget | undefined {
  const parts = parseArn(arn);
  if (parts?.prefix !== 'arn' || parts.service !== 'iam' || parts.region !== '' || !/^\d{12}$/.test(parts.account))
    return undefined;
  if (!parts.resource.startsWith('role/')) return undefined;
  const roleName = parts.resource.slice(parts.resource.lastIndexOf('/') + 1);
  return roleName === '' ? undefined : { partition: parts.partition, accountId: parts.account, roleName };
}

/** A stored role with its trust policy, and its name as stored (names are case-insensitive). */
export type StoredRole = RoleTrust & { readonly storedName: string };

/**
 * The stored role `roleArn` names, or undefined when there is none or its path differs: each operation refuses
 * that with its own denial, the same as a refused trust, so existence does not leak.
 */
export async function findRole(
  deps: Pick<StsDeps, 'roles'>,
  target: RoleTarget,
  roleArn: string,
): Promise<StoredRole | undefined> {
  const role = await deps.roles.getTrustPolicy(target.accountId, target.roleName);
  if (role === undefined || role.arn.toLowerCase() !== roleArn.toLowerCase()) return undefined;
  return { ...role, storedName: role.arn.slice(role.arn.lastIndexOf('/') + 1) };
}

/** What a role session request names, for its trust decision's keys. */
export interface RoleSessionRequest {
  readonly sessionName: string;
  readonly sourceIdentity: string | undefined;
  readonly tags: Readonly<Record<string, string>>;
  readonly transitiveTagKeys: readonly string[];
}

/**
 * The request keys every role trust decision has: the time, the API layer's keys (STS's own win over them),
 * `sts:RoleSessionName`, `sts:SourceIdentity` and the session tag keys. Each operation adds its own.
 */
export function roleSessionKeys(
  now: Date,
  requestKeys: RequestKeys,
  request: RoleSessionRequest,
): Record<string, string | readonly string[]> {
  const keys: Record<string, string | readonly string[]> = {
    'aws:CurrentTime': now.toISOString(),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
    ...requestKeys,
    'sts:RoleSessionName': request.sessionName,
  };
  if (request.sourceIdentity !== undefined) keys['sts:SourceIdentity'] = request.sourceIdentity;
  const tagKeys = Object.keys(request.tags);
  if (tagKeys.length > 0) {
    for (const key of tagKeys) keys[`aws:RequestTag/${key}`] = request.tags[key]!;
    keys['aws:TagKeys'] = tagKeys;
    keys['sts:TransitiveTagKeys'] = request.transitiveTagKeys;
  }
  return keys;
}

/** A role session to mint, after its operation decided to allow it. */
export interface RoleSessionDraft {
  readonly target: RoleTarget;
  readonly role: StoredRole;
  readonly sessionName: string;
  readonly sessionPolicies: SessionPolicies | undefined;
  readonly tags: Readonly<Record<string, string>>;
  readonly transitiveTagKeys: readonly string[];
  readonly sourceIdentity: string | undefined;
  readonly mfaAuthenticatedAt?: number;
  /** AssumeRoleWithWebIdentity: the OIDC provider's ARN. */
  readonly federatedProvider?: string;
  readonly chained: boolean;
}

/** Mints a role session: its credentials and `AssumedRoleUser` (`ROLEID:SESSION` and the assumed-role ARN). */
export function issueRoleSession(
  deps: Pick<StsDeps, 'tokens'>,
  s: RoleSessionDraft,
  now: Date,
  durationSeconds: number,
): { Credentials: Credentials; AssumedRoleUser: { readonly AssumedRoleId: string; readonly Arn: string } } {
  const { role, target, sessionName } = s;
  const { credentials } = issueCredentials(
    {
      accountId: target.accountId,
      partition: target.partition,
      principal: { kind: 'role-session', roleArn: role.arn, roleId: role.id, roleName: role.storedName, sessionName },
      ...(s.sessionPolicies !== undefined ? { sessionPolicies: s.sessionPolicies } : {}),
      tags: s.tags,
      transitiveTagKeys: s.transitiveTagKeys,
      ...(s.sourceIdentity !== undefined ? { sourceIdentity: s.sourceIdentity } : {}),
      ...(s.mfaAuthenticatedAt !== undefined ? { mfaAuthenticatedAt: s.mfaAuthenticatedAt } : {}),
      ...(s.federatedProvider !== undefined ? { federatedProvider: s.federatedProvider } : {}),
      chained: s.chained,
    },
    now,
    durationSeconds,
    deps.tokens,
  );
  return {
    Credentials: credentials,
    AssumedRoleUser: {
      AssumedRoleId: `${role.id}:${sessionName}`,
      Arn: assumedRoleArn(target.partition, target.accountId, role.storedName, sessionName),
    },
  };
}
