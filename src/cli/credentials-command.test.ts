import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_PORT } from '../server/index.ts';
import { callerCredentials, CredentialsError, DEFAULT_ENDPOINT, parseIni } from './credentials-command.ts';

test('parseIni reads [name] and [profile name] sections, ignoring comments', () => {
  const ini = parseIni('# c\n[default]\naws_access_key_id = A\n[profile dev]\n; x\nAWS_SECRET_ACCESS_KEY=s=3\n');
  assert.equal(ini.get('default')?.get('aws_access_key_id'), 'A');
  assert.equal(ini.get('dev')?.get('aws_secret_access_key'), 's=3');
});

test('callerCredentials takes env keys when no profile is named', async () => {
  const cases: [string, NodeJS.ProcessEnv, object][] = [
    ['keys only', { AWS_ACCESS_KEY_ID: 'AKIA1', AWS_SECRET_ACCESS_KEY: 's' }, { accessKeyId: 'AKIA1', secretAccessKey: 's' }],
    [
      'keys and token',
      { AWS_ACCESS_KEY_ID: 'ASIA1', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 't' },
      { accessKeyId: 'ASIA1', secretAccessKey: 's', sessionToken: 't' },
    ],
  ];
  for (const [name, env, expected] of cases) assert.deepEqual(await callerCredentials(undefined, env), expected, name);
});

test('callerCredentials fails with a readable error when nothing is configured', async () => {
  const env = { AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/c', AWS_CONFIG_FILE: '/nonexistent/f' };
  await assert.rejects(callerCredentials('nobody', env), (e: unknown) => e instanceof CredentialsError && /\[nobody\]/.test(e.message));
});

test('the default endpoint is the server default port', () => {
  assert.equal(DEFAULT_ENDPOINT, `http://127.0.0.1:${DEFAULT_PORT}`);
});
