import { IamError } from '../shared/index.ts';

/**
 * Input constraints of the STS model (botocore sts/2011-06-15), checked the way AWS does: every violation is
 * collected and reported in one `ValidationError` whose message uses AWS's wording:
 * `1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: ...`.
 */
export class StsValidation {
  readonly #errors: string[] = [];

  /** Records a violation for `member` (AWS's camelCase member name); a `sensitive` value is never echoed. */
  fail(value: unknown, member: string, constraint: string, sensitive = false): void {
    const shown = value === undefined || value === null ? ' null' : sensitive ? '' : ` '${String(value)}'`;
    this.#errors.push(`Value${shown} at '${member}' failed to satisfy constraint: ${constraint}`);
  }

  /** A required string member with length bounds and, optionally, a pattern. Returns whether it is valid. */
  string(value: string | undefined, member: string, rule: StringRule, required = false, sensitive = false): boolean {
    if (value === undefined) {
      if (required) this.fail(value, member, 'Member must not be null');
      return !required;
    }
    const length = [...value].length;
    let ok = true;
    if (length < rule.min) {
      this.fail(value, member, `Member must have length greater than or equal to ${rule.min}`, sensitive);
      ok = false;
    }
    if (length > rule.max) {
      this.fail(value, member, `Member must have length less than or equal to ${rule.max}`, sensitive);
      ok = false;
    }
    if (rule.pattern !== undefined && !rule.pattern.regex.test(value)) {
      this.fail(value, member, `Member must satisfy regular expression pattern: ${rule.pattern.text}`, sensitive);
      ok = false;
    }
    return ok;
  }

  /** An optional integer member within bounds. */
  integer(value: number | undefined, member: string, min: number, max: number): void {
    if (value === undefined) return;
    if (!Number.isInteger(value)) this.fail(value, member, 'Member must be an integer');
    else if (value < min) this.fail(value, member, `Member must have value greater than or equal to ${min}`);
    else if (value > max) this.fail(value, member, `Member must have value less than or equal to ${max}`);
  }

  /** A list member's length. */
  listLength(list: readonly unknown[] | undefined, member: string, max: number): void {
    if (list !== undefined && list.length > max)
      this.fail(`[${list.length} items]`, member, `Member must have length less than or equal to ${max}`);
  }

  /** Throws the collected violations as one ValidationError (AWS's "N validation errors detected" form). */
  throwIfAny(): void {
    const n = this.#errors.length;
    if (n === 0) return;
    const head = n === 1 ? '1 validation error detected' : `${n} validation errors detected`;
    throw new IamError('ValidationError', `${head}: ${this.#errors.join('; ')}`);
  }
}

/** A length range and optional pattern from the STS model. */
export interface StringRule {
  readonly min: number;
  readonly max: number;
  readonly pattern?: { readonly regex: RegExp; readonly text: string };
}

const pattern = (text: string, regex: RegExp) => ({ text, regex });
const NAME = pattern('[\\w+=,.@-]*', /^[\w+=,.@-]*$/);
const TAG_KEY = pattern('[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+', /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u);
const TAG_VALUE = pattern('[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*', /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u);
const ARN = pattern(
  '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+',
  /^[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]+$/u,
);

/** The STS model's string constraints, by member. */
export const STS_RULES = {
  roleArn: { min: 20, max: 2048, pattern: ARN },
  roleSessionName: { min: 2, max: 64, pattern: NAME },
  federatedName: { min: 2, max: 32, pattern: NAME },
  externalId: { min: 2, max: 1224, pattern: pattern('[\\w+=,.@:\\/-]*', /^[\w+=,.@:/-]*$/) },
  sourceIdentity: { min: 2, max: 64, pattern: NAME },
  serialNumber: { min: 9, max: 256, pattern: pattern('[\\w+=/:,.@-]*', /^[\w+=/:,.@-]*$/) },
  tokenCode: { min: 6, max: 6, pattern: pattern('[\\d]*', /^\d*$/) },
  policy: { min: 1, max: 2048, pattern: ARN },
  policyArn: { min: 20, max: 2048, pattern: ARN },
  tagKey: { min: 1, max: 128, pattern: TAG_KEY },
  tagValue: { min: 0, max: 256, pattern: TAG_VALUE },
  accessKeyId: { min: 16, max: 128, pattern: pattern('[\\w]*', /^\w*$/) },
} as const satisfies Record<string, StringRule>;

/** Duration limits, in seconds. */
export const DURATION = {
  min: 900,
  /** AssumeRole's model maximum; the role's MaxSessionDuration applies below it. */
  assumeRoleMax: 43_200,
  /** Role chaining caps a session at one hour. */
  chainedMax: 3_600,
  /** GetSessionToken and GetFederationToken. */
  tokenMax: 129_600,
  tokenDefault: 43_200,
  /** Root-user sessions are capped (silently) at one hour. */
  rootMax: 3_600,
  assumeRoleDefault: 3_600,
} as const;

/** Session tags and keys limits. */
export const TAG_LIMITS = { tags: 50, transitiveTagKeys: 50, policyArns: 10 } as const;
