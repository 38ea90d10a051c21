import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ListUsersCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { fromProcess } from '@aws-sdk/credential-providers';
import { type Actor, createActor, policy } from './enforcement-support.test.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { createRole, trustPolicy } from './sts-support.test.ts';

const MAIN = resolve(import.meta.dirname, '../../src/cli/main.ts');

describe('iamd credentials as credential_process (through fromProcess)', () => {
  let t: TestServer;
  let alice: Actor;
  let dir: string;
  before(async () => {
    t = await startTestServer();
    alice = await createActor(t, t.iam(), 'alice');
    dir = await mkdtemp(join(tmpdir(), 'iamd-credproc-'));
  });
  after(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('a profile with credential_process gets role credentials from iamd and they work', async () => {
    const roleArn = await createRole(t.iam(), 'cli-role', trustPolicy(alice.arn), policy('Allow', 'iam:ListUsers'));
    const keys = await alice.sts.config.credentials();
    const credentialsFile = join(dir, 'credentials');
    await writeFile(
      credentialsFile,
      `[base]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n`,
    );
    const command =
      `AWS_SHARED_CREDENTIALS_FILE=${credentialsFile} ${process.execPath} --import tsx ${MAIN} credentials ` +
      `--role-arn ${roleArn} --role-session-name cli --endpoint-url ${t.url} --profile base`;
    const configFile = join(dir, 'config');
    await writeFile(configFile, `[profile iamd-role]\nendpoint_url = ${t.url}\ncredential_process = ${command}\n`);
    const credentials = await fromProcess({ profile: 'iamd-role', configFilepath: configFile, filepath: join(dir, 'none') })();
    assert.match(credentials.accessKeyId, /^ASIA/);
    assert.ok(credentials.sessionToken);
    assert.ok(credentials.expiration instanceof Date);
    const who = await t.sts({ credentials }).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, `arn:aws:sts::${t.server.accountId}:assumed-role/cli-role/cli`);
    await t.iam({ credentials }).send(new ListUsersCommand({}));
  });
});
