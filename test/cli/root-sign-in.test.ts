/** Root sign-in set up from the command line (`iamd accounts ...`) and from the environment (IAMD_ROOT_EMAIL/PASSWORD). */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ConfigError, loadServerConfig, startServer } from '../../src/server/index.ts';
import { runIamd } from './run-script.ts';

const iamd = (args: string[], stdin?: string) => runIamd(args, stdin === undefined ? {} : { stdin });

async function signIn(url: string, body: object): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}/v1/sign-in`, { method: 'POST', body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('root sign-in from the CLI and the environment', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'iamd-root-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  test('accounts create --email and set-root-password (stdin) let root sign in; bad input is refused', async () => {
    const created = await iamd(['accounts', 'create', '--id', '111122223333', '--email', 'Owner@Example.com', '--json', '--data-dir', dataDir]);
    assert.equal(created.code, 0, created.stderr);
    assert.equal((JSON.parse(created.stdout) as { email: string }).email, 'Owner@Example.com');
    const set = await iamd(['accounts', 'set-root-password', '--account', '111122223333', '--data-dir', dataDir], 'root-Password1\n');
    assert.equal(set.code, 0, set.stderr);
    assert.doesNotMatch(set.stdout + set.stderr, /root-Password1/);
    const empty = await iamd(['accounts', 'set-root-password', '--account', '111122223333', '--data-dir', dataDir], '');
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /ValidationError/);
    const badEmail = await iamd(['accounts', 'set-root-email', '--account', '111122223333', '--email', 'nope', '--data-dir', dataDir]);
    assert.equal(badEmail.code, 1);
    assert.match(badEmail.stderr, /InvalidInput: 'nope' is not a valid e-mail address/);
    const taken = await iamd(['accounts', 'create', '--email', 'owner@example.com', '--data-dir', dataDir]);
    assert.equal(taken.code, 1);
    assert.match(taken.stderr, /EntityAlreadyExists/);

    const server = await startServer(loadServerConfig({ port: 0, dataDir, logLevel: 'silent' }, {}));
    try {
      const ok = await signIn(server.url, { email: 'owner@example.com', password: 'root-Password1' });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.deepEqual([ok.body['accountId'], ok.body['arn']], ['111122223333', 'arn:aws:iam::111122223333:root']);
      assert.equal((await signIn(server.url, { email: 'owner@example.com', password: 'wrong' })).status, 401);
    } finally {
      await server.close();
    }
  });

  test('IAMD_ROOT_EMAIL and IAMD_ROOT_PASSWORD set the default account root login; a password alone is refused', async () => {
    const env = { IAMD_ROOT_EMAIL: 'admin@example.org', IAMD_ROOT_PASSWORD: 'env-Password1' };
    const config = loadServerConfig({ port: 0, dataDir: join(dataDir, 'env'), logLevel: 'silent' }, env);
    assert.equal(config.rootEmail, 'admin@example.org');
    const server = await startServer(config);
    try {
      const ok = await signIn(server.url, { email: 'admin@example.org', password: 'env-Password1' });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body['arn'], `arn:aws:iam::${server.accountId}:root`);
    } finally {
      await server.close();
    }
    assert.throws(
      () => loadServerConfig({}, { IAMD_ROOT_PASSWORD: 'env-Password1' }),
      (e: unknown) => e instanceof ConfigError && /IAMD_ROOT_PASSWORD: needs IAMD_ROOT_EMAIL/.test(e.message) && !e.message.includes('env-Password1'),
    );
    assert.throws(
      () => loadServerConfig({}, { IAMD_ROOT_EMAIL: 'not an address' }),
      (e: unknown) => e instanceof ConfigError && /IAMD_ROOT_EMAIL: must be an e-mail address/.test(e.message),
    );
  });
});
