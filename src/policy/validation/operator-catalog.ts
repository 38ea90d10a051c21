/** What kind of value a condition operator compares: decides which value checks apply. */
export type OperatorValueType = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

/** One base condition operator, as validation sees it. */
export interface OperatorInfo {
  readonly name: string;
  readonly type: OperatorValueType;
  /** Negated operators are true on an absent key and NOR their values. */
  readonly negated: boolean;
  /** Whether policy variables are substituted in its values (OPS, VARS). */
  readonly variables: boolean;
}

const op = (name: string, type: OperatorValueType, negated: boolean, variables: boolean): OperatorInfo => ({
  name,
  type,
  negated,
  variables,
});

/** Every base operator of the IAM policy language (OPS page). */
export const BASE_OPERATORS: readonly OperatorInfo[] = [
  op('StringEquals', 'String', false, true),
  op('StringNotEquals', 'String', true, true),
  op('StringEqualsIgnoreCase', 'String', false, true),
  op('StringNotEqualsIgnoreCase', 'String', true, true),
  op('StringLike', 'String', false, true),
  op('StringNotLike', 'String', true, true),
  op('NumericEquals', 'Numeric', false, false),
  op('NumericNotEquals', 'Numeric', true, false),
  op('NumericLessThan', 'Numeric', false, false),
  op('NumericLessThanEquals', 'Numeric', false, false),
  op('NumericGreaterThan', 'Numeric', false, false),
  op('NumericGreaterThanEquals', 'Numeric', false, false),
  op('DateEquals', 'Date', false, false),
  op('DateNotEquals', 'Date', true, false),
  op('DateLessThan', 'Date', false, false),
  op('DateLessThanEquals', 'Date', false, false),
  op('DateGreaterThan', 'Date', false, false),
  op('DateGreaterThanEquals', 'Date', false, false),
  // Bool and variables: the OPS and VARS pages contradict each other (policy-semantics §16); we warn.
  op('Bool', 'Bool', false, false),
  op('BinaryEquals', 'Binary', false, false),
  op('IpAddress', 'IpAddress', false, false),
  op('NotIpAddress', 'IpAddress', true, false),
  op('ArnEquals', 'Arn', false, true),
  op('ArnLike', 'Arn', false, true),
  op('ArnNotEquals', 'Arn', true, true),
  op('ArnNotLike', 'Arn', true, true),
  op('Null', 'Null', false, false),
];

const byName = new Map(BASE_OPERATORS.map((o) => [o.name, o]));

/** An operator as written, split into its qualifiers and base. */
export type ParsedOperator =
  | {
      readonly ok: true;
      readonly setOperator?: 'ForAllValues' | 'ForAnyValue';
      readonly base: OperatorInfo;
      readonly ifExists: boolean;
    }
  | { readonly ok: false; readonly suggestion?: string };

/**
 * Splits `ForAnyValue:StringLikeIfExists` into set qualifier, base operator and IfExists.
 * Operator names are case-sensitive; a wrong-case or misspelt name gets a suggestion.
 */
export function parseOperator(written: string): ParsedOperator {
  let rest = written;
  let setOperator: 'ForAllValues' | 'ForAnyValue' | undefined;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const qualifier = rest.slice(0, colon);
    if (qualifier !== 'ForAllValues' && qualifier !== 'ForAnyValue') {
      return { ok: false, suggestion: suggestOperator(written) };
    }
    setOperator = qualifier;
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  let base = byName.get(rest);
  if (!base && rest.endsWith('IfExists')) {
    base = byName.get(rest.slice(0, -'IfExists'.length));
    ifExists = base !== undefined;
  }
  if (!base) return { ok: false, suggestion: suggestOperator(written) };
  return setOperator ? { ok: true, setOperator, base, ifExists } : { ok: true, base, ifExists };
}

/** Every valid operator spelling: base, with IfExists, and with each set qualifier. Built once. */
const OPERATOR_SPELLINGS: readonly string[] = BASE_OPERATORS.flatMap((o) =>
  ['', 'ForAllValues:', 'ForAnyValue:'].flatMap((prefix) =>
    o.name === 'Null' ? [prefix + o.name] : [prefix + o.name, `${prefix}${o.name}IfExists`],
  ),
);

/** The closest valid operator name, for "did you mean" messages. */
function suggestOperator(written: string): string | undefined {
  return closest(written, OPERATOR_SPELLINGS);
}

/** The candidate nearest to `word` (case-insensitive edit distance), if near enough to be a plausible typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const limit = Math.max(2, Math.floor(word.length / 4));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    // The distance is at least the difference in length: skip what cannot win.
    if (Math.abs(candidate.length - lower.length) >= bestDistance) continue;
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
