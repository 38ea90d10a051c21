import type { Finding, PolicyDocument } from '../document/types.ts';
import { finding, hasWildcard, statementLabel } from './finding.ts';

/** The first five colon-separated segments of an ARN and its resource part, read with variables kept whole. */
export interface ArnHead {
  /** partition, service, region, account (segment 0, `arn`, is dropped). */
  readonly segments: readonly string[];
  readonly resource: string;
  /** A `${...}` starts before the fifth colon (VARS forbids it). */
  readonly variableBeforeResource: boolean;
  readonly unclosedVariable: boolean;
}

/** Splits `arn:partition:service:region:account:resource`, or undefined when there are fewer than six parts. */
export function splitArn(value: string): ArnHead | undefined {
  const cuts: number[] = [];
  let variableBeforeResource = false;
  let unclosedVariable = false;
  for (let i = 0; i < value.length && cuts.length < 5; i++) {
    if (value.startsWith('${', i)) {
      variableBeforeResource = true;
      const end = value.indexOf('}', i);
      if (end < 0) {
        unclosedVariable = true;
        break;
      }
      i = end;
    } else if (value[i] === ':') {
      cuts.push(i);
    }
  }
  if (cuts.length < 5) return undefined;
  const segments = [1, 2, 3, 4].map((k) => value.slice(cuts[k - 1]! + 1, cuts[k]));
  const resource = value.slice(cuts[4]! + 1);
  if (resource.includes('${') && !/\$\{[^}]*\}/.test(resource)) unclosedVariable = true;
  return { segments, resource, variableBeforeResource, unclosedVariable };
}

const PARTITIONS = new Set([
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
]);

/** Checks Resource and NotResource values: ARN shape, variables only in the resource part, no service wildcard. */
export function checkResources(policy: PolicyDocument): Finding[] {
  const findings: Finding[] = [];
  for (const s of policy.statements) {
    const where = statementLabel(s);
    for (const [element, values] of [
      ['Resource', s.resource],
      ['NotResource', s.notResource],
    ] as const) {
      (values ?? []).forEach((value, i) => {
        const pointer = `${s.pointer}/${element}/${i}`;
        const add = (severity: Finding['severity'], code: string, message: string) =>
          findings.push(finding(severity, code, `${where}: ${message}`, pointer));
        if (value === '*') return;
        const head = value.startsWith('arn:') ? splitArn(value) : undefined;
        if (!head || head.segments[1] === '' || head.resource === '') {
          add(
            'error',
            'malformed-arn',
            `\`${element}\` \`${value}\` must be \`*\` or an ARN (\`arn:partition:service:region:account:resource\`)`,
          );
          return;
        }
        if (head.variableBeforeResource) {
          add(
            'error',
            'variable-before-resource-part',
            `policy variables are allowed only in the resource part of an ARN (after the fifth colon): \`${value}\``,
          );
        }
        if (head.unclosedVariable)
          add('warning', 'unclosed-variable', `\`${value}\` has a \`\${\` without a closing \`}\``);
        const [partition, service, , account] = head.segments as [string, string, string, string];
        if (hasWildcard(service)) {
          add('error', 'wildcard-in-arn-service', `wildcards are not allowed in the service segment of \`${value}\``);
        }
        if (!hasWildcard(partition) && !partition.includes('${') && !PARTITIONS.has(partition)) {
          add('warning', 'unknown-partition', `unknown partition \`${partition}\` in \`${value}\``);
        }
        if (
          account !== '' &&
          account !== 'aws' &&
          !/^\d{12}$/.test(account) &&
          !hasWildcard(account) &&
          !account.includes('${')
        ) {
          add(
            'warning',
            'bad-account-id',
            `the account segment \`${account}\` of \`${value}\` is not a 12-digit account ID`,
          );
        }
      });
    }
  }
  return findings;
}

const AWS_PRINCIPAL_ARN =
  /^arn:[a-z-]+:(?:iam::(?:\d{12}|aws):(?:root|user\/.+|role\/.+|federated-user\/.+)|sts::\d{12}:(?:assumed-role\/[^/]+\/.+|federated-user\/.+))$/;
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.(?:amazonaws\.com(?:\.cn)?|amazon\.com)$/;
const FEDERATED_PRINCIPAL = /^arn:[a-z-]+:iam::\d{12}:(?:oidc-provider|saml-provider)\/.+$/;
const WEB_IDENTITY_PROVIDERS = new Set([
  'cognito-identity.amazonaws.com',
  'accounts.google.com',
  'graph.facebook.com',
  'www.amazon.com',
]);
const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

/** Checks Principal and NotPrincipal values: shapes per principal type, no partial wildcards, no variables. */
export function checkPrincipals(policy: PolicyDocument): Finding[] {
  const findings: Finding[] = [];
  for (const s of policy.statements) {
    const where = statementLabel(s);
    for (const [element, principal] of [
      ['Principal', s.principal],
      ['NotPrincipal', s.notPrincipal],
    ] as const) {
      if (!principal || principal.kind === 'wildcard') continue;
      for (const [type, values] of Object.entries(principal.entries)) {
        const typePointer = `${s.pointer}/${element}/${type}`;
        if (!PRINCIPAL_TYPES.includes(type)) {
          findings.push(
            finding(
              'error',
              'invalid-principal',
              `${where}: unknown principal type \`${type}\`; use ${PRINCIPAL_TYPES.map((t) => `\`${t}\``).join(', ')}`,
              typePointer,
            ),
          );
          continue;
        }
        values.forEach((value, i) => {
          const problem = principalProblem(type, value);
          if (problem) {
            findings.push(
              finding(problem.severity, problem.code, `${where}: ${problem.message}`, `${typePointer}/${i}`),
            );
          }
        });
      }
    }
  }
  return findings;
}

function principalProblem(
  type: string,
  value: string,
): { severity: Finding['severity']; code: string; message: string } | undefined {
  if (value === '*') return undefined;
  if (value.includes('${')) {
    return {
      severity: 'error',
      code: 'variable-in-principal',
      message: `policy variables are not allowed in a principal: \`${value}\``,
    };
  }
  if (hasWildcard(value)) {
    return {
      severity: 'error',
      code: 'wildcard-in-principal',
      message: `partial wildcards are not supported in a principal: \`${value}\`; use \`"*"\` with an \`aws:PrincipalArn\` condition`,
    };
  }
  const malformed = (what: string) => ({
    severity: 'error' as const,
    code: 'malformed-principal',
    message: `\`${value}\` is not ${what}`,
  });
  switch (type) {
    case 'AWS':
      if (/^\d{12}$/.test(value) || AWS_PRINCIPAL_ARN.test(value)) return undefined;
      if (/^A(?:IDA|ROA|IPA)[A-Z0-9]{12,}$/.test(value)) {
        return {
          severity: 'warning',
          code: 'principal-unique-id',
          message: `\`${value}\` is a unique ID: AWS shows one when the principal it named was deleted`,
        };
      }
      return malformed('an account ID or the ARN of an account root, user, role or session');
    case 'Service':
      return SERVICE_PRINCIPAL.test(value) ? undefined : malformed('a service principal such as `ec2.amazonaws.com`');
    case 'Federated':
      return FEDERATED_PRINCIPAL.test(value) || WEB_IDENTITY_PROVIDERS.has(value)
        ? undefined
        : malformed('an OIDC or SAML provider ARN or a web identity provider name');
    default:
      return /^[0-9a-f]{64}$/.test(value) ? undefined : malformed('a canonical user ID (64 hexadecimal characters)');
  }
}
