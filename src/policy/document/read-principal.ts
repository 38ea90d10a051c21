import type { ProblemCollector } from './findings.ts';
import type { JsonNode } from './json-tree.ts';
import { pointerToken } from './json-tree.ts';
import { stringList } from './read-values.ts';
import type { PrincipalElement } from './types.ts';

const PRINCIPAL_TYPES = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);

/** Reads a `Principal` or `NotPrincipal` element of a statement, if present. */
export function readPrincipal(
  node: Extract<JsonNode, { type: 'object' }>,
  name: string,
  index: number,
  pointer: string,
  collector: ProblemCollector,
): PrincipalElement | undefined {
  const entry = node.entries.find((e) => e.key === name);
  if (entry === undefined) return undefined;
  const at = `${pointer}/${name}`;
  const v = entry.value;
  if (v.type === 'string' && v.value === '*') return { kind: 'wildcard' };
  if (v.type !== 'object') {
    collector.error(
      'invalid-principal',
      `statement ${index}: \`${name}\` must be "*" or an object`,
      at,
      v.offset,
      `Invalid principal in policy`,
    );
    return undefined;
  }
  const entries: Record<string, readonly string[]> = {};
  for (const member of v.entries) {
    const memberAt = `${at}/${pointerToken(member.key)}`;
    if (!PRINCIPAL_TYPES.has(member.key)) {
      collector.error(
        'invalid-principal',
        `statement ${index}: unknown principal type \`${member.key}\``,
        memberAt,
        member.keyOffset,
        'Invalid principal in policy',
      );
      continue;
    }
    const values = stringList(member.value, memberAt, `statement ${index}: \`${name}.${member.key}\``, collector);
    if (values !== undefined) entries[member.key] = values;
  }
  return { kind: 'map', entries };
}
