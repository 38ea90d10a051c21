import type { ProblemCollector } from './findings.ts';
import type { JsonNode } from './json-tree.ts';

/** Reads a string-or-array-of-strings element. */
export function stringList(
  node: JsonNode,
  pointer: string,
  what: string,
  collector: ProblemCollector,
): string[] | undefined {
  if (node.type === 'string') return [node.value];
  if (node.type === 'array') {
    const out: string[] = [];
    let ok = true;
    node.items.forEach((item, i) => {
      if (item.type === 'string') out.push(item.value);
      else {
        ok = false;
        collector.error(
          'invalid-value',
          `${what} must contain only strings`,
          `${pointer}/${i}`,
          item.offset,
          'Syntax errors in policy.',
        );
      }
    });
    return ok ? out : undefined;
  }
  collector.error(
    'invalid-value',
    `${what} must be a string or an array of strings`,
    pointer,
    node.offset,
    'Syntax errors in policy.',
  );
  return undefined;
}
