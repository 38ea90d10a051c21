import { type DenyCause, denialPhrase } from './denial-phrase.ts';
import type { Indeterminate, PolicySetKind, StatementReason } from './policy-set.ts';

/** The three outcomes of a decision. */
export type DecisionValue = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/** What one policy type said about the request. */
export type KindOutcome = DecisionValue | 'NotApplicable';

/** The row of the decision table that decided (see decide.ts and docs/policy-engine.md). */
export type DecisionRow =
  | 'caller-identity'
  | 'explicit-deny'
  | 'policy-error'
  | 'scp-no-allow'
  | 'non-iam-caller-granted'
  | 'non-iam-caller-not-granted'
  | 'same-account-resource-grant'
  | 'same-account-identity-grant'
  | 'same-account-no-grant'
  | 'explicit-trust-grant'
  | 'explicit-trust-no-grant'
  | 'cross-account-grant'
  | 'cross-account-no-identity-grant'
  | 'cross-account-no-resource-grant';

/** A decision with its reasons. `explanation` and `denialReason` are computed on first read. */
export interface Decision {
  readonly decision: DecisionValue;
  readonly row: DecisionRow;
  /** Statements whose action, resource, principal and conditions all matched. */
  readonly reasons: readonly StatementReason[];
  readonly perKind: Readonly<Record<PolicySetKind, KindOutcome>>;
  /** Condition keys that statements asked for and the request did not have (as written in the policies). */
  readonly missingContextKeys: readonly string[];
  /** Conditions and policies the engine could not evaluate; they never produced an Allow. */
  readonly indeterminate: readonly Indeterminate[];
  /** For denials: the policy type that denied (or whose missing Allow denied). */
  readonly cause: DenyCause | undefined;
  /** For denials, the AWS AccessDenied phrase, e.g. `because no identity-based policy allows the s3:GetObject action`. */
  readonly denialReason: string | undefined;
  /** One human line. */
  readonly explanation: string;
}

const ROW_TEXT: Readonly<Record<DecisionRow, string>> = {
  'caller-identity': 'sts:GetCallerIdentity needs no permission and cannot be denied',
  'explicit-deny': 'a Deny statement matched',
  'policy-error': 'a policy that applies could not be parsed, so nothing is allowed',
  'scp-no-allow': 'an SCP level has no Allow for the request',
  'non-iam-caller-granted': 'the resource-based policy allows this service, anonymous or web-identity caller',
  'non-iam-caller-not-granted': 'no resource-based policy allows this service, anonymous or web-identity caller',
  'same-account-resource-grant': 'the resource-based policy allows the caller (same account)',
  'same-account-identity-grant':
    'identity-based policies allow it within the boundary and session policy (same account)',
  'same-account-no-grant': 'nothing allows it (same account)',
  'explicit-trust-grant': 'the trust/key policy allows the caller',
  'explicit-trust-no-grant': 'the trust/key policy does not allow the caller (it must name the caller or its account)',
  'cross-account-grant': 'both the caller side and the resource-based policy allow it (cross-account)',
  'cross-account-no-identity-grant': 'the caller side does not allow it (cross-account)',
  'cross-account-no-resource-grant': 'no resource-based policy allows the caller (cross-account)',
};

const OUTCOMES: readonly KindOutcome[] = ['NotApplicable', 'Allow', 'ExplicitDeny', 'ImplicitDeny'];
const KINDS: readonly PolicySetKind[] = ['identity', 'resource', 'boundary', 'session', 'scp', 'rcp'];

const EMPTY: readonly never[] = Object.freeze([]);

/** The decision result; `perKind`, `missingContextKeys` and the text are built on first read, off the hot path. */
export class DecisionResult implements Decision {
  readonly #action: string;
  /** Six 2-bit outcome codes in `KINDS` order (index into `OUTCOMES`), packed by decide(). */
  readonly #kinds: number;
  readonly #missing: readonly string[] | undefined;
  constructor(
    readonly decision: DecisionValue,
    readonly row: DecisionRow,
    readonly reasons: readonly StatementReason[],
    kinds: number,
    missing: readonly string[] | undefined,
    readonly indeterminate: readonly Indeterminate[],
    readonly cause: DenyCause | undefined,
    action: string,
  ) {
    this.#action = action;
    this.#kinds = kinds;
    this.#missing = missing;
  }

  get perKind(): Readonly<Record<PolicySetKind, KindOutcome>> {
    const out = {} as Record<PolicySetKind, KindOutcome>;
    KINDS.forEach((kind, i) => {
      out[kind] = OUTCOMES[(this.#kinds >> (2 * i)) & 3]!;
    });
    return out;
  }

  get missingContextKeys(): readonly string[] {
    return this.#missing === undefined ? EMPTY : [...new Set(this.#missing)];
  }

  get denialReason(): string | undefined {
    if (this.decision === 'Allow' || this.cause === undefined) return undefined;
    return denialPhrase(this.decision, this.cause, this.#action);
  }

  get explanation(): string {
    const why = ROW_TEXT[this.row];
    const phrase = this.denialReason;
    return `${this.decision} ${this.#action}: ${why}${phrase === undefined ? '' : ` (${phrase})`}`;
  }

  /** Plain data, text included. */
  toJSON(): Decision {
    return {
      decision: this.decision,
      row: this.row,
      reasons: this.reasons,
      perKind: this.perKind,
      missingContextKeys: this.missingContextKeys,
      indeterminate: this.indeterminate,
      cause: this.cause,
      denialReason: this.denialReason,
      explanation: this.explanation,
    };
  }
}
