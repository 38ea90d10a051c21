import type { Finding, PolicyDocument, Statement } from '../document/types.ts';
import { finding, hasWildcard, statementLabel, wildcardRegExp } from './finding.ts';

/** Duplicate Sids (an error: IAM requires them unique), duplicate statements and values, actions made redundant. */
export function checkRedundancy(policy: PolicyDocument): Finding[] {
  const findings: Finding[] = [];
  const sids = new Map<string, Statement>();
  const shapes = new Map<string, Statement>();
  for (const s of policy.statements) {
    const where = statementLabel(s);
    if (s.sid !== undefined && s.sid !== '') {
      const first = sids.get(s.sid);
      if (first) {
        findings.push(
          finding(
            'error',
            'duplicate-sid',
            `${where}: Sid \`${s.sid}\` is already used by ${statementLabel(first)}; Sids must be unique`,
            `${s.pointer}/Sid`,
          ),
        );
      } else sids.set(s.sid, s);
    }
    const shape = statementShape(s);
    const same = shapes.get(shape);
    if (same) {
      findings.push(
        finding('suggestion', 'duplicate-statement', `${where} repeats ${statementLabel(same)}; remove one`, s.pointer),
      );
    } else shapes.set(shape, s);

    for (const [element, values, ignoreCase] of [
      ['Action', s.action, true],
      ['NotAction', s.notAction, true],
      ['Resource', s.resource, false],
      ['NotResource', s.notResource, false],
    ] as const) {
      if (!values) continue;
      findings.push(...duplicateValues(s, where, element, values, ignoreCase));
    }
  }
  return findings;
}

function duplicateValues(
  s: Statement,
  where: string,
  element: string,
  values: readonly string[],
  ignoreCase: boolean,
): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const patterns = values.filter(hasWildcard).map((v) => ({ v, re: wildcardRegExp(v, ignoreCase) }));
  values.forEach((value, i) => {
    const pointer = `${s.pointer}/${element}/${i}`;
    const key = ignoreCase ? value.toLowerCase() : value;
    if (seen.has(key)) {
      findings.push(
        finding('suggestion', 'duplicate-value', `${where}: \`${value}\` is listed twice in \`${element}\``, pointer),
      );
      return;
    }
    seen.add(key);
    const cover = patterns.find((p) => p.v !== value && p.re.test(value));
    if (cover) {
      findings.push(
        finding(
          'suggestion',
          'redundant-value',
          `${where}: \`${value}\` is already covered by \`${cover.v}\` in \`${element}\``,
          pointer,
        ),
      );
    }
  });
  return findings;
}

/** A statement's meaning without its Sid and position, as a comparable string. */
function statementShape(s: Statement): string {
  const sorted = (values: readonly string[] | undefined) => (values ? [...values].sort() : null);
  const principal = (p: Statement['principal']) =>
    p === undefined
      ? null
      : p.kind === 'wildcard'
        ? '*'
        : Object.keys(p.entries)
            .sort()
            .map((k) => [k, sorted(p.entries[k])]);
  return JSON.stringify([
    s.effect,
    sorted(s.action?.map((a) => a.toLowerCase())),
    sorted(s.notAction?.map((a) => a.toLowerCase())),
    sorted(s.resource),
    sorted(s.notResource),
    principal(s.principal),
    principal(s.notPrincipal),
    s.conditions.map((c) => [c.operator, c.key.toLowerCase(), sorted(c.values)]).sort(),
  ]);
}
