/** Runs test/cli/awscli-security.sh (the classic security checklist with the AWS CLI) against a fresh iamd. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startTestServer } from '../e2e/harness.ts';
import { rootEnv, runScript, skipWithoutAwsCli } from './run-script.ts';

const skip = skipWithoutAwsCli('the AWS CLI security checklist');

test('the classic security checklist with the AWS CLI turns `iamd security status` from failing to all green', { skip, timeout: 240_000 }, async () => {
  const t = await startTestServer();
  try {
    const { code, output } = await runScript('awscli-security.sh', rootEnv(t.url, t.root));
    assert.equal(code, 0, output);
    assert.match(output, /== a fresh account fails the checklist/);
    assert.match(output, /OK: AWS CLI security checklist passed/);
  } finally {
    await t.close();
  }
});
