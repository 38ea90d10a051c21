import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, DEFAULT_ACCOUNT_ID, DEFAULT_PORT, loadServerConfig } from './server-config.ts';

test('defaults: 127.0.0.1:4599, ./.iamd, account 123456789012, not dev', () => {
  const c = loadServerConfig({}, {});
  assert.equal(c.host, '127.0.0.1');
  assert.equal(c.port, DEFAULT_PORT);
  assert.equal(c.dataDir, './.iamd');
  assert.equal(c.accountId, DEFAULT_ACCOUNT_ID);
  assert.equal(c.dev, false);
  assert.equal(c.databaseUrl, undefined);
});

test('environment values are read and flags override them', () => {
  const c = loadServerConfig(
    { port: '5000', dev: true },
    { IAMD_PORT: '4000', IAMD_HOST: '0.0.0.0', IAMD_DEV: '0', IAMD_ACCOUNT_ID: '111122223333' },
  );
  assert.equal(c.port, 5000);
  assert.equal(c.host, '0.0.0.0');
  assert.equal(c.dev, true);
  assert.equal(c.accountId, '111122223333');
});

test('the master key is accepted as 64 hex characters or as base64 of 32 bytes', () => {
  const hex = 'ab'.repeat(32);
  assert.equal(loadServerConfig({}, { IAMD_MASTER_KEY: hex }).masterKey?.toString('hex'), hex);
  const b64 = Buffer.alloc(32, 7).toString('base64');
  assert.deepEqual(loadServerConfig({}, { IAMD_MASTER_KEY: b64 }).masterKey, Buffer.alloc(32, 7));
});

test('the cache poll interval defaults to 1000 ms; env and flag set it within 100..60000', () => {
  assert.equal(loadServerConfig({}, {}).cachePollMs, 1000);
  assert.equal(loadServerConfig({}, { IAMD_CACHE_POLL_MS: '250' }).cachePollMs, 250);
  assert.equal(loadServerConfig({ cachePollMs: '100' }, { IAMD_CACHE_POLL_MS: '250' }).cachePollMs, 100);
  for (const v of ['99', '60001', '1.5', 'fast']) {
    assert.throws(
      () => loadServerConfig({}, { IAMD_CACHE_POLL_MS: v }),
      (e: unknown) => e instanceof ConfigError && /IAMD_CACHE_POLL_MS \(--cache-poll-ms\): .*100 to 60000/.test(e.message),
    );
  }
});

const bad: [string, Record<string, string>, RegExp][] = [
  ['a port that is not a number names IAMD_PORT', { IAMD_PORT: 'abc' }, /IAMD_PORT \(--port\)/],
  ['a port out of range names IAMD_PORT', { IAMD_PORT: '70000' }, /IAMD_PORT .*port from 0 to 65535/],
  [
    'an account id of 11 digits names IAMD_ACCOUNT_ID',
    { IAMD_ACCOUNT_ID: '12345678901' },
    /IAMD_ACCOUNT_ID .*12 digits/,
  ],
  ['a short master key names IAMD_MASTER_KEY', { IAMD_MASTER_KEY: 'abcd' }, /IAMD_MASTER_KEY: must be 32 bytes/],
  ['a MySQL URL names IAMD_DATABASE_URL', { IAMD_DATABASE_URL: 'mysql://x' }, /IAMD_DATABASE_URL .*postgres/],
  ['IAMD_DEV=maybe names IAMD_DEV', { IAMD_DEV: 'maybe' }, /IAMD_DEV/],
  ['an unknown IAMD_ variable is rejected by name', { IAMD_PROT: '1' }, /IAMD_PROT: unknown setting/],
  [
    'a root key id without its secret is rejected',
    { IAMD_ROOT_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE' },
    /give both or neither/,
  ],
];
for (const [name, env, message] of bad) {
  test(name, () => {
    assert.throws(
      () => loadServerConfig({}, env),
      (e: unknown) => e instanceof ConfigError && message.test(e.message),
    );
  });
}

test('secrets are never echoed in configuration errors', () => {
  assert.throws(
    () => loadServerConfig({}, { IAMD_MASTER_KEY: 'topsecret', IAMD_ROOT_SECRET_ACCESS_KEY: 'x' }),
    (e: unknown) => e instanceof ConfigError && !/topsecret/.test(e.message),
  );
});

test('test-suite variables (IAMD_TEST_*) are allowed', () => {
  assert.doesNotThrow(() => loadServerConfig({}, { IAMD_TEST_POSTGRES_URL: 'postgres://x' }));
});

test('IAMD_TRUST_PROXY: off by default; true, or a list of proxy addresses and CIDRs; anything else is refused', () => {
  assert.equal(loadServerConfig({}, {}).trustProxy, false);
  assert.equal(loadServerConfig({}, { IAMD_TRUST_PROXY: 'true' }).trustProxy, true);
  assert.deepEqual(loadServerConfig({}, { IAMD_TRUST_PROXY: '10.0.0.1, 192.168.0.0/16' }).trustProxy, [
    '10.0.0.1',
    '192.168.0.0/16',
  ]);
  assert.throws(
    () => loadServerConfig({}, { IAMD_TRUST_PROXY: 'everyone' }),
    (e: unknown) => e instanceof ConfigError && /IAMD_TRUST_PROXY \(--trust-proxy\)/.test(e.message),
  );
});

test('IAMD_OIDC_ISSUER_MAP: https issuer=URL pairs, only in dev mode', () => {
  const map = 'https://issuer.test=http://127.0.0.1:9000, https://b.test/t=http://127.0.0.1:9001/t';
  assert.equal(loadServerConfig({}, { IAMD_DEV: '1', IAMD_OIDC_ISSUER_MAP: map }).oidcIssuerMap, map);
  assert.equal(loadServerConfig({}, {}).oidcIssuerMap, undefined);
  assert.throws(
    () => loadServerConfig({}, { IAMD_OIDC_ISSUER_MAP: 'https://issuer.test=http://127.0.0.1:9000' }),
    (e: unknown) => e instanceof ConfigError && /IAMD_OIDC_ISSUER_MAP \(--oidc-issuer-map\): needs IAMD_DEV/.test(e.message),
  );
  assert.throws(
    () => loadServerConfig({}, { IAMD_DEV: '1', IAMD_OIDC_ISSUER_MAP: 'http://issuer.test=http://127.0.0.1:9000' }),
    (e: unknown) => e instanceof ConfigError && /must be https:\/\/ISSUER=URL pairs/.test(e.message),
  );
});
