import { arnLike } from './arn.ts';
import { binaryEquals } from './binary.ts';
import { boolEquals } from './bool.ts';
import { dateEquals, dateGreaterThan, dateGreaterThanEquals, dateLessThan, dateLessThanEquals } from './date.ts';
import { ipAddress } from './ip.ts';
import {
  numericEquals,
  numericGreaterThan,
  numericGreaterThanEquals,
  numericLessThan,
  numericLessThanEquals,
} from './numeric.ts';
import { stringEquals, stringEqualsIgnoreCase, stringLike } from './string.ts';
import type { ValueCompiler } from './value-test.ts';

/** The operator families, one file each. */
export type OperatorFamily = 'string' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'arn' | 'null';

/** A base condition operator as data: how to compile a value, and whether the test is negated (NOR). */
export interface BaseOperator {
  readonly name: string;
  readonly family: OperatorFamily;
  /** Negated operators pass when the request value matches none of the policy values (and on an absent key). */
  readonly negated: boolean;
  /** The positive per-value test; undefined for `Null`, which is decided on presence alone. */
  readonly compile: ValueCompiler | undefined;
}

const op = (
  name: string,
  family: OperatorFamily,
  negated: boolean,
  compile: ValueCompiler | undefined,
): BaseOperator => ({
  name,
  family,
  negated,
  compile,
});

/** Every base operator IAM defines. `…IfExists`, `ForAllValues:` and `ForAnyValue:` are applied centrally. */
export const OPERATORS: readonly BaseOperator[] = [
  op('StringEquals', 'string', false, stringEquals),
  op('StringNotEquals', 'string', true, stringEquals),
  op('StringEqualsIgnoreCase', 'string', false, stringEqualsIgnoreCase),
  op('StringNotEqualsIgnoreCase', 'string', true, stringEqualsIgnoreCase),
  op('StringLike', 'string', false, stringLike),
  op('StringNotLike', 'string', true, stringLike),
  op('NumericEquals', 'numeric', false, numericEquals),
  op('NumericNotEquals', 'numeric', true, numericEquals),
  op('NumericLessThan', 'numeric', false, numericLessThan),
  op('NumericLessThanEquals', 'numeric', false, numericLessThanEquals),
  op('NumericGreaterThan', 'numeric', false, numericGreaterThan),
  op('NumericGreaterThanEquals', 'numeric', false, numericGreaterThanEquals),
  op('DateEquals', 'date', false, dateEquals),
  op('DateNotEquals', 'date', true, dateEquals),
  op('DateLessThan', 'date', false, dateLessThan),
  op('DateLessThanEquals', 'date', false, dateLessThanEquals),
  op('DateGreaterThan', 'date', false, dateGreaterThan),
  op('DateGreaterThanEquals', 'date', false, dateGreaterThanEquals),
  op('Bool', 'bool', false, boolEquals),
  op('BinaryEquals', 'binary', false, binaryEquals),
  op('IpAddress', 'ip', false, ipAddress),
  op('NotIpAddress', 'ip', true, ipAddress),
  op('ArnEquals', 'arn', false, arnLike),
  op('ArnLike', 'arn', false, arnLike),
  op('ArnNotEquals', 'arn', true, arnLike),
  op('ArnNotLike', 'arn', true, arnLike),
  op('Null', 'null', false, undefined),
];

const BY_LOWER_NAME = new Map(OPERATORS.map((o) => [o.name.toLowerCase(), o]));

/** How the request's values of a key are combined: single value, every value, or any value. */
export type SetQualifier = 'none' | 'all' | 'any';

/** A full operator name taken apart. */
export interface ParsedOperator {
  readonly base: BaseOperator;
  readonly set: SetQualifier;
  readonly ifExists: boolean;
}

/**
 * Takes apart `ForAnyValue:StringLikeIfExists` and the like. Operator names are matched ignoring case (engine
 * choice; validation warns on non-canonical spelling). Undefined for an unknown operator (`NullIfExists` too).
 */
export function parseOperator(name: string): ParsedOperator | undefined {
  let rest = name.toLowerCase();
  let set: SetQualifier = 'none';
  if (rest.startsWith('forallvalues:')) {
    set = 'all';
    rest = rest.slice('forallvalues:'.length);
  } else if (rest.startsWith('foranyvalue:')) {
    set = 'any';
    rest = rest.slice('foranyvalue:'.length);
  }
  let ifExists = false;
  if (rest.endsWith('ifexists')) {
    ifExists = true;
    rest = rest.slice(0, -'ifexists'.length);
  }
  const base = BY_LOWER_NAME.get(rest);
  if (base === undefined) return undefined;
  if (base.family === 'null' && (ifExists || set !== 'none')) return undefined;
  return { base, set, ifExists };
}
