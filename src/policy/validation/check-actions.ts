import type { Finding, PolicyDocument, PolicyKind } from '../document/types.ts';
import { type ActionCatalog, IAMD_ACTIONS, IAMD_SERVICE_PREFIX } from './action-catalog.ts';
import { finding, hasWildcard, statementLabel, wildcardRegExp } from './finding.ts';

const ACTION_SHAPE = /^([^:]+):([^:]+)$/;
const PREFIX_SHAPE = /^[a-z0-9][a-z0-9-]*$/i;

/**
 * Checks Action and NotAction values: `service:Action` shape, no wildcard in the service prefix, no variables,
 * iamd's own actions, and (with a catalog) known services and actions, and RCP service support.
 */
export function checkActions(policy: PolicyDocument, kind: PolicyKind, catalog: ActionCatalog | undefined): Finding[] {
  const findings: Finding[] = [];
  for (const s of policy.statements) {
    const where = statementLabel(s);
    for (const [element, values] of [
      ['Action', s.action],
      ['NotAction', s.notAction],
    ] as const) {
      (values ?? []).forEach((action, i) => {
        const pointer = `${s.pointer}/${element}/${i}`;
        const add = (severity: Finding['severity'], code: string, message: string) =>
          findings.push(finding(severity, code, `${where}: ${message}`, pointer));
        if (action === '*') return;
        if (action.includes('${')) {
          add('error', 'variable-in-action', `policy variables are not allowed in \`${element}\`: \`${action}\``);
          return;
        }
        const m = ACTION_SHAPE.exec(action);
        if (!m) {
          add('error', 'invalid-action', `\`${action}\` is not an action; write \`service:ActionName\` or \`*\``);
          return;
        }
        const prefix = m[1]!;
        const name = m[2]!;
        if (hasWildcard(prefix)) {
          add(
            'error',
            'wildcard-in-service-prefix',
            `wildcards are not allowed in the service prefix of \`${action}\``,
          );
          return;
        }
        if (!PREFIX_SHAPE.test(prefix)) {
          add('error', 'invalid-action', `\`${prefix}\` in \`${action}\` is not a service prefix`);
          return;
        }
        if (prefix.toLowerCase() === IAMD_SERVICE_PREFIX) {
          const pattern = wildcardRegExp(name, true);
          if (!IAMD_ACTIONS.some((a) => pattern.test(a.name))) {
            add('error', 'unknown-action', `\`${action}\` is not an iamd action; iamd has ${iamdList()}`);
          }
          return;
        }
        if (kind === 'rcp' && catalog && !catalog.supportsRcp(prefix)) {
          add('error', 'rcp-unsupported-service', `RCPs do not support the service \`${prefix}\` of \`${action}\``);
        }
        if (!catalog) return;
        if (!catalog.hasService(prefix)) {
          add('error', 'unknown-service', `unknown service prefix \`${prefix}\` in \`${action}\``);
          return;
        }
        if (hasWildcard(name)) {
          if (catalog.matchActions(action).length === 0) {
            add('error', 'unknown-action', `\`${action}\` matches no action of \`${prefix}\``);
          }
        } else if (!catalog.hasAction(action)) {
          add('error', 'unknown-action', `unknown action \`${action}\``);
        }
      });
    }
  }
  return findings;
}

function iamdList(): string {
  return IAMD_ACTIONS.map((a) => `\`${IAMD_SERVICE_PREFIX}:${a.name}\``).join(', ');
}
