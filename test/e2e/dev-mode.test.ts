import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateAccessKeyCommand, CreateUserCommand, GetUserCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { rawRequest, rejection, startTestServer, type TestServer } from './harness.ts';

describe('dev mode (--dev / IAMD_DEV=1)', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ dev: true });
  });
  after(() => t.close());
  const stranger = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

  test('/healthz reports dev mode', async () => {
    const r = await rawRequest(t.port, { method: 'GET', path: '/healthz' });
    assert.equal(r.status, 200);
    assert.equal(JSON.parse(r.body).mode, 'dev');
  });

  test('an unknown access key acts as the root user of the default account', async () => {
    const who = await t.sts({ credentials: stranger }).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, `arn:aws:iam::${t.server.accountId}:root`);
    const { User } = await t
      .iam({ credentials: stranger })
      .send(new CreateUserCommand({ UserName: 'made-by-stranger' }));
    assert.equal(User?.Arn, `arn:aws:iam::${t.server.accountId}:user/made-by-stranger`);
  });

  test('known keys are still verified: a wrong secret is SignatureDoesNotMatch', async () => {
    const e = await rejection(
      t
        .iam({ credentials: { accessKeyId: t.root.accessKeyId, secretAccessKey: 'z'.repeat(40) } })
        .send(new GetUserCommand({})),
    );
    assert.equal(e.name, 'SignatureDoesNotMatch');
  });

  test('POST /_iamd/reset wipes every entity and keeps the root credentials working', async () => {
    const { AccessKey } = await t.iam().send(new CreateAccessKeyCommand({ UserName: 'made-by-stranger' }));
    const r = await rawRequest(t.port, { path: '/_iamd/reset' });
    assert.equal(r.status, 200, r.body);
    const users = await t.iam().send(new ListUsersCommand({}));
    assert.deepEqual(users.Users, []);
    const who = await t.sts().send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, `arn:aws:iam::${t.server.accountId}:root`);
    // The wiped user's key is now unknown, so dev mode treats it as the root user again.
    const former = await t
      .sts({ credentials: { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! } })
      .send(new GetCallerIdentityCommand({}));
    assert.equal(former.Arn, `arn:aws:iam::${t.server.accountId}:root`);
  });
});

describe('outside dev mode', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  test('/healthz reports standard mode and /readyz says ready', async () => {
    const health = await rawRequest(t.port, { method: 'GET', path: '/healthz' });
    assert.equal(JSON.parse(health.body).mode, 'standard');
    const ready = await rawRequest(t.port, { method: 'GET', path: '/readyz' });
    assert.equal(ready.status, 200);
  });
});
