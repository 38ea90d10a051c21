/** Runs the command-line tests' child processes: the AWS CLI scripts here (with bash) and bin/iamd.js. */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The AWS CLI the scripts call: IAMD_TEST_AWS_CLI, else /usr/bin/aws. */
export const awsCli = process.env['IAMD_TEST_AWS_CLI'] ?? '/usr/bin/aws';

/** node:test's `skip` for a test that needs the AWS CLI: false, or the reason, naming what is skipped. */
export function skipWithoutAwsCli(what: string): string | false {
  return existsSync(awsCli) ? false : `no AWS CLI at ${awsCli} (set IAMD_TEST_AWS_CLI): ${what} is skipped`;
}

/** A finished child: its exit code and what it wrote. */
export interface ChildResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr interleaved as they arrived. */
  readonly output: string;
}

function finished(child: ChildProcess, stdin?: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let output = '';
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString();
      output += c.toString();
    });
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString();
      output += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, output }));
    if (stdin !== undefined) child.stdin?.end(stdin);
  });
}

/**
 * Runs the script `file` of this folder with bash, with only PATH, HOME, AWS_CLI and `env` in its environment
 * (so the caller's AWS configuration cannot leak in).
 */
export function runScript(file: string, env: Readonly<Record<string, string>>): Promise<ChildResult> {
  const script = fileURLToPath(new URL(`./${file}`, import.meta.url));
  const child = spawn('bash', [script], {
    env: {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: process.env['HOME'] ?? '/tmp',
      AWS_CLI: awsCli,
      ...env,
    },
  });
  return finished(child);
}

/** The root credentials a script needs, from a test server: IAMD_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY. */
export function rootEnv(
  url: string,
  root: { readonly accessKeyId: string; readonly secretAccessKey: string },
): Record<string, string> {
  return { IAMD_URL: url, AWS_ACCESS_KEY_ID: root.accessKeyId, AWS_SECRET_ACCESS_KEY: root.secretAccessKey };
}

const bin = fileURLToPath(new URL('../../bin/iamd.js', import.meta.url));

/** Runs `iamd ARGS` with the caller's environment minus every IAMD_ setting, plus `env`; `stdin` is its input. */
export function runIamd(
  args: readonly string[],
  options: { readonly env?: Readonly<Record<string, string>>; readonly stdin?: string } = {},
): Promise<ChildResult> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('IAMD_')));
  const child = spawn(process.execPath, [bin, ...args], { env: { ...clean, ...options.env } });
  return finished(child, options.stdin ?? '');
}
