import { readFile } from 'node:fs/promises';
import { type SimulationResult, simulate } from '../../policy/index.ts';
import { type CommandOutput, readFailure } from './command-output.ts';

type Evaluated = Extract<SimulationResult, { ok: true }>;
type Reason = Evaluated['reasons'][number];
type Problem = Evaluated['indeterminate'][number];

/**
 * `iamd policy simulate FILE`: the decision for one scenario and why. Exit 0 whatever the decision; exit 2 when
 * the file cannot be read or is not a valid scenario.
 */
export async function simulateCommand(file: string, options: { readonly json: boolean }): Promise<CommandOutput> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return readFailure(file, error);
  }
  const result = simulate(text);
  if (!result.ok) {
    const lines = result.errors.map((e) => `  ${e.path}: ${e.message}`);
    return {
      stdout: options.json ? `${JSON.stringify(result, null, 2)}\n` : '',
      stderr: `iamd: \`${file}\` is not a valid scenario:\n${lines.join('\n')}\n`,
      exitCode: 2,
    };
  }
  if (options.json) return { stdout: `${JSON.stringify(result, null, 2)}\n`, stderr: '', exitCode: 0 };
  return { stdout: `${describeResult(result).join('\n')}\n`, stderr: '', exitCode: 0 };
}

/** The text form of a decision: decision, explanation, per-kind results, statements, missing keys. */
export function describeResult(result: Evaluated): string[] {
  const lines = [`decision: ${result.decision}`, `explanation: ${result.explanation}`];
  const perKind = Object.entries(result.perKind)
    .map(([kind, outcome]) => `${kind} ${outcome}`)
    .join(', ');
  lines.push(`per policy type: ${perKind}`);
  if (result.reasons.length === 0) lines.push('matched statements: none');
  else {
    lines.push('matched statements:');
    for (const r of result.reasons) lines.push(`  ${r.effect} ${policyLabel(r)} ${statementText(r)} at ${r.pointer}`);
  }
  if (result.missingContextKeys.length > 0) {
    lines.push(`missing context keys: ${result.missingContextKeys.join(', ')}`);
  }
  for (const p of result.indeterminate)
    lines.push(`could not evaluate: ${policyLabel(p)} at ${p.pointer}: ${p.problem}`);
  if (result.expected !== undefined) {
    lines.push(`expected: ${result.expected} (${result.pass ? 'pass' : 'FAIL'})`);
  }
  return lines;
}

function policyLabel(r: Reason | Problem): string {
  const name = 'policyName' in r && r.policyName ? ` \`${r.policyName}\`` : '';
  const level = r.level !== undefined ? ` level ${r.level}` : '';
  return `${r.kind}${level} policy ${r.policyIndex}${name}`;
}

function statementText(r: Reason): string {
  return r.sid ? `statement ${r.statementIndex} (\`${r.sid}\`)` : `statement ${r.statementIndex}`;
}
