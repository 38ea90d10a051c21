/**
 * The normalised policy document: what the parser produces and everything else in policy/ consumes.
 * Single values become arrays; every node keeps the JSON pointer it came from, for findings and explanations.
 */

/** The kinds of policy, each with its own grammar rules and size limit. */
export type PolicyKind = 'identity' | 'resource' | 'trust' | 'boundary' | 'scp' | 'rcp' | 'session';

/** Where an identity policy is stored decides its size limit (non-whitespace characters). */
export type PolicySizeClass = 'user-inline' | 'group-inline' | 'role-inline' | 'managed' | 'trust' | 'session';

export type Effect = 'Allow' | 'Deny';

/** A `Principal` or `NotPrincipal` element. `"*"` is kept apart from `{"AWS": "*"}` only for printing. */
export type PrincipalElement =
  | { readonly kind: 'wildcard' }
  | {
      readonly kind: 'map';
      /** AWS, Service, Federated, CanonicalUser: each a list of the values given. */
      readonly entries: Readonly<Record<string, readonly string[]>>;
    };

/** One `Operator: { key: values }` pair of a Condition block. Values are strings (numbers and booleans stringified). */
export interface ConditionClause {
  /** The operator exactly as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly operator: string;
  /** The condition key exactly as written; comparisons on key names are case-insensitive. */
  readonly key: string;
  readonly values: readonly string[];
  /** JSON pointer to the key inside the document, e.g. `/Statement/0/Condition/StringEquals/aws:username`. */
  readonly pointer: string;
}

export interface Statement {
  /** Position in the Statement array (0 when Statement was a single object). */
  readonly index: number;
  readonly sid?: string;
  readonly effect: Effect;
  /** Exactly one of action / notAction is set on a valid statement. */
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  /** Exactly one of resource / notResource is set (trust policies may have neither). */
  readonly resource?: readonly string[];
  readonly notResource?: readonly string[];
  readonly principal?: PrincipalElement;
  readonly notPrincipal?: PrincipalElement;
  /** Empty when there is no Condition element. */
  readonly conditions: readonly ConditionClause[];
  /** JSON pointer to the statement: `/Statement/2`, or `/Statement` when it was a single object. */
  readonly pointer: string;
}

export interface PolicyDocument {
  /** The Version string as written, or undefined when absent (variables are then literal text). */
  readonly version?: string;
  readonly id?: string;
  readonly statements: readonly Statement[];
  /** Whether Statement was written as an array, so printing round-trips. */
  readonly statementIsArray: boolean;
}

/** Severity of a finding, as IAM Access Analyzer names them. */
export type Severity = 'error' | 'security-warning' | 'warning' | 'suggestion';

/** One problem found in a policy. Parsing and validation both return every finding, never just the first. */
export interface Finding {
  readonly kind: 'finding';
  readonly severity: Severity;
  /** A stable machine code, e.g. `unknown-operator`, `missing-effect`, `policy-too-large`. */
  readonly code: string;
  /** Says where and what, with user input quoted in backticks. */
  readonly message: string;
  /** JSON pointer into the document ('' for the whole document). */
  readonly pointer: string;
  /** 1-based line and column in the source text, when known. */
  readonly line?: number;
  readonly column?: number;
}

/** What parsing returns: never throws on user input. */
export type ParseResult =
  | { readonly ok: true; readonly policy: PolicyDocument; readonly findings: readonly Finding[] }
  | { readonly ok: false; readonly findings: readonly Finding[]; readonly malformedMessage: string };
