import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadMasterKey } from './master-key.ts';
import { readRootCredentials, writeRootCredentials } from './root-credentials-file.ts';
import { ConfigError } from './server-config.ts';
import { redactUrl } from './start-server.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iamd-files-'));
});
after(() => rm(dir, { recursive: true, force: true }));

test('the master key file is generated once with mode 0600 and read back the same', async () => {
  const first = await loadMasterKey(undefined, dir);
  assert.equal(first.key.length, 32);
  assert.equal((await stat(join(dir, 'master.key'))).mode & 0o777, 0o600);
  const second = await loadMasterKey(undefined, dir);
  assert.deepEqual(second.key, first.key);
});

test('a configured master key wins over the file', async () => {
  const key = Buffer.alloc(32, 1);
  assert.deepEqual((await loadMasterKey(key, dir)).key, key);
});

test('a corrupt master key file stops start-up naming the file', async () => {
  const other = await mkdtemp(join(tmpdir(), 'iamd-files-'));
  await writeFile(join(other, 'master.key'), 'not a key\n');
  await assert.rejects(
    loadMasterKey(undefined, other),
    (e: unknown) => e instanceof ConfigError && /master\.key/.test(e.message),
  );
  await rm(other, { recursive: true, force: true });
});

test('root credentials are written with mode 0600; an older file is kept aside, never overwritten', async () => {
  const creds = { accountId: '123456789012', accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: 's'.repeat(40) };
  const file = await writeRootCredentials(dir, creds);
  assert.equal((await stat(file)).mode & 0o777, 0o600);
  assert.deepEqual(await readRootCredentials(dir, '123456789012'), creds);
  assert.equal(await readRootCredentials(dir, '999999999999'), undefined);
  await writeRootCredentials(dir, { ...creds, accessKeyId: 'AKIABBBBBBBBBBBBBBBB' });
  assert.equal(JSON.parse(await readFile(file, 'utf8')).accessKeyId, 'AKIABBBBBBBBBBBBBBBB');
  assert.equal((await readdir(dir)).filter((f) => f.startsWith('root-credentials.json.replaced-')).length, 1);
});

test('database URLs are logged without their password', () => {
  assert.equal(redactUrl('postgres://iamd:hunter2@db:5432/iamd'), 'postgres://iamd:***@db:5432/iamd');
  assert.equal(redactUrl('postgres://db/iamd'), 'postgres://db/iamd');
  assert.equal(redactUrl('::not a url::'), '(unparseable URL)');
});
