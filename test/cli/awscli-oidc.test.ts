import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock } from '../../src/shared/index.ts';
import { startOidcTestServer, TEST_ISSUER } from '../e2e/oidc-issuer.ts';
import { rootEnv, runScript, skipWithoutAwsCli } from './run-script.ts';

const skip = skipWithoutAwsCli('the AWS CLI OIDC script');

test('OIDC federation with the AWS CLI (provider, trusting role, assume-role-with-web-identity) passes', { skip, timeout: 180_000 }, async () => {
  const clock = new ManualClock(Date.now());
  const t = await startOidcTestServer({ clock, accountId: '123456789012' });
  try {
    const token = await t.issuer.token({ aud: 'sts.amazonaws.com', sub: 'repo:acme/app:ref:refs/heads/main' }, clock.now());
    const other = await t.issuer.token({ aud: 'sts.amazonaws.com', sub: 'repo:evil/app:ref:refs/heads/main' }, clock.now());
    const { code, output } = await runScript('awscli-oidc.sh', {
      ...rootEnv(t.server.url, t.server.rootCredentials!),
      OIDC_ISSUER: TEST_ISSUER,
      OIDC_TOKEN: token,
      OIDC_OTHER_TOKEN: other,
    });
    assert.equal(code, 0, output);
    assert.match(output, /OK: AWS CLI OIDC federation passed/);
  } finally {
    await t.close();
  }
});
