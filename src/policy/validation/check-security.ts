import type { Finding, PolicyDocument, PolicyKind, Statement } from '../document/types.ts';
import { finding, statementLabel, wildcardRegExp } from './finding.ts';

const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

/** Security warnings: grants far wider than they look. Each check names the dangerous shape it looks for. */
export function checkSecurity(policy: PolicyDocument, kind: PolicyKind): Finding[] {
  const findings: Finding[] = [];
  for (const s of policy.statements) {
    if (s.effect !== 'Allow') continue;
    const where = statementLabel(s);
    const add = (code: string, message: string, pointer: string) =>
      findings.push(finding('security-warning', code, `${where}: ${message}`, pointer));
    const guardrail = kind === 'scp' || kind === 'rcp' || kind === 'boundary';
    const anyResource = s.resource?.includes('*') ?? false;

    if (!guardrail && s.action?.includes('*') && anyResource) {
      add(
        'full-access',
        'allows every action on every resource (`"Action": "*"` with `"Resource": "*"`)',
        `${s.pointer}/Action`,
      );
    }
    if (!guardrail && s.notAction) {
      add(
        'allow-with-not-action',
        '`Allow` with `NotAction` grants every action not listed, including future ones',
        `${s.pointer}/NotAction`,
      );
    }
    if (!guardrail && s.notResource) {
      add(
        'allow-with-not-resource',
        '`Allow` with `NotResource` grants every resource not listed',
        `${s.pointer}/NotResource`,
      );
    }
    if ((kind === 'resource' || kind === 'trust') && isEveryone(s) && s.conditions.length === 0) {
      add(
        'public-access',
        '`"Principal": "*"` without a condition allows everyone, including anonymous callers and other accounts',
        `${s.pointer}/Principal`,
      );
    }
    if (
      !guardrail &&
      anyResource &&
      (s.action ?? []).some((a) => a !== '*' && wildcardRegExp(a, true).test('iam:PassRole'))
    ) {
      add(
        'pass-role-any-resource',
        'allows `iam:PassRole` on every role (`"Resource": "*"`); name the roles',
        `${s.pointer}/Action`,
      );
    }
    if (kind === 'trust') findings.push(...checkGithubOidc(s, where));
  }
  return findings;
}

function isEveryone(s: Statement): boolean {
  const p = s.principal;
  if (!p) return false;
  return p.kind === 'wildcard' || (p.entries['AWS']?.includes('*') ?? false);
}

/** A GitHub OIDC trust without a `sub` condition lets any repository on GitHub assume the role. */
function checkGithubOidc(s: Statement, where: string): Finding[] {
  const federated = s.principal?.kind === 'map' ? (s.principal.entries['Federated'] ?? []) : [];
  if (!federated.some((f) => f.toLowerCase().endsWith(`oidc-provider/${GITHUB_OIDC_HOST}`))) return [];
  const subKey = `${GITHUB_OIDC_HOST}:sub`;
  const subs = s.conditions.filter((c) => c.key.toLowerCase() === subKey);
  if (subs.length === 0) {
    return [
      finding(
        'security-warning',
        'github-oidc-without-sub',
        `${where}: trusts GitHub Actions OIDC without a \`${subKey}\` condition, so any GitHub repository can assume this role`,
        `${s.pointer}/Principal`,
      ),
    ];
  }
  const broad = subs.flatMap((c) => c.values.filter((v) => v === '*' || /^repo:\*/.test(v)).map((v) => ({ c, v })));
  return broad.map(({ c, v }) =>
    finding(
      'security-warning',
      'github-oidc-broad-sub',
      `${where}: \`${subKey}\` value \`${v}\` matches every repository; name the owner and repository (\`repo:OWNER/REPO:*\`)`,
      c.pointer,
    ),
  );
}
