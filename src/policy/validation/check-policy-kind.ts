import type { Finding, PolicyDocument, PolicyKind, Statement } from '../document/types.ts';
import { finding, statementLabel, wildcardRegExp } from './finding.ts';

type Presence = 'required' | 'allowed' | 'forbidden';

/** Which elements a kind of policy accepts. */
export interface KindRules {
  readonly label: string;
  /** `star` = required and must be exactly `"*"` (RCPs). */
  readonly principal: Presence | 'star';
  readonly notPrincipal: 'allowed' | 'forbidden';
  /** Resource or NotResource. */
  readonly resource: Presence;
  readonly notResource: 'allowed' | 'forbidden';
  readonly notAction: 'allowed' | 'forbidden';
  /** RCPs accept `Allow` only in the AWS-managed RCPFullAWSAccess policy. */
  readonly allowEffect: boolean;
  /** Organizations policies must say `"Version": "2012-10-17"`. */
  readonly versionRequired: boolean;
  /** Trust policies may only grant the actions that establish a session. */
  readonly trustActionsOnly: boolean;
}

/**
 * The element rules per policy kind. Sources: PRINCIPAL (Principal in resource policies only), the IAM trust
 * policy rules (no Resource), Organizations "SCP syntax" (no Principal/NotPrincipal; every other element with
 * Allow and Deny) and "RCP syntax" (Principal `"*"`, no NotPrincipal or NotAction, Allow only in RCPFullAWSAccess).
 */
export const KIND_RULES: Readonly<Record<PolicyKind, KindRules>> = {
  // Attached to a user, group or role: the principal is implied.
  identity: rule('an identity policy', 'forbidden', 'forbidden', 'required'),
  // Caps identity permissions; written like an identity policy.
  boundary: rule('a permissions boundary', 'forbidden', 'forbidden', 'required'),
  // Passed to AssumeRole/GetFederationToken; written like an identity policy.
  session: rule('a session policy', 'forbidden', 'forbidden', 'required'),
  // Bucket, queue, key... policies: must name who they apply to.
  resource: rule('a resource policy', 'required', 'allowed', 'required'),
  // Role trust policies: the role is the resource, so no Resource element.
  trust: {
    ...rule('a trust policy', 'required', 'forbidden', 'forbidden'),
    notResource: 'forbidden',
    trustActionsOnly: true,
  },
  // SCPs limit the principals of member accounts.
  scp: { ...rule('an SCP', 'forbidden', 'forbidden', 'required'), versionRequired: true },
  // RCPs limit access to resources of member accounts, from any principal.
  rcp: {
    ...rule('an RCP', 'star', 'forbidden', 'required'),
    notAction: 'forbidden',
    allowEffect: false,
    versionRequired: true,
  },
};

function rule(
  label: string,
  principal: KindRules['principal'],
  notPrincipal: KindRules['notPrincipal'],
  resource: Presence,
): KindRules {
  return {
    label,
    principal,
    notPrincipal,
    resource,
    notResource: 'allowed',
    notAction: 'allowed',
    allowEffect: true,
    versionRequired: false,
    trustActionsOnly: false,
  };
}

/** The actions a trust policy may grant (ASSUMEROLE and the session-tagging pages). */
export const TRUST_ACTIONS: readonly string[] = [
  'sts:AssumeRole',
  'sts:AssumeRoleWithSAML',
  'sts:AssumeRoleWithWebIdentity',
  'sts:TagSession',
  'sts:SetSourceIdentity',
  'sts:SetContext',
];

/** Checks the elements each statement may or must have for the policy kind, and the Version element. */
export function checkPolicyKind(policy: PolicyDocument, kind: PolicyKind): Finding[] {
  const rules = KIND_RULES[kind];
  const findings: Finding[] = [];
  const add = (code: string, message: string, pointer: string) =>
    findings.push(finding('error', code, message, pointer));

  if (rules.versionRequired && policy.version !== '2012-10-17') {
    add(
      'version-required',
      policy.version === undefined
        ? `${rules.label} must have \`"Version": "2012-10-17"\``
        : `${rules.label} must have \`"Version": "2012-10-17"\`, not \`${policy.version}\``,
      policy.version === undefined ? '' : '/Version',
    );
  }

  for (const s of policy.statements) {
    const where = statementLabel(s);
    if (s.principal && rules.principal === 'forbidden') {
      add(
        'principal-not-allowed',
        `${where}: \`Principal\` is not allowed in ${rules.label}`,
        `${s.pointer}/Principal`,
      );
    }
    if (s.notPrincipal && rules.notPrincipal === 'forbidden') {
      add(
        'not-principal-not-allowed',
        `${where}: \`NotPrincipal\` is not allowed in ${rules.label}`,
        `${s.pointer}/NotPrincipal`,
      );
    }
    if (s.notPrincipal && rules.notPrincipal === 'allowed') checkNotPrincipal(s, where, findings);
    if (rules.principal === 'required' && !s.principal && !s.notPrincipal) {
      add('missing-principal', `${where}: ${rules.label} statement must have \`Principal\``, s.pointer);
    }
    if (rules.principal === 'star' && !isStar(s)) {
      add(
        'rcp-principal-not-star',
        `${where}: the \`Principal\` of an RCP statement must be \`"*"\`; narrow it with an \`aws:PrincipalArn\` condition`,
        s.principal ? `${s.pointer}/Principal` : s.pointer,
      );
    }
    checkResourcePresence(s, rules, where, add);
    if (s.notAction && rules.notAction === 'forbidden') {
      add(
        'not-action-not-allowed',
        `${where}: \`NotAction\` is not allowed in ${rules.label}`,
        `${s.pointer}/NotAction`,
      );
    }
    if (s.effect === 'Allow' && !rules.allowEffect) {
      add(
        'rcp-allow',
        `${where}: RCPs only deny; \`Allow\` exists only in the AWS-managed RCPFullAWSAccess, which is always attached`,
        `${s.pointer}/Effect`,
      );
    }
    if (rules.trustActionsOnly) checkTrustActions(s, where, add);
  }
  return findings;
}

/** NOTPRINCIPAL: only with Deny, and even then discouraged. */
function checkNotPrincipal(s: Statement, where: string, findings: Finding[]): void {
  const pointer = `${s.pointer}/NotPrincipal`;
  if (s.effect === 'Allow') {
    findings.push(
      finding(
        'error',
        'allow-with-not-principal',
        `${where}: \`NotPrincipal\` must be used with \`Deny\`; with \`Allow\` it is not supported and would grant every principal not listed, anonymous ones included`,
        pointer,
      ),
    );
    return;
  }
  findings.push(
    finding(
      'warning',
      'deny-with-not-principal',
      `${where}: a \`Deny\` with \`NotPrincipal\` always denies principals that have a permissions boundary and must also list the account of every exempted principal; prefer \`"*"\` with an \`ArnNotEquals\` condition on \`aws:PrincipalArn\``,
      pointer,
    ),
  );
}

function checkResourcePresence(
  s: Statement,
  rules: KindRules,
  where: string,
  add: (code: string, message: string, pointer: string) => void,
): void {
  if (rules.resource === 'required' && !s.resource && !s.notResource) {
    add('missing-resource', `${where}: \`Resource\` or \`NotResource\` is required in ${rules.label}`, s.pointer);
  }
  if (rules.resource === 'forbidden' && s.resource) {
    add('resource-not-allowed', `${where}: \`Resource\` is not allowed in ${rules.label}`, `${s.pointer}/Resource`);
  }
  if (rules.notResource === 'forbidden' && s.notResource) {
    add(
      'not-resource-not-allowed',
      `${where}: \`NotResource\` is not allowed in ${rules.label}`,
      `${s.pointer}/NotResource`,
    );
  }
}

function checkTrustActions(
  s: Statement,
  where: string,
  add: (code: string, message: string, pointer: string) => void,
): void {
  if (s.notAction) {
    add(
      'trust-action-not-allowed',
      `${where}: a trust policy must list its actions in \`Action\`, not \`NotAction\``,
      `${s.pointer}/NotAction`,
    );
  }
  (s.action ?? []).forEach((action, i) => {
    const pattern = wildcardRegExp(action, true);
    if (action === '*' || TRUST_ACTIONS.some((a) => pattern.test(a))) return;
    add(
      'trust-action-not-allowed',
      `${where}: \`${action}\` cannot be granted by a trust policy; use ${TRUST_ACTIONS.map((a) => `\`${a}\``).join(', ')}`,
      `${s.pointer}/Action/${i}`,
    );
  });
}

function isStar(s: Statement): boolean {
  const p = s.principal;
  if (!p) return false;
  if (p.kind === 'wildcard') return true;
  const keys = Object.keys(p.entries);
  return keys.length === 1 && keys[0] === 'AWS' && p.entries['AWS']!.length === 1 && p.entries['AWS']![0] === '*';
}

/** Version checks: variables are literal text without `2012-10-17` (VERSION, VARS). */
export function checkVersion(policy: PolicyDocument, kind: PolicyKind): Finding[] {
  if (policy.version === '2012-10-17') return [];
  const withVariable = policy.statements.find((s) =>
    [...(s.resource ?? []), ...(s.notResource ?? []), ...s.conditions.flatMap((c) => c.values)].some((v) =>
      v.includes('${'),
    ),
  );
  const pointer = policy.version === undefined ? '' : '/Version';
  if (withVariable) {
    const why = policy.version === undefined ? 'the policy has no `Version`' : `\`Version\` is \`${policy.version}\``;
    return [
      finding(
        'warning',
        'variables-without-version',
        `${why}, so the policy variables in ${statementLabel(withVariable)} are literal text; use \`"Version": "2012-10-17"\``,
        pointer,
      ),
    ];
  }
  if (KIND_RULES[kind].versionRequired) return [];
  return [
    finding(
      'suggestion',
      policy.version === undefined ? 'missing-version' : 'old-version',
      policy.version === undefined
        ? 'the policy has no `Version`; add `"Version": "2012-10-17"` so policy variables work'
        : `\`Version\` \`${policy.version}\` predates policy variables; use \`2012-10-17\``,
      pointer,
    ),
  ];
}
