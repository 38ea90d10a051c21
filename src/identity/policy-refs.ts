import { type Finding, type PolicyKind, type PolicySizeClass, parsePolicy, validatePolicy } from '../policy/index.ts';
import { IamError } from '../shared/index.ts';
import type { AwsManagedPolicy } from './aws-managed-catalog.ts';
import type { IdentityReader, ManagedPolicyRecord, PolicyVersionRecord, TagRecord } from './identity-store.ts';
import type { Policy, PolicyVersion } from './policy-types.ts';
import type { RequestContext } from './request-context.ts';
import { type ServiceCore, iamArn } from './service-core.ts';
import { toApiTags } from './tags.ts';

const POLICY_ARN = /^arn:([\w-]+):iam::(aws|\d{12}):policy(\/(?:[\u0021-\u007E]*\/)?)([\w+=,.@-]+)$/;

/** A managed policy named by ARN: the account's own or an AWS managed one. */
export type ResolvedPolicy =
  | { kind: 'customer'; arn: string; ref: string; record: ManagedPolicyRecord }
  | { kind: 'aws'; arn: string; ref: string; entry: AwsManagedPolicy };

/** The parts of a policy ARN, or undefined when it is not one. */
export function parsePolicyArn(
  arn: string,
): { partition: string; owner: string; path: string; name: string } | undefined {
  const m = POLICY_ARN.exec(arn);
  if (!m) return undefined;
  return { partition: m[1] as string, owner: m[2] as string, path: m[3] as string, name: m[4] as string };
}

/** The ARN of an AWS managed policy in the request's partition. */
export function awsPolicyArn(partition: string, entry: { path: string; policyName: string }): string {
  return `arn:${partition}:iam::aws:policy${entry.path}${entry.policyName}`;
}

/** The ARN of a customer managed policy. */
export function customerPolicyArn(p: ManagedPolicyRecord): string {
  return iamArn(p.partition, p.accountId, 'policy', p.path, p.policyName);
}

/** Attachment ref of an AWS managed policy (partition-free). */
export const awsRef = (entry: { path: string; policyName: string }): string => `aws:${entry.path}${entry.policyName}`;

/** Finds a managed policy by ARN, or undefined (another account's policy is never visible). */
export async function findPolicy(
  core: ServiceCore,
  r: IdentityReader,
  ctx: RequestContext,
  arn: string,
): Promise<ResolvedPolicy | undefined> {
  const parts = parsePolicyArn(arn);
  if (!parts) return undefined;
  if (parts.owner === 'aws') {
    const entry = core.catalog.find(parts.path, parts.name);
    return entry && { kind: 'aws', arn: awsPolicyArn(ctx.partition, entry), ref: awsRef(entry), entry };
  }
  if (parts.owner !== ctx.accountId) return undefined;
  const record = await r.getPolicyByName(ctx.accountId, parts.name);
  if (!record || record.path !== parts.path || record.policyName !== parts.name) return undefined;
  return { kind: 'customer', arn: customerPolicyArn(record), ref: record.policyId, record };
}

/** The policy or NoSuchEntity "Policy <arn> does not exist or is not attachable." (AWS's wording for attach). */
export async function requirePolicy(
  core: ServiceCore,
  r: IdentityReader,
  ctx: RequestContext,
  arn: string,
  message: (arn: string) => string = (a) => `Policy ${a} was not found.`,
): Promise<ResolvedPolicy> {
  const p = await findPolicy(core, r, ctx, arn);
  if (!p) throw new IamError('NoSuchEntity', message(arn));
  return p;
}

/** A customer managed policy, or UnmodifiableEntity for an AWS managed one. */
export async function requireCustomerPolicy(
  core: ServiceCore,
  r: IdentityReader,
  ctx: RequestContext,
  arn: string,
): Promise<Extract<ResolvedPolicy, { kind: 'customer' }>> {
  const p = await requirePolicy(core, r, ctx, arn);
  if (p.kind === 'aws') {
    throw new IamError('UnmodifiableEntity', `Cannot perform the operation on the AWS managed policy ${p.arn}.`);
  }
  return p;
}

/** Usage counts of every policy of an account (attachments by ref, boundaries by ARN). */
export type PolicyUsage = { attachments: Map<string, number>; boundaries: Map<string, number> };

/** Reads the usage counts in two queries. */
export async function policyUsage(r: IdentityReader, accountId: string): Promise<PolicyUsage> {
  const [attachments, boundaries] = await Promise.all([r.countAttachments(accountId), r.countBoundaryUses(accountId)]);
  return { attachments, boundaries };
}

/** How many users and roles use an ARN as boundary, any partition spelling of an AWS managed ARN included. */
function boundaryCount(usage: PolicyUsage, p: ResolvedPolicy): number {
  if (p.kind === 'customer') return usage.boundaries.get(p.arn) ?? 0;
  let n = 0;
  const suffix = `:iam::aws:policy${p.entry.path}${p.entry.policyName}`;
  for (const [arn, count] of usage.boundaries) if (arn.endsWith(suffix) && arn.startsWith('arn:')) n += count;
  return n;
}

/** The `Policy` shape of a resolved policy; `tags` only where the action returns them. */
export function policyView(p: ResolvedPolicy, usage: PolicyUsage, tags?: TagRecord[]): Policy {
  const common = {
    AttachmentCount: usage.attachments.get(p.ref) ?? 0,
    PermissionsBoundaryUsageCount: boundaryCount(usage, p),
    IsAttachable: true,
  };
  if (p.kind === 'aws') {
    return {
      PolicyName: p.entry.policyName,
      PolicyId: p.entry.policyId,
      Arn: p.arn,
      Path: p.entry.path,
      DefaultVersionId: p.entry.defaultVersionId,
      ...common,
      CreateDate: p.entry.createDate,
      UpdateDate: p.entry.updateDate,
    };
  }
  const r = p.record;
  const out: Policy = {
    PolicyName: r.policyName,
    PolicyId: r.policyId,
    Arn: p.arn,
    Path: r.path,
    DefaultVersionId: r.defaultVersionId,
    ...common,
    ...(r.description !== null ? { Description: r.description } : {}),
    CreateDate: r.createDate,
    UpdateDate: r.updateDate,
  };
  if (tags && tags.length > 0) out.Tags = toApiTags(tags);
  return out;
}

/** The `PolicyVersion` shape. */
export function versionView(v: PolicyVersionRecord, defaultVersionId: string, withDocument: boolean): PolicyVersion {
  return {
    ...(withDocument ? { Document: v.document } : {}),
    VersionId: v.versionId,
    IsDefaultVersion: v.versionId === defaultVersionId,
    CreateDate: v.createDate,
  };
}

/**
 * Findings of the validator that IAM itself rejects on write, with AWS's message for each. Others (unknown
 * actions, warnings) are accepted, as IAM accepts them.
 */
const REJECTED: Readonly<Record<string, (f: Finding) => string>> = {
  'malformed-arn': (f) =>
    `Resource ${between(f.message, /`(?:Not)?Resource` `([^`]*)`/)} must be in ARN format or "*".`,
  'unknown-operator': (f) => `Invalid Condition type : ${between(f.message, /operator `([^`]*)`/)}`,
  'invalid-action': () => 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
  'malformed-condition-key': () => 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
  'wildcard-in-service-prefix': () => 'Action vendors must not contain wildcards.',
  'invalid-principal': () => 'Invalid principal in policy.',
};

function between(text: string, re: RegExp): string {
  return re.exec(text)?.[1] ?? '';
}

/** Parses a policy document, throwing MalformedPolicyDocument with AWS's message when IAM would refuse it. */
export function checkPolicyDocument(document: string, kind: PolicyKind, sizeClass: PolicySizeClass): void {
  const result = parsePolicy(document, { kind, sizeClass });
  if (!result.ok) throw new IamError('MalformedPolicyDocument', result.malformedMessage);
  for (const f of validatePolicy(result.policy, { kind })) {
    const message = f.severity === 'error' ? REJECTED[f.code] : undefined;
    if (message) throw new IamError('MalformedPolicyDocument', message(f));
  }
}

/** Characters of a policy document as IAM counts them (whitespace outside strings excluded). */
export function policySize(document: string): number {
  let n = 0;
  let inString = false;
  let escaped = false;
  for (const ch of document) {
    if (inString) {
      n++;
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
      n++;
    } else if (!/\s/.test(ch)) n++;
  }
  return n;
}

/**
 * The canonical ARN of an existing managed policy (customer or AWS managed) used as a permissions boundary;
 * NoSuchEntity with AWS's wording otherwise.
 */
export async function requireBoundaryPolicy(
  core: ServiceCore,
  r: IdentityReader,
  ctx: RequestContext,
  arn: string,
): Promise<string> {
  const p = await findPolicy(core, r, ctx, arn);
  if (!p) throw new IamError('NoSuchEntity', `Scope ARN: ${arn} does not exist or is not attachable.`);
  return p.arn;
}
