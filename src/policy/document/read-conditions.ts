import type { ProblemCollector } from './findings.ts';
import type { JsonNode } from './json-tree.ts';
import { pointerToken } from './json-tree.ts';
import type { ConditionClause } from './types.ts';

/** Reads a statement's `Condition` block into clauses (values stringified as written). */
export function readConditions(
  node: Extract<JsonNode, { type: 'object' }>,
  index: number,
  pointer: string,
  collector: ProblemCollector,
): ConditionClause[] {
  const entry = node.entries.find((e) => e.key === 'Condition');
  if (entry === undefined) return [];
  const at = `${pointer}/Condition`;
  const block = entry.value;
  if (block.type !== 'object') {
    collector.error(
      'invalid-condition',
      `statement ${index}: \`Condition\` must be an object`,
      at,
      block.offset,
      'Syntax errors in policy.',
    );
    return [];
  }
  const clauses: ConditionClause[] = [];
  for (const op of block.entries) {
    const opAt = `${at}/${pointerToken(op.key)}`;
    if (op.value.type !== 'object') {
      collector.error(
        'invalid-condition',
        `statement ${index}: operator \`${op.key}\` must map keys to values`,
        opAt,
        op.value.offset,
        'Syntax errors in policy.',
      );
      continue;
    }
    for (const k of op.value.entries) {
      const keyAt = `${opAt}/${pointerToken(k.key)}`;
      const values = conditionValues(k.value, keyAt, index, collector);
      if (values !== undefined) clauses.push({ operator: op.key, key: k.key, values, pointer: keyAt });
    }
  }
  return clauses;
}

function scalar(node: JsonNode): string | undefined {
  if (node.type === 'string') return node.value;
  if (node.type === 'number') return node.raw;
  if (node.type === 'boolean') return node.value ? 'true' : 'false';
  return undefined;
}

function conditionValues(
  node: JsonNode,
  pointer: string,
  index: number,
  collector: ProblemCollector,
): string[] | undefined {
  const items = node.type === 'array' ? node.items : [node];
  const out: string[] = [];
  let ok = true;
  items.forEach((item, i) => {
    const s = scalar(item);
    if (s === undefined) {
      ok = false;
      collector.error(
        'invalid-condition-value',
        `statement ${index}: condition values must be strings, numbers or booleans`,
        node.type === 'array' ? `${pointer}/${i}` : pointer,
        item.offset,
        'Syntax errors in policy.',
      );
    } else out.push(s);
  });
  return ok ? out : undefined;
}
