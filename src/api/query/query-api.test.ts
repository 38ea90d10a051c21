import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import type { CredentialResolver, IamOperations } from '../../identity/index.ts';
import { ManualClock } from '../../shared/index.ts';
import { signWithSdk, TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from '../../sigv4/test-signer.ts';
import { Authenticator } from './authenticator.ts';
import { registerQueryApi } from './query-api.ts';

const ACCOUNT = '123456789012';
const signedAt = new Date('2026-11-22T12:00:00Z');

/** A Query API over fake services: `iam` is whatever the test needs (only the methods it calls). */
async function appWith(iam: Partial<IamOperations>) {
  const errors: object[] = [];
  const credentials: CredentialResolver = {
    resolve: async (id) =>
      id === TEST_ACCESS_KEY_ID
        ? {
            accessKeyId: id,
            secretAccessKey: TEST_SECRET_ACCESS_KEY,
            status: 'Active',
            accountId: ACCOUNT,
            caller: { type: 'root', accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, userId: ACCOUNT },
          }
        : undefined,
    recordUse: () => undefined,
    flush: async () => undefined,
  };
  const app = Fastify({ logger: false });
  registerQueryApi(app, {
    services: {
      iam: iam as IamOperations,
      credentials,
      // Enforcement's sources: these tests call as the root user, who needs none of them.
      policies: { load: async () => undefined, onChange: () => () => undefined },
      resources: { describe: async () => undefined },
      roles: { getTrustPolicy: async () => undefined },
    },
    authenticator: new Authenticator({ credentials, clock: new ManualClock(signedAt) }),
    bodyLimit: 4096,
    logger: { error: (details) => errors.push(details) },
  });
  return { app, errors };
}

async function send(app: Awaited<ReturnType<typeof appWith>>['app'], body: string, service = 'iam') {
  const req = await signWithSdk({
    host: 'localhost:4599',
    body,
    service,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    signingDate: signedAt,
  });
  return app.inject({ method: 'POST', url: '/', headers: req.headers as Record<string, string>, payload: body });
}

test('a handler gets the decoded input and a context with the partition; its output is the XML result', async () => {
  let seen: unknown;
  const { app } = await appWith({
    getUser: async (ctx, input) => {
      seen = { input, partition: ctx.partition, account: ctx.accountId };
      return {
        User: {
          Path: '/',
          UserName: 'a',
          UserId: 'AIDA',
          Arn: 'arn:aws:iam::123456789012:user/a',
          CreateDate: signedAt,
        },
      };
    },
  });
  const res = await send(app, 'Action=GetUser&Version=2010-05-08&UserName=a');
  assert.equal(res.statusCode, 200);
  assert.deepEqual(seen, { input: { UserName: 'a' }, partition: 'aws', account: ACCOUNT });
  assert.match(res.body, /<GetUserResult><User><Path>\/<\/Path><UserName>a<\/UserName>/);
  assert.match(String(res.headers['content-type']), /^text\/xml/);
  assert.equal(res.headers['x-amzn-requestid'], /<RequestId>([^<]+)</.exec(res.body)?.[1]);
});

test('an unexpected failure is 500 InternalFailure carrying only the request id, and it is logged', async () => {
  const { app, errors } = await appWith({
    listUsers: async () => {
      throw new Error('connection to postgres://admin:hunter2@db lost');
    },
  });
  const res = await send(app, 'Action=ListUsers&Version=2010-05-08');
  assert.equal(res.statusCode, 500);
  assert.match(res.body, /<Error><Type>Receiver<\/Type><Code>InternalFailure<\/Code><\/Error><RequestId>/);
  assert.doesNotMatch(res.body, /hunter2/);
  assert.equal(errors.length, 1);
});

test('an STS action answers in the STS namespace, errors included', async () => {
  const { app } = await appWith({});
  const ok = await send(app, 'Action=GetCallerIdentity&Version=2011-06-15', 'sts');
  assert.match(ok.body, /<GetCallerIdentityResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">/);
  assert.match(ok.body, /<UserId>123456789012<\/UserId><Account>123456789012<\/Account>/);
  const bad = await send(app, 'Action=GetAccessKeyInfo&Version=2011-06-15', 'sts');
  assert.equal(bad.statusCode, 400);
  assert.match(
    bad.body,
    /<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>ValidationError<\/Code>/,
  );
});

test('a body over the limit is an XML InvalidParameterValue, not fastify JSON', async () => {
  const { app } = await appWith({});
  const res = await app.inject({ method: 'POST', url: '/', payload: `Action=ListUsers&x=${'a'.repeat(5000)}` });
  assert.equal(res.statusCode, 400);
  assert.match(
    res.body,
    /<Code>InvalidParameterValue<\/Code><Message>The request body exceeds the maximum size of 4096 bytes\.<\/Message>/,
  );
});
