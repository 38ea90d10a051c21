import { IamError } from '../shared/index.ts';

/** A constraint of the botocore model, checked server-side with AWS's wording. */
export type Constraint =
  | { kind: 'length'; min?: number; max?: number }
  | { kind: 'pattern'; regex: RegExp; source: string }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'range'; min?: number; max?: number };

/**
 * Collects violations for one request and throws them together as AWS does:
 * "2 validation errors detected: Value 'x' at 'userName' failed to satisfy constraint: ...; ...".
 */
export class Violations {
  readonly #clauses: string[] = [];

  /** Records a violated constraint; `sensitive` values (passwords) are never echoed. */
  add(member: string, value: unknown, message: string, sensitive = false): void {
    const shown = sensitive
      ? 'Value'
      : value === undefined || value === null
        ? 'Value null'
        : `Value '${String(value)}'`;
    this.#clauses.push(`${shown} at '${member}' failed to satisfy constraint: ${message}`);
  }

  /** A required member that is absent. */
  required(member: string, value: unknown): value is undefined {
    if (value !== undefined && value !== null) return false;
    this.add(member, null, 'Member must not be null');
    return true;
  }

  /** Checks a string against length and pattern constraints. */
  text(
    member: string,
    value: string | undefined,
    c: { min?: number; max?: number; pattern?: RegExp; patternSource?: string; sensitive?: boolean },
  ): void {
    if (value === undefined) return;
    const length = [...value].length;
    if (c.min !== undefined && length < c.min) {
      this.add(member, value, `Member must have length greater than or equal to ${c.min}`, c.sensitive);
    }
    if (c.max !== undefined && length > c.max) {
      this.add(member, value, `Member must have length less than or equal to ${c.max}`, c.sensitive);
    }
    if (c.pattern && length > 0 && !c.pattern.test(value)) {
      this.add(
        member,
        value,
        `Member must satisfy regular expression pattern: ${c.patternSource ?? c.pattern.source}`,
        c.sensitive,
      );
    }
  }

  /** Checks an enum member. */
  oneOf(member: string, value: string | undefined, values: readonly string[]): void {
    if (value === undefined || values.includes(value)) return;
    this.add(member, value, `Member must satisfy enum value set: [${values.join(', ')}]`);
  }

  /** Checks an integer range. */
  range(member: string, value: number | undefined, min: number, max: number): void {
    if (value === undefined) return;
    if (!Number.isInteger(value)) this.add(member, value, 'Member must be an integer');
    else if (value < min) this.add(member, value, `Member must have value greater than or equal to ${min}`);
    else if (value > max) this.add(member, value, `Member must have value less than or equal to ${max}`);
  }

  /** Checks a list's size. */
  listSize(member: string, value: readonly unknown[] | undefined, max: number): void {
    if (value !== undefined && value.length > max) {
      this.add(member, `[${value.length} items]`, `Member must have length less than or equal to ${max}`);
    }
  }

  /** Throws the collected violations as one ValidationError, if any. */
  throwIfAny(): void {
    const n = this.#clauses.length;
    if (n === 0) return;
    throw new IamError(
      'ValidationError',
      `${n} validation error${n === 1 ? '' : 's'} detected: ${this.#clauses.join('; ')}`,
    );
  }
}

/** Constraints of the IAM model shared by many actions. */
export const NAME = /^[\w+=,.@-]+$/;
export const NAME_SOURCE = '[\\w+=,.@-]+';
export const PATH_SOURCE = '(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)';
export const PATH_PREFIX = /^\u002F[\u0021-\u007E]*$/;
export const PATH_PREFIX_SOURCE = '\\u002F[\\u0021-\\u007E]*';
export const MARKER = /^[\u0020-\u00FF]+$/;
export const MARKER_SOURCE = '[\\u0020-\\u00FF]+';
export const ACCESS_KEY_ID = /^[\w]+$/;
export const ACCESS_KEY_ID_SOURCE = '[\\w]+';
export const PASSWORD = /^[\u0009\u000A\u000D\u0020-\u00FF]+$/;
export const PASSWORD_SOURCE = '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+';
export const ARN = /^[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD]+$/u;

/** A path as the model allows it: `/` or `/a/b/`. */
export function isValidPath(path: string): boolean {
  return path === '/' || /^\u002F[\u0021-\u007E]+\u002F$/.test(path);
}

/** Validates a name used to create or rename an entity (`userNameType` 1–64, group 1–128). */
export function checkName(v: Violations, member: string, value: string | undefined, max: number): void {
  v.text(member, value, { min: 1, max, pattern: NAME, patternSource: NAME_SOURCE });
}

/** Validates a path (1–512, `/` or `/…/`). */
export function checkPath(v: Violations, member: string, value: string | undefined): void {
  if (value === undefined) return;
  v.text(member, value, { min: 1, max: 512 });
  if (value.length > 0 && !isValidPath(value)) {
    v.add(member, value, `Member must satisfy regular expression pattern: ${PATH_SOURCE}`);
  }
}

/** Validates Marker and MaxItems. */
export function checkPage(v: Violations, input: { Marker?: string; MaxItems?: number }): void {
  v.text('marker', input.Marker, { min: 1, max: 320, pattern: MARKER, patternSource: MARKER_SOURCE });
  v.range('maxItems', input.MaxItems, 1, 1000);
}
