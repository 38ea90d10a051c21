import { deflateRawSync } from 'node:zlib';
import { hasErrors, parsePolicy, validatePolicy } from '../policy/index.ts';
import { IamError } from '../shared/index.ts';
import type { SessionPolicies } from './session-facts.ts';
import { STS_RULES, type StsValidation, TAG_LIMITS } from './sts-validation.ts';

/** A session tag as the STS API passes it. */
export interface SessionTag {
  readonly Key: string;
  readonly Value: string;
}

/** The session-shaping inputs AssumeRole and GetFederationToken share. */
export interface SessionShapeInput {
  readonly Policy?: string;
  readonly PolicyArns?: readonly { readonly arn: string }[];
  readonly Tags?: readonly SessionTag[];
  readonly TransitiveTagKeys?: readonly string[];
}

/** Checks the members' model constraints (lengths, patterns, list sizes) into `v`. */
export function checkSessionShape(v: StsValidation, input: SessionShapeInput): void {
  v.string(input.Policy, 'policy', STS_RULES.policy);
  v.listLength(input.PolicyArns, 'policyArns', TAG_LIMITS.policyArns);
  for (const [i, p] of (input.PolicyArns ?? []).entries())
    v.string(p.arn, `policyArns.${i + 1}.member.arn`, STS_RULES.policyArn, true);
  v.listLength(input.Tags, 'tags', TAG_LIMITS.tags);
  for (const [i, t] of (input.Tags ?? []).entries()) {
    v.string(t.Key, `tags.${i + 1}.member.key`, STS_RULES.tagKey, true);
    v.string(t.Value, `tags.${i + 1}.member.value`, STS_RULES.tagValue, true);
  }
  v.listLength(input.TransitiveTagKeys, 'transitiveTagKeys', TAG_LIMITS.transitiveTagKeys);
  for (const [i, k] of (input.TransitiveTagKeys ?? []).entries())
    v.string(k, `transitiveTagKeys.${i + 1}.member`, STS_RULES.tagKey, true);
}

const POLICY_ARN = /^arn:[\w-]+:iam::(\d{12}|aws):policy\/(.+\/)?[\w+=,.@-]+$/;

/**
 * The session policies after the semantic checks: the inline policy must be a valid session policy
 * (MalformedPolicyDocument otherwise), each ARN a managed policy ARN. Undefined when none was passed.
 */
export function sessionPoliciesOf(input: SessionShapeInput): SessionPolicies | undefined {
  if (input.Policy === undefined && (input.PolicyArns === undefined || input.PolicyArns.length === 0)) return undefined;
  if (input.Policy !== undefined) checkSessionPolicy(input.Policy);
  const managedArns = (input.PolicyArns ?? []).map((p) => p.arn);
  for (const arn of managedArns) {
    if (!POLICY_ARN.test(arn))
      throw new IamError('InvalidParameterValue', `The policy ARN '${arn}' is not a managed policy ARN.`);
  }
  return { ...(input.Policy !== undefined ? { inline: input.Policy } : {}), managedArns };
}

/** Throws MalformedPolicyDocument unless `text` is a valid session policy (every error finding is named). */
export function checkSessionPolicy(text: string): void {
  const parsed = parsePolicy(text, { kind: 'session', sizeClass: 'session' });
  if (!parsed.ok) throw new IamError('MalformedPolicyDocument', parsed.malformedMessage, { findings: parsed.findings });
  const findings = validatePolicy(parsed.policy, { kind: 'session' });
  if (hasErrors(findings)) {
    const errors = findings.filter((f) => f.severity === 'error');
    throw new IamError(
      'MalformedPolicyDocument',
      `Syntax errors in policy: ${errors.map((f) => f.message).join('; ')}`,
      {
        findings: errors,
      },
    );
  }
}

/**
 * Merges passed tags with the transitive tags inherited from a chaining session. Keys compare case-insensitively;
 * a duplicate among the passed tags, a transitive key that is not a passed tag, or a passed tag that would
 * override an inherited transitive tag is InvalidParameterValue.
 */
export function sessionTagsOf(
  input: SessionShapeInput,
  inherited:
    | { readonly tags: Readonly<Record<string, string>>; readonly transitiveTagKeys: readonly string[] }
    | undefined,
): { tags: Record<string, string>; transitiveTagKeys: string[] } {
  const tags: Record<string, string> = {};
  const seen = new Map<string, string>();
  for (const t of input.Tags ?? []) {
    const lower = t.Key.toLowerCase();
    if (seen.has(lower))
      throw new IamError(
        'InvalidParameterValue',
        'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
      );
    seen.set(lower, t.Key);
    tags[t.Key] = t.Value;
  }
  const transitive: string[] = [];
  for (const key of input.TransitiveTagKeys ?? []) {
    const actual = seen.get(key.toLowerCase());
    if (actual === undefined)
      throw new IamError(
        'InvalidParameterValue',
        `The transitive tag key '${key}' is not among the session tags passed.`,
      );
    if (!transitive.includes(actual)) transitive.push(actual);
  }
  if (inherited !== undefined) {
    for (const key of inherited.transitiveTagKeys) {
      const value = inherited.tags[key];
      if (value === undefined) continue;
      if (seen.has(key.toLowerCase()))
        throw new IamError(
          'InvalidParameterValue',
          `The session tag '${key}' is an inherited transitive tag and cannot be overridden when chaining roles.`,
        );
      tags[key] = value;
      transitive.push(key);
    }
  }
  if (Object.keys(tags).length > TAG_LIMITS.tags)
    throw new IamError(
      'ValidationError',
      `A session can have at most ${TAG_LIMITS.tags} tags, inherited transitive tags included.`,
    );
  return { tags, transitiveTagKeys: transitive };
}

/** The packed form's budget in bytes (iamd's own figure; AWS does not publish its own). */
export const PACKED_POLICY_LIMIT_BYTES = 2048;

/**
 * `PackedPolicySize`: how much of the packed budget the session policies and tags use, in percent, the way AWS
 * reports it. The packed form is the minified inline policy, the policy ARNs and the tags, deflated.
 * Throws PackedPolicyTooLarge above 100%.
 */
export function packedPolicySize(
  policies: SessionPolicies | undefined,
  tags: Readonly<Record<string, string>>,
): number {
  const parts: string[] = [];
  if (policies?.inline !== undefined) parts.push(JSON.stringify(JSON.parse(policies.inline)));
  for (const arn of policies?.managedArns ?? []) parts.push(arn);
  for (const [k, v] of Object.entries(tags)) parts.push(`${k}=${v}`);
  if (parts.length === 0) return 0;
  const bytes = deflateRawSync(Buffer.from(parts.join('\n'), 'utf8')).length;
  const percent = Math.ceil((bytes * 100) / PACKED_POLICY_LIMIT_BYTES);
  if (percent > 100)
    throw new IamError(
      'PackedPolicyTooLarge',
      `Packed policy consumes ${percent}% of allotted space, please use smaller policy.`,
    );
  return percent;
}

/** `{ PackedPolicySize }` when session policies or tags were passed (AWS omits it otherwise); see packedPolicySize. */
export function packedPolicySizeOf(
  policies: SessionPolicies | undefined,
  tags: Readonly<Record<string, string>>,
): { readonly PackedPolicySize?: number } {
  const packed = packedPolicySize(policies, tags);
  return policies !== undefined || Object.keys(tags).length > 0 ? { PackedPolicySize: packed } : {};
}
