import type { Finding, PolicyDocument } from '../document/types.ts';
import type { ActionCatalog } from './action-catalog.ts';
import { finding, hasWildcard, statementLabel } from './finding.ts';

/**
 * Action/Resource compatibility (catalog only): an action without resource-level permissions is only matched by
 * `"Resource": "*"` (RESOURCE), and an action whose resource types none of the statement's ARNs can be (an
 * object action on a bucket ARN) never matches. Both are warnings: the policy is valid but the grant is dead.
 */
export function checkResourceTypes(policy: PolicyDocument, catalog: ActionCatalog | undefined): Finding[] {
  if (!catalog?.resourceArnFormats) return [];
  const findings: Finding[] = [];
  for (const s of policy.statements) {
    if (!s.action || !s.resource || s.resource.includes('*')) continue;
    // Wildcards may stand for any segment, and variables for any text: check only literal ARNs.
    const literal = s.resource.filter((r) => r.startsWith('arn:') && !hasWildcard(r)).map(withoutVariables);
    if (literal.length !== s.resource.length) continue;
    const where = statementLabel(s);
    s.action.forEach((action, i) => {
      if (hasWildcard(action) || !action.includes(':')) return;
      const formats = catalog.resourceArnFormats?.(action);
      if (formats === undefined) return;
      const pointer = `${s.pointer}/Action/${i}`;
      if (formats.length === 0) {
        findings.push(
          finding(
            'warning',
            'action-needs-wildcard-resource',
            `${where}: \`${action}\` has no resource-level permissions, so it is only granted by \`"Resource": "*"\``,
            pointer,
          ),
        );
        return;
      }
      const patterns = formats.map(formatRegExp);
      if (!literal.some((arn) => patterns.some((p) => p.test(arn)))) {
        findings.push(
          finding(
            'warning',
            'action-resource-mismatch',
            `${where}: \`${action}\` acts on ${shown(formats)}, which none of the statement's resources match`,
            pointer,
          ),
        );
      }
    });
  }
  return findings;
}

function shown(formats: readonly string[]): string {
  const listed = formats.slice(0, 2).map((f) => `\`${f}\``);
  return formats.length > 2
    ? `${listed.join(', ')} or ${formats.length - 2} other resource types`
    : listed.join(' or ');
}

function withoutVariables(arn: string): string {
  return arn.replace(/\$\{[^}]*\}/g, 'x');
}

/** `arn:${Partition}:s3:::${BucketName}/${ObjectName}`: each placeholder stands for any text, possibly empty. */
function formatRegExp(format: string): RegExp {
  const parts = format.split(/\$\{[^}]*\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`, 's');
}
