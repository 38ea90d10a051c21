import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runIamd } from './run-script.ts';

const iamd = (args: string[], env: Record<string, string> = {}) => runIamd(args, { env });

describe('iamd accounts and configuration errors', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'iamd-cli-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  test('accounts create --json prints the new account and its root credentials; accounts list shows it', async () => {
    const created = await iamd([
      'accounts',
      'create',
      '--id',
      '111122223333',
      '--alias',
      'team-b',
      '--json',
      '--data-dir',
      dataDir,
    ]);
    assert.equal(created.code, 0, created.stderr);
    const account = JSON.parse(created.stdout) as { accountId: string; accessKeyId: string; secretAccessKey: string };
    assert.equal(account.accountId, '111122223333');
    assert.match(account.accessKeyId, /^AKIA[A-Z2-7]{16}$/);
    assert.equal(account.secretAccessKey.length, 40);
    const listed = await iamd(['accounts', 'list', '--json'], { IAMD_DATA_DIR: dataDir });
    assert.equal(listed.code, 0, listed.stderr);
    const accounts = JSON.parse(listed.stdout) as { accountId: string; alias?: string }[];
    assert.ok(accounts.some((a) => a.accountId === '111122223333' && a.alias === 'team-b'));
  });

  test('a bad setting stops serve with exit status 2 and names every bad setting', async () => {
    const r = await iamd(['serve'], { IAMD_PORT: '99999', IAMD_PROT: '1', IAMD_DATA_DIR: dataDir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /IAMD_PORT \(--port\): must be a port from 0 to 65535/);
    assert.match(r.stderr, /IAMD_PROT: unknown setting/);
  });
});
