import type { CommandOutput } from './command-output.ts';
import { type PolicyTestResult, runPolicyTests } from './run-policy-tests.ts';

/**
 * `iamd policy test PATH...`: a line per failure (and per scenario without `expected`), then exactly
 * `N passed, M failed`. Exit 1 on any failure or when no scenario was found.
 */
export async function testCommand(
  paths: readonly string[],
  options: { readonly json: boolean },
): Promise<CommandOutput> {
  const report = await runPolicyTests(paths);
  const exitCode = report.failed > 0 || report.results.length === 0 ? 1 : 0;
  const stderr = report.results.length === 0 ? `iamd: no scenario files (*.json) under ${paths.join(', ')}\n` : '';
  if (options.json) {
    const body = {
      results: report.results.map((r) => ({
        file: r.file,
        expected: r.expected,
        actual: r.actual,
        pass: r.pass,
        ...(r.error !== undefined ? { error: r.error } : {}),
      })),
      passed: report.passed,
      failed: report.failed,
    };
    return { stdout: `${JSON.stringify(body, null, 2)}\n`, stderr, exitCode };
  }
  const lines = report.results.flatMap(resultLine);
  lines.push(`${report.passed} passed, ${report.failed} failed`);
  return { stdout: `${lines.join('\n')}\n`, stderr, exitCode };
}

function resultLine(r: PolicyTestResult): string[] {
  if (r.error !== undefined) return [`ERROR ${r.file}: ${r.error}`];
  if (r.pass === false)
    return [`FAIL ${r.file}: expected ${r.expected}, got ${r.actual}${r.explanation ? ` — ${r.explanation}` : ''}`];
  if (r.pass === null) return [`NOTE ${r.file}: ${r.actual} (no expected outcome; not counted)`];
  return [];
}
