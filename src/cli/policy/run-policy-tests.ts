import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { simulate } from '../../policy/index.ts';

/** An outcome a scenario can have or expect. */
export type Outcome = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/** The result of one scenario file. */
export interface PolicyTestResult {
  readonly file: string;
  /** The scenario's `expected`, or null when it states none (or could not be read). */
  readonly expected: Outcome | null;
  /** The engine's decision, or null when the file is not a valid scenario. */
  readonly actual: Outcome | null;
  /** true/false against `expected`; null when the scenario states no expectation (not counted either way). */
  readonly pass: boolean | null;
  /** Why the file is not a valid scenario (then `pass` is false). */
  readonly error?: string;
  /** The engine's one-line explanation of the decision. */
  readonly explanation?: string;
}

/** Everything `iamd policy test` ran. */
export interface PolicyTestReport {
  readonly results: readonly PolicyTestResult[];
  readonly passed: number;
  readonly failed: number;
  /** Scenarios without `expected`: reported, counted neither passed nor failed. */
  readonly unchecked: number;
}

/**
 * Runs every `*.json` scenario under the given paths (files are taken as given, directories walked recursively
 * in sorted order) and compares each decision with its `expected`. Never throws: a missing path or a file that
 * is not a valid scenario becomes a failed result with the reason.
 */
export async function runPolicyTests(paths: readonly string[]): Promise<PolicyTestReport> {
  const results: PolicyTestResult[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    const listed = await scenarioFiles(path);
    if ('error' in listed) {
      results.push({ file: path, expected: null, actual: null, pass: false, error: listed.error });
      continue;
    }
    for (const file of listed.files) {
      if (seen.has(file)) continue;
      seen.add(file);
      results.push(await runOne(file));
    }
  }
  return {
    results,
    passed: results.filter((r) => r.pass === true).length,
    failed: results.filter((r) => r.pass === false).length,
    unchecked: results.filter((r) => r.pass === null).length,
  };
}

async function scenarioFiles(path: string): Promise<{ files: string[] } | { error: string }> {
  try {
    const info = await stat(path);
    if (info.isFile()) return { files: [path] };
    if (!info.isDirectory()) return { error: `\`${path}\` is neither a file nor a directory` };
    const files: string[] = [];
    await walk(path, files);
    return { files };
  } catch (error) {
    return { error: `cannot read \`${path}\`: ${reason(error)}` };
  }
}

async function walk(dir: string, files: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await walk(full, files);
    else if (entry.isFile() && entry.name.endsWith('.json')) files.push(full);
  }
}

async function runOne(file: string): Promise<PolicyTestResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { file, expected: null, actual: null, pass: false, error: `cannot read the file: ${reason(error)}` };
  }
  try {
    const result = simulate(text);
    if (!result.ok) {
      const detail = result.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
      return { file, expected: null, actual: null, pass: false, error: `invalid scenario: ${detail}` };
    }
    return {
      file,
      expected: result.expected ?? null,
      actual: result.decision,
      pass: result.pass ?? null,
      explanation: result.explanation,
    };
  } catch (error) {
    // simulate() promises not to throw; if it does, that is an engine bug, reported against this file.
    return { file, expected: null, actual: null, pass: false, error: `engine error: ${reason(error)}` };
  }
}

function reason(error: unknown): string {
  if (error instanceof Error) return 'code' in error && typeof error.code === 'string' ? error.code : error.message;
  return String(error);
}
