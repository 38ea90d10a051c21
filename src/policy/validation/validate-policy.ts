import { parsePolicy } from '../document/parse-policy.ts';
import type { Finding, PolicyDocument, PolicyKind, PolicySizeClass, Severity } from '../document/types.ts';
import type { ActionCatalog } from './action-catalog.ts';
import { checkActions } from './check-actions.ts';
import { checkPrincipals, checkResources } from './check-arns.ts';
import { checkConditions } from './check-conditions.ts';
import { checkPolicyKind, checkVersion } from './check-policy-kind.ts';
import { checkRedundancy } from './check-redundancy.ts';
import { checkResourceTypes } from './check-resource-types.ts';
import { checkSecurity } from './check-security.ts';
import { sourceLocator } from './source-locator.ts';

/** Options for {@link validatePolicy}. */
export interface ValidatePolicyOptions {
  /** The kind of policy: decides which elements are required or forbidden. */
  readonly kind: PolicyKind;
  /** Service knowledge (built by callers from service-data); without it unknown actions and keys are not reported. */
  readonly catalog?: ActionCatalog;
  /** Where the policy is stored, for the size limit (string input only). */
  readonly sizeClass?: PolicySizeClass;
}

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = {
  error: 0,
  'security-warning': 1,
  warning: 2,
  suggestion: 3,
};

/**
 * Validates a policy the way IAM Access Analyzer does: every finding, each with a severity, a stable code, a
 * message that says where and what, and a JSON pointer (plus line and column when given the source text).
 * A string is parsed first; when it does not parse, the parse findings are the answer. Never throws.
 */
export function validatePolicy(input: string | PolicyDocument, options: ValidatePolicyOptions): Finding[] {
  let policy: PolicyDocument;
  let parseFindings: readonly Finding[] = [];
  if (typeof input === 'string') {
    const parsed = parsePolicy(input, {
      kind: options.kind,
      ...(options.sizeClass !== undefined ? { sizeClass: options.sizeClass } : {}),
    });
    if (!parsed.ok) return [...parsed.findings];
    policy = parsed.policy;
    parseFindings = parsed.findings;
  } else {
    policy = input;
  }
  const { kind, catalog } = options;
  const found = dedupe([
    ...checkPolicyKind(policy, kind),
    ...checkVersion(policy, kind),
    ...checkActions(policy, kind, catalog),
    ...checkResources(policy),
    ...checkPrincipals(policy),
    ...checkConditions(policy, catalog),
    ...checkResourceTypes(policy, catalog),
    ...checkSecurity(policy, kind),
    ...checkRedundancy(policy),
  ]);
  // Scanning the text for positions costs more than the checks: only when there is something to locate.
  const located = typeof input === 'string' && found.length > 0 ? locate(input, found) : found;
  return [...parseFindings, ...located].sort(bySeverityThenPlace);
}

/** Whether any finding is an error (the policy would be rejected). */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

function locate(text: string, findings: readonly Finding[]): Finding[] {
  const locator = sourceLocator(text);
  return findings.map((f) => {
    const at = locator.locate(f.pointer);
    return at ? { ...f, line: at.line, column: at.column } : f;
  });
}

function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.code}\u0000${f.pointer}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function bySeverityThenPlace(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0)
  );
}
