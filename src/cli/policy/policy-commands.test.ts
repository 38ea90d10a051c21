import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const fixtures = join(import.meta.dirname, 'fixtures');
const main = join(import.meta.dirname, '..', 'main.ts');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `iamd policy ...` the way a user does, through the real entry point. */
function iamd(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', main, 'policy', ...args],
      { cwd: fixtures },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('iamd policy (spawned)', { concurrency: 4 }, () => {
  it('validate: a clean policy prints `no findings` and exits 0', async () => {
    const r = await iamd('validate', 'clean-policy.json');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'clean-policy.json: no findings\n');
  });

  it('validate: prints FILE:line:col severity code message per finding and exits 1 on an error', async () => {
    const r = await iamd('validate', 'bad-policy.json');
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.ok(lines.includes('bad-policy.json:6:18 error unknown-action statement 0: unknown action `s3:GetObjectt`'));
    assert.ok(
      lines.includes(
        'bad-policy.json:9:9 error unknown-operator statement 0: unknown condition operator `StringLikee`; did you mean `StringLike`?',
      ),
    );
    assert.ok(lines.some((l) => l.startsWith('bad-policy.json:6:7 security-warning full-access ')));
    assert.equal(lines.at(-1), 'bad-policy.json: 3 errors, 1 security warning, 1 suggestion');
  });

  it('validate --json: the findings, validity and the service data version', async () => {
    const r = await iamd('validate', 'bad-policy.json', '--json');
    assert.equal(r.code, 1);
    const body = JSON.parse(r.stdout) as {
      valid: boolean;
      kind: string;
      findings: { code: string; line: number }[];
      serviceData: { version: string };
    };
    assert.equal(body.valid, false);
    assert.equal(body.kind, 'identity');
    assert.deepEqual(
      body.findings.map((f) => f.code),
      ['unknown-action', 'unknown-operator', 'bad-bool-value', 'full-access', 'redundant-value'],
    );
    assert.match(body.serviceData.version, /^\d+\.\d+\.\d+$/);
  });

  it('validate: an unknown --kind is refused with the allowed choices', async () => {
    const r = await iamd('validate', 'clean-policy.json', '--kind', 'bucket');
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /Allowed choices are identity, resource, trust, boundary, scp, rcp, session/);
  });

  it('simulate: prints the decision, explanation, per-kind results and statements (exit 0)', async () => {
    const r = await iamd('simulate', join('scenarios', 'allow-office.json'));
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines[0], 'decision: Allow');
    assert.match(lines[1] ?? '', /^explanation: Allow s3:GetObject: /);
    assert.match(lines[2] ?? '', /^per policy type: identity Allow, resource NotApplicable/);
    assert.ok(lines.includes('  Allow identity policy 0 statement 0 (`Office`) at /Statement/0'));
    assert.equal(lines.at(-1), 'expected: Allow (pass)');
  });

  it('simulate --json: the engine result; a wrong expectation still exits 0', async () => {
    const r = await iamd('simulate', join('scenarios', 'nested', 'wrong-expectation.json'), '--json');
    assert.equal(r.code, 0, r.stderr);
    const body = JSON.parse(r.stdout) as { decision: string; expected: string; pass: boolean; explanation: string };
    assert.deepEqual([body.decision, body.expected, body.pass], ['ImplicitDeny', 'Allow', false]);
    assert.match(body.explanation, /^ImplicitDeny s3:GetObject/);
  });

  it('test: a line per failure, a note for no `expected`, then exactly `N passed, M failed` (exit 1)', async () => {
    const r = await iamd('test', 'scenarios');
    assert.equal(r.code, 1);
    assert.deepEqual(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => l.split(':')[0]),
      [
        'ERROR scenarios/nested/invalid-scenario.json',
        'NOTE scenarios/nested/no-expected.json',
        'FAIL scenarios/nested/wrong-expectation.json',
        '2 passed, 2 failed',
      ],
    );
  });

  it('test --json: results with file, expected, actual, pass; passing files only exit 0', async () => {
    const r = await iamd(
      'test',
      join('scenarios', 'allow-office.json'),
      join('scenarios', 'explicit-deny.json'),
      '--json',
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      results: [
        { file: 'scenarios/allow-office.json', expected: 'Allow', actual: 'Allow', pass: true },
        { file: 'scenarios/explicit-deny.json', expected: 'ExplicitDeny', actual: 'ExplicitDeny', pass: true },
      ],
      passed: 2,
      failed: 0,
    });
  });
});
