import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ManualClock } from '../../src/shared/index.ts';
import { startTestServer } from '../e2e/harness.ts';
import { rootEnv, runScript, skipWithoutAwsCli } from './run-script.ts';

const skip = skipWithoutAwsCli('the AWS CLI role-assumption script');

test('role assumption with the AWS CLI: assume-role, session-policy narrowing, expiry on time', { skip, timeout: 180_000 }, async () => {
  // The server's clock starts 10 minutes behind the CLI's, so after moving it 16 minutes on, the 900-second session
  // has expired while the CLI's signatures are still within the 15-minute skew iamd accepts.
  const clock = new ManualClock(Date.now() - 10 * 60_000);
  const t = await startTestServer({ clock });
  const dir = await mkdtemp(join(tmpdir(), 'iamd-cli-sts-'));
  try {
    const env = { ...rootEnv(t.url, t.root), CREDS_FILE: join(dir, 'session') };
    const assume = await runScript('awscli-sts.sh', { ...env, PHASE: 'assume' });
    assert.equal(assume.code, 0, assume.output);
    assert.match(assume.output, /OK: AWS CLI role assumption passed/);
    clock.advance(16 * 60_000);
    const expired = await runScript('awscli-sts.sh', { ...env, PHASE: 'expired' });
    assert.equal(expired.code, 0, expired.output);
    assert.match(expired.output, /OK: AWS CLI expired session refused/);
  } finally {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  }
});
