import { readFile } from 'node:fs/promises';
import { type Finding, hasErrors, type PolicyKind, type PolicySizeClass, validatePolicy } from '../../policy/index.ts';
import { type CommandOutput, readFailure } from './command-output.ts';
import { catalogForPolicy } from './service-catalog.ts';

/** The policy kinds `--kind` accepts. */
export const POLICY_KINDS: readonly PolicyKind[] = [
  'identity',
  'resource',
  'trust',
  'boundary',
  'scp',
  'rcp',
  'session',
];

/** The size classes `--size-class` accepts (where the policy is stored decides its size limit). */
export const SIZE_CLASSES: readonly PolicySizeClass[] = [
  'user-inline',
  'group-inline',
  'role-inline',
  'managed',
  'trust',
  'session',
];

/** Options of `iamd policy validate`. */
export interface ValidateOptions {
  readonly kind: PolicyKind;
  readonly json: boolean;
  /** Check actions and condition keys against the AWS service data (default true). */
  readonly catalog: boolean;
  /** Where the policy will be stored; by default the limit follows the kind (managed policies for identity). */
  readonly sizeClass?: PolicySizeClass;
}

/** `iamd policy validate FILE`: every finding; exit 1 when any is an error, 2 when the file cannot be read. */
export async function validateCommand(file: string, options: ValidateOptions): Promise<CommandOutput> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return readFailure(file, error);
  }
  const source = options.catalog ? await catalogForPolicy(text) : undefined;
  const findings = validatePolicy(text, {
    kind: options.kind,
    ...(source ? { catalog: source.catalog } : {}),
    ...(options.sizeClass ? { sizeClass: options.sizeClass } : {}),
  });
  const exitCode = hasErrors(findings) ? 1 : 0;
  if (options.json) {
    const serviceData = source ? { version: source.dataVersion, updatedAt: source.dataUpdatedAt } : null;
    const body = { file, kind: options.kind, valid: exitCode === 0, findings, serviceData };
    return { stdout: `${JSON.stringify(body, null, 2)}\n`, stderr: '', exitCode };
  }
  const lines = findings.map((f) => `${where(file, f)} ${f.severity} ${f.code} ${f.message}`);
  lines.push(`${file}: ${summary(findings)}`);
  return { stdout: `${lines.join('\n')}\n`, stderr: '', exitCode };
}

function where(file: string, f: Finding): string {
  return f.line !== undefined ? `${file}:${f.line}:${f.column ?? 1}` : file;
}

function summary(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'no findings';
  const count = (severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;
  const parts: [number, string][] = [
    [count('error'), 'error'],
    [count('security-warning'), 'security warning'],
    [count('warning'), 'warning'],
    [count('suggestion'), 'suggestion'],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, word]) => `${n} ${word}${n === 1 ? '' : 's'}`)
    .join(', ');
}
