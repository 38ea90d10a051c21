import type { JsonNode } from './json-tree.ts';
import { lineColumnOf, pointerToken, policySizeOf, readJson } from './json-tree.ts';
import { ProblemCollector } from './findings.ts';
import { readStatement } from './read-statement.ts';
import type { Finding, ParseResult, PolicyDocument, PolicyKind, PolicySizeClass, Statement } from './types.ts';

/** Options for {@link parsePolicy}. */
export interface ParsePolicyOptions {
  /** Where the policy is stored: decides the size limit. Defaults from `kind` (see {@link sizeLimitOf}). */
  readonly sizeClass?: PolicySizeClass;
  /** The policy type: decides whether `Principal` is required or forbidden, and the default size limit. */
  readonly kind?: PolicyKind;
}

/** IAM size limits in characters, not counting whitespace outside strings. */
export const POLICY_SIZE_LIMITS: Readonly<Record<PolicySizeClass, number>> = {
  'user-inline': 2048,
  'group-inline': 5120,
  'role-inline': 10240,
  managed: 6144,
  trust: 2048,
  session: 2048,
};

/** The size limit for a policy: from its size class, else from its kind (SCPs and RCPs: 5120). */
export function sizeLimitOf(options: ParsePolicyOptions): number | undefined {
  if (options.sizeClass !== undefined) return POLICY_SIZE_LIMITS[options.sizeClass];
  switch (options.kind) {
    case 'identity':
    case 'boundary':
      return POLICY_SIZE_LIMITS.managed;
    case 'trust':
      return POLICY_SIZE_LIMITS.trust;
    case 'session':
      return POLICY_SIZE_LIMITS.session;
    case 'scp':
    case 'rcp':
      return 5120;
    default:
      return undefined;
  }
}

function sizeMessage(options: ParsePolicyOptions, limit: number): string {
  switch (options.sizeClass ?? (options.kind === 'trust' ? 'trust' : undefined)) {
    case 'trust':
      return `Cannot exceed quota for ACLSizePerRole: ${limit}`;
    case 'user-inline':
    case 'group-inline':
    case 'role-inline':
      return `Maximum policy size of ${limit} bytes exceeded`;
    default:
      return `Cannot exceed quota for PolicySize: ${limit}`;
  }
}

const VERSIONS = new Set(['2012-10-17', '2008-10-17']);
const TOP_LEVEL = new Set(['Version', 'Id', 'Statement']);

/**
 * Parses a policy document (JSON text or an already-decoded JSON value) into the normalised
 * {@link PolicyDocument}. Pure; never throws on user input; reports every problem at once.
 */
export function parsePolicy(input: string | unknown, options: ParsePolicyOptions = {}): ParseResult {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      const encoded: unknown = JSON.stringify(input, null, 2);
      if (typeof encoded !== 'string') return syntaxFailure('the policy is not a JSON value');
      text = encoded;
    } catch {
      return syntaxFailure('the policy is not a JSON value (cyclic or not serialisable)');
    }
  }
  const read = readJson(text);
  if (!read.ok) {
    const { line, column } = lineColumnOf(text, read.offset);
    return syntaxFailure(`invalid JSON: ${read.message}`, line, column);
  }
  const collector = new ProblemCollector(text);
  findDuplicateKeys(read.root, '', collector);
  const root = read.root;
  let doc: PolicyDocument | undefined;
  if (root.type !== 'object') {
    collector.error('not-an-object', 'the policy must be a JSON object', '', root.offset, 'Syntax errors in policy.');
  } else {
    doc = readDocument(root, collector, options.kind);
  }
  const limit = sizeLimitOf(options);
  if (limit !== undefined) {
    const size = policySizeOf(text);
    if (size > limit) {
      collector.error(
        'policy-too-large',
        `the policy has ${size} characters (whitespace excluded), more than the limit of ${limit}`,
        '',
        0,
        sizeMessage(options, limit),
      );
    }
  }
  const problems = collector.problems;
  if (problems.length > 0 || doc === undefined) {
    return {
      ok: false,
      findings: problems.map((p) => p.finding),
      malformedMessage: problems[0]?.awsMessage ?? 'Syntax errors in policy.',
    };
  }
  return { ok: true, policy: doc, findings: [] };
}

function syntaxFailure(message: string, line?: number, column?: number): ParseResult {
  const finding: Finding = {
    kind: 'finding',
    severity: 'error',
    code: 'json-syntax',
    message,
    pointer: '',
    line,
    column,
  };
  return { ok: false, findings: [finding], malformedMessage: 'Syntax errors in policy.' };
}

function findDuplicateKeys(node: JsonNode, pointer: string, collector: ProblemCollector): void {
  if (node.type === 'object') {
    const seen = new Set<string>();
    for (const entry of node.entries) {
      const at = `${pointer}/${pointerToken(entry.key)}`;
      if (seen.has(entry.key)) {
        collector.error(
          'duplicate-key',
          `duplicate key \`${entry.key}\``,
          at,
          entry.keyOffset,
          'Syntax errors in policy.',
        );
      }
      seen.add(entry.key);
      findDuplicateKeys(entry.value, at, collector);
    }
  } else if (node.type === 'array') {
    node.items.forEach((item, i) => {
      findDuplicateKeys(item, `${pointer}/${i}`, collector);
    });
  }
}

function readDocument(
  root: Extract<JsonNode, { type: 'object' }>,
  collector: ProblemCollector,
  kind: PolicyKind | undefined,
): PolicyDocument | undefined {
  let version: string | undefined;
  let id: string | undefined;
  let statementNode: JsonNode | undefined;
  for (const { key, keyOffset, value } of root.entries) {
    const at = `/${pointerToken(key)}`;
    if (!TOP_LEVEL.has(key)) {
      collector.error('unknown-element', `unknown top-level element \`${key}\``, at, keyOffset, `Unknown field ${key}`);
    } else if (key === 'Version') {
      if (value.type !== 'string' || !VERSIONS.has(value.value)) {
        const shown = value.type === 'string' ? value.value : value.type;
        collector.error(
          'invalid-version',
          `\`Version\` must be "2012-10-17" or "2008-10-17", not \`${shown}\``,
          at,
          value.offset,
          'The policy failed legacy parsing',
        );
      } else version = value.value;
    } else if (key === 'Id') {
      if (value.type !== 'string') {
        collector.error('invalid-id', '`Id` must be a string', at, value.offset, 'Syntax errors in policy.');
      } else id = value.value;
    } else statementNode = value;
  }
  if (statementNode === undefined) {
    collector.error(
      'missing-statement',
      'the policy has no `Statement` element',
      '',
      root.offset,
      'Missing required field Statement',
    );
    return undefined;
  }
  const statements: Statement[] = [];
  const statementIsArray = statementNode.type === 'array';
  if (statementNode.type === 'array') {
    statementNode.items.forEach((item, index) => {
      const s = readStatement(item, index, `/Statement/${index}`, collector, kind);
      if (s !== undefined) statements.push(s);
    });
  } else {
    const s = readStatement(statementNode, 0, '/Statement', collector, kind);
    if (s !== undefined) statements.push(s);
  }
  const doc: PolicyDocument = { statements, statementIsArray };
  return {
    ...(version !== undefined ? { version } : {}),
    ...(id !== undefined ? { id } : {}),
    ...doc,
  };
}
