import type { Severity } from '../document/types.ts';

/** One finding code that validation can emit. */
export interface FindingCodeInfo {
  readonly severity: Severity;
  readonly summary: string;
}

/**
 * Every code validatePolicy() adds on top of the parser's own codes (json-syntax, missing-action, invalid-effect,
 * policy-too-large, ...). Stable: tools may match on them. docs/policy-cli.md shows this table.
 */
export const FINDING_CODES: Readonly<Record<string, FindingCodeInfo>> = {
  'principal-not-allowed': {
    severity: 'error',
    summary: 'Principal in a policy kind that has none (identity, boundary, session, SCP)',
  },
  'allow-with-not-principal': {
    severity: 'error',
    summary: 'NotPrincipal with Allow (NotPrincipal must be used with Deny)',
  },
  'deny-with-not-principal': {
    severity: 'warning',
    summary: 'Deny with NotPrincipal: denies every principal with a boundary; use aws:PrincipalArn instead',
  },
  'not-principal-not-allowed': {
    severity: 'error',
    summary: 'NotPrincipal in a kind that forbids it (all but resource policies)',
  },
  'missing-principal': { severity: 'error', summary: 'resource, trust or RCP statement without Principal' },
  'rcp-principal-not-star': { severity: 'error', summary: 'RCP Principal other than "*"' },
  'missing-resource': { severity: 'error', summary: 'statement without Resource or NotResource where one is required' },
  'resource-not-allowed': { severity: 'error', summary: 'Resource in a trust policy' },
  'not-resource-not-allowed': { severity: 'error', summary: 'NotResource in a trust policy' },
  'not-action-not-allowed': { severity: 'error', summary: 'NotAction in an RCP' },
  'rcp-allow': { severity: 'error', summary: 'Allow statement in a custom RCP' },
  'version-required': { severity: 'error', summary: 'SCP or RCP without "Version": "2012-10-17"' },
  'trust-action-not-allowed': {
    severity: 'error',
    summary: 'trust policy action other than sts:AssumeRole*, TagSession, SetSourceIdentity, SetContext',
  },
  'variables-without-version': {
    severity: 'warning',
    summary: 'policy variables with no Version or 2008-10-17: they are literal text',
  },
  'missing-version': { severity: 'suggestion', summary: 'no Version element' },
  'old-version': { severity: 'suggestion', summary: 'Version 2008-10-17' },
  'invalid-action': { severity: 'error', summary: 'action not written service:Action or *' },
  'wildcard-in-service-prefix': { severity: 'error', summary: 'wildcard in the service prefix of an action' },
  'variable-in-action': { severity: 'error', summary: 'policy variable in Action or NotAction' },
  'unknown-service': { severity: 'error', summary: 'service prefix not in the service data (catalog only)' },
  'unknown-action': {
    severity: 'error',
    summary: 'action, or action pattern, matching no known action (catalog; iamd actions always)',
  },
  'rcp-unsupported-service': {
    severity: 'error',
    summary: 'RCP action of a service RCPs do not support (catalog only)',
  },
  'malformed-arn': { severity: 'error', summary: 'Resource value that is neither * nor an ARN' },
  'variable-before-resource-part': { severity: 'error', summary: 'policy variable before the fifth colon of an ARN' },
  'wildcard-in-arn-service': { severity: 'error', summary: 'wildcard in the service segment of a resource ARN' },
  'unclosed-variable': {
    severity: 'warning',
    summary: 'a policy variable opened with a dollar-brace but never closed',
  },
  'unknown-partition': { severity: 'warning', summary: 'ARN partition that is not an AWS partition' },
  'bad-account-id': { severity: 'warning', summary: 'ARN account segment that is not 12 digits' },
  'invalid-principal': {
    severity: 'error',
    summary: 'unknown principal type (AWS, Service, Federated, CanonicalUser)',
  },
  'malformed-principal': { severity: 'error', summary: 'principal value of the wrong shape for its type' },
  'wildcard-in-principal': { severity: 'error', summary: 'partial wildcard in a principal' },
  'variable-in-principal': { severity: 'error', summary: 'policy variable in a principal' },
  'principal-unique-id': { severity: 'warning', summary: 'principal shown as a unique ID (its principal was deleted)' },
  'unknown-operator': { severity: 'error', summary: 'unknown or wrong-case condition operator (with a suggestion)' },
  'ifexists-on-null': { severity: 'error', summary: 'NullIfExists' },
  'set-operator-on-null': { severity: 'error', summary: 'ForAllValues:/ForAnyValue: on Null' },
  'variable-not-allowed': {
    severity: 'error',
    summary: 'policy variable under a Numeric, Date, IP, Binary or Null operator',
  },
  'variable-in-bool': { severity: 'warning', summary: 'policy variable under Bool (the AWS pages disagree)' },
  'bad-numeric-value': { severity: 'error', summary: 'Numeric operator value that is not a number' },
  'bad-date-value': { severity: 'error', summary: 'Date operator value that is not ISO 8601 or epoch seconds' },
  'bad-bool-value': { severity: 'error', summary: 'Bool value other than true/false (lower case)' },
  'bad-null-value': { severity: 'error', summary: 'Null value other than true/false' },
  'bad-binary-value': { severity: 'error', summary: 'BinaryEquals value that is not base-64' },
  'bad-ip-value': { severity: 'error', summary: 'IpAddress value that is not an IPv4/IPv6 address or CIDR' },
  'cidr-host-bits': { severity: 'warning', summary: 'CIDR with host bits set' },
  'bad-arn-value': { severity: 'warning', summary: 'Arn operator value that is not an ARN' },
  'wildcard-in-string-equals': { severity: 'warning', summary: '* or ? under StringEquals, where they are literal' },
  'malformed-condition-key': { severity: 'error', summary: 'condition key not written service:Key' },
  'unknown-condition-key': { severity: 'warning', summary: 'condition key not in the service data (catalog only)' },
  'operator-type-mismatch': { severity: 'warning', summary: 'operator family does not fit the key type' },
  'set-operator-on-single-valued-key': {
    severity: 'warning',
    summary: 'ForAllValues:/ForAnyValue: on a single-valued key',
  },
  'missing-set-operator': { severity: 'warning', summary: 'multivalued key (aws:TagKeys...) without a set operator' },
  'forallvalues-allows-absent-key': {
    severity: 'warning',
    summary: 'Allow with ForAllValues and no Null check: true when the key is absent',
  },
  'action-needs-wildcard-resource': {
    severity: 'warning',
    summary: 'action without resource-level permissions, with specific resources only (catalog only)',
  },
  'action-resource-mismatch': {
    severity: 'warning',
    summary:
      "action whose resource types none of the statement's ARNs match, e.g. an object action on a bucket (catalog only)",
  },
  'full-access': { severity: 'security-warning', summary: 'Allow "*" on "*"' },
  'allow-with-not-action': { severity: 'security-warning', summary: 'Allow with NotAction' },
  'allow-with-not-resource': { severity: 'security-warning', summary: 'Allow with NotResource' },
  'public-access': {
    severity: 'security-warning',
    summary: 'resource or trust policy allowing "*" without a condition',
  },
  'pass-role-any-resource': { severity: 'security-warning', summary: 'iam:PassRole allowed on every role' },
  'github-oidc-without-sub': {
    severity: 'security-warning',
    summary: 'GitHub OIDC trust without a token.actions.githubusercontent.com:sub condition',
  },
  'github-oidc-broad-sub': {
    severity: 'security-warning',
    summary: 'GitHub OIDC sub condition matching every repository',
  },
  'duplicate-sid': { severity: 'error', summary: 'Sid used by two statements' },
  'duplicate-statement': { severity: 'suggestion', summary: 'statement identical to an earlier one' },
  'duplicate-value': { severity: 'suggestion', summary: 'value listed twice' },
  'redundant-value': { severity: 'suggestion', summary: 'value already covered by a wildcard in the same list' },
};
