import type { JsonNode } from './json-tree.ts';
import { pointerToken } from './json-tree.ts';
import type { ProblemCollector } from './findings.ts';
import { readConditions } from './read-conditions.ts';
import { readPrincipal } from './read-principal.ts';
import { stringList } from './read-values.ts';
import type { Effect, PolicyKind, Statement } from './types.ts';

const ELEMENTS = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);
/** Kinds whose statements must not name a principal, and kinds whose statements must. */
const NO_PRINCIPAL: ReadonlySet<PolicyKind> = new Set(['identity', 'boundary', 'session', 'scp']);
const NEEDS_PRINCIPAL: ReadonlySet<PolicyKind> = new Set(['resource', 'trust', 'rcp']);
const NEEDS_RESOURCE: ReadonlySet<PolicyKind> = new Set(['identity', 'boundary', 'session', 'scp', 'rcp', 'resource']);

type Obj = Extract<JsonNode, { type: 'object' }>;

/** Reads one statement object; records problems and returns undefined when it cannot be used. */
export function readStatement(
  node: JsonNode,
  index: number,
  pointer: string,
  collector: ProblemCollector,
  kind: PolicyKind | undefined,
): Statement | undefined {
  if (node.type !== 'object') {
    collector.error(
      'invalid-statement',
      'a statement must be a JSON object',
      pointer,
      node.offset,
      'Syntax errors in policy.',
    );
    return undefined;
  }
  const before = collector.problems.length;
  const get = (name: string) => node.entries.find((e) => e.key === name);
  for (const { key, keyOffset } of node.entries) {
    if (!ELEMENTS.has(key)) {
      collector.error(
        'unknown-element',
        `statement ${index}: unknown element \`${key}\``,
        `${pointer}/${pointerToken(key)}`,
        keyOffset,
        `Unknown field ${key}`,
      );
    }
  }
  const sidNode = get('Sid')?.value;
  let sid: string | undefined;
  if (sidNode !== undefined) {
    if (sidNode.type === 'string') sid = sidNode.value;
    else
      collector.error(
        'invalid-sid',
        `statement ${index}: \`Sid\` must be a string`,
        `${pointer}/Sid`,
        sidNode.offset,
        'Syntax errors in policy.',
      );
  }
  const effect = readEffect(node, index, pointer, collector);
  const action = pair(node, 'Action', 'NotAction', index, pointer, collector, true);
  if (action === 'missing') {
    collector.error(
      'missing-action',
      `statement ${index}: needs \`Action\` or \`NotAction\``,
      pointer,
      node.offset,
      'Policy statement must contain actions.',
    );
  }
  const resource = pair(node, 'Resource', 'NotResource', index, pointer, collector, false);
  if (resource === 'missing' && kind !== undefined && NEEDS_RESOURCE.has(kind)) {
    collector.error(
      'missing-resource',
      `statement ${index}: needs \`Resource\` or \`NotResource\``,
      pointer,
      node.offset,
      'Policy statement must contain resources.',
    );
  }
  const principal = readPrincipal(node, 'Principal', index, pointer, collector);
  const notPrincipal = readPrincipal(node, 'NotPrincipal', index, pointer, collector);
  const principalEntry = get('Principal') ?? get('NotPrincipal');
  if (get('Principal') !== undefined && get('NotPrincipal') !== undefined) {
    collector.error(
      'principal-and-not-principal',
      `statement ${index}: has both \`Principal\` and \`NotPrincipal\``,
      pointer,
      node.offset,
      'Syntax errors in policy.',
    );
  }
  if (kind !== undefined && NO_PRINCIPAL.has(kind) && principalEntry !== undefined) {
    const field = principalEntry.key;
    collector.error(
      'principal-not-allowed',
      `statement ${index}: a ${kind} policy must not have \`${field}\``,
      `${pointer}/${field}`,
      principalEntry.keyOffset,
      kind === 'scp' ? `Has prohibited field ${field}` : 'Policy document should not specify a principal.',
    );
  }
  if (kind !== undefined && NEEDS_PRINCIPAL.has(kind) && principalEntry === undefined) {
    collector.error(
      'missing-principal',
      `statement ${index}: a ${kind} policy needs \`Principal\` or \`NotPrincipal\``,
      pointer,
      node.offset,
      'Missing required field Principal',
    );
  }
  const conditions = readConditions(node, index, pointer, collector);
  if (collector.problems.length > before || effect === undefined) return undefined;
  return {
    index,
    ...(sid !== undefined ? { sid } : {}),
    effect,
    ...(action !== 'missing' && action !== 'invalid'
      ? { [action.key === 'Action' ? 'action' : 'notAction']: action.values }
      : {}),
    ...(resource !== 'missing' && resource !== 'invalid'
      ? { [resource.key === 'Resource' ? 'resource' : 'notResource']: resource.values }
      : {}),
    ...(principal !== undefined ? { principal } : {}),
    ...(notPrincipal !== undefined ? { notPrincipal } : {}),
    conditions,
    pointer,
  };
}

function readEffect(node: Obj, index: number, pointer: string, collector: ProblemCollector): Effect | undefined {
  const entry = node.entries.find((e) => e.key === 'Effect');
  if (entry === undefined) {
    collector.error(
      'missing-effect',
      `statement ${index}: needs \`Effect\``,
      pointer,
      node.offset,
      'Missing required field Effect',
    );
    return undefined;
  }
  const v = entry.value;
  if (v.type === 'string' && (v.value === 'Allow' || v.value === 'Deny')) return v.value;
  const shown = v.type === 'string' ? v.value : v.type;
  collector.error(
    'invalid-effect',
    `statement ${index}: \`Effect\` must be "Allow" or "Deny", not \`${shown}\``,
    `${pointer}/Effect`,
    v.offset,
    `Invalid effect: ${shown}`,
  );
  return undefined;
}

type PairResult = 'missing' | 'invalid' | { key: string; values: string[] };

function pair(
  node: Obj,
  positive: string,
  negative: string,
  index: number,
  pointer: string,
  collector: ProblemCollector,
  isAction: boolean,
): PairResult {
  const p = node.entries.find((e) => e.key === positive);
  const n = node.entries.find((e) => e.key === negative);
  if (p !== undefined && n !== undefined) {
    collector.error(
      `${positive.toLowerCase()}-and-${negative.toLowerCase()}`
        .replace('notaction', 'not-action')
        .replace('notresource', 'not-resource'),
      `statement ${index}: has both \`${positive}\` and \`${negative}\``,
      pointer,
      node.offset,
      'Syntax errors in policy.',
    );
    return 'invalid';
  }
  const entry = p ?? n;
  if (entry === undefined) return 'missing';
  const at = `${pointer}/${entry.key}`;
  const values = stringList(entry.value, at, `statement ${index}: \`${entry.key}\``, collector);
  if (values === undefined) return 'invalid';
  if (values.length === 0) {
    collector.error(
      isAction ? 'missing-action' : 'missing-resource',
      `statement ${index}: \`${entry.key}\` is empty`,
      at,
      entry.value.offset,
      isAction ? 'Policy statement must contain actions.' : 'Policy statement must contain resources.',
    );
    return 'invalid';
  }
  if (isAction) {
    values.forEach((v, i) => {
      if (v !== '*' && !/^[^:]+:[^:]+$/.test(v)) {
        const item = entry.value.type === 'array' ? entry.value.items[i] : entry.value;
        collector.error(
          'invalid-action',
          `statement ${index}: action \`${v}\` must be \`service:action\` or \`*\``,
          entry.value.type === 'array' ? `${at}/${i}` : at,
          item?.offset ?? entry.value.offset,
          'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
        );
      }
    });
  }
  return { key: entry.key, values };
}
