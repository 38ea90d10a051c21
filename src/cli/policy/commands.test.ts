import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { simulateCommand } from './simulate-command.ts';
import { testCommand } from './test-command.ts';
import { validateCommand } from './validate-command.ts';

// The command functions behind the spawned tests in policy-commands.test.ts, called in-process for the cases
// that need no commander behaviour (fast on a busy machine).
const at = (...parts: string[]) => join(import.meta.dirname, 'fixtures', ...parts);

describe('policy command functions', () => {
  it('validate --kind trust: a GitHub OIDC trust without `sub` is a security warning (exit 0)', async () => {
    const file = at('github-trust.json');
    const r = await validateCommand(file, { kind: 'trust', json: false, catalog: true });
    assert.equal(r.exitCode, 0);
    assert.equal(
      r.stdout,
      `${file}:6:7 security-warning github-oidc-without-sub statement 0: trusts GitHub Actions OIDC without a \`token.actions.githubusercontent.com:sub\` condition, so any GitHub repository can assume this role\n${file}: 1 security warning\n`,
    );
  });

  it('validate: invalid JSON is an error finding with its position (exit 1)', async () => {
    const file = at('not-json.json');
    const r = await validateCommand(file, { kind: 'identity', json: false, catalog: true });
    assert.equal(r.exitCode, 1);
    assert.match(r.stdout, /^.*not-json\.json:1:\d+ error json-syntax invalid JSON/);
  });

  it('validate --json without the catalog: serviceData is null and unknown actions pass', async () => {
    const r = await validateCommand(at('bad-policy.json'), { kind: 'identity', json: true, catalog: false });
    const body = JSON.parse(r.stdout) as { serviceData: unknown; findings: { code: string }[] };
    assert.equal(body.serviceData, null);
    assert.ok(!body.findings.some((f) => f.code === 'unknown-action'));
  });

  it('validate --size-class user-inline: a policy over 2048 characters is an error', async () => {
    const file = at('large-policy.json');
    const asManaged = await validateCommand(file, { kind: 'identity', json: false, catalog: false });
    const asUserInline = await validateCommand(file, {
      kind: 'identity',
      json: false,
      catalog: false,
      sizeClass: 'user-inline',
    });
    assert.equal(asManaged.exitCode, 0, asManaged.stdout);
    assert.equal(asUserInline.exitCode, 1);
    assert.match(asUserInline.stdout, / error policy-too-large /);
  });

  it('validate: an unreadable file exits 2 with a clear message', async () => {
    const r = await validateCommand('missing.json', { kind: 'identity', json: false, catalog: true });
    assert.deepEqual(r, { stdout: '', stderr: 'iamd: cannot read `missing.json`: no such file\n', exitCode: 2 });
  });

  it('simulate: an invalid scenario exits 2 and names the bad fields; --json prints the error result', async () => {
    const file = at('scenarios', 'nested', 'invalid-scenario.json');
    const text = await simulateCommand(file, { json: false });
    assert.equal(text.exitCode, 2);
    assert.equal(text.stdout, '');
    assert.match(text.stderr, /is not a valid scenario:\n {2}request(\.action)?: /);
    const json = await simulateCommand(file, { json: true });
    assert.equal(json.exitCode, 2);
    assert.equal((JSON.parse(json.stdout) as { ok: boolean }).ok, false);
  });

  it('simulate: a directory is unreadable (exit 2)', async () => {
    const r = await simulateCommand(at('scenarios'), { json: false });
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /it is a directory/);
  });

  it('simulate: shows missing context keys', async () => {
    const r = await simulateCommand(at('scenarios', 'nested', 'no-expected.json'), { json: false });
    assert.equal(r.exitCode, 0);
    assert.match(r.stdout, /^missing context keys: aws:SourceIp$/m);
    assert.doesNotMatch(r.stdout, /^expected:/m);
  });

  it('test: no scenario files at all exits 1 with a note', async () => {
    const r = await testCommand([at('bad-policy.json').replace('.json', '.txt')], { json: false });
    assert.equal(r.exitCode, 1);
    assert.match(r.stdout, /^ERROR .*: cannot read/);
    assert.match(r.stdout, /\n0 passed, 1 failed\n$/);
  });
});
