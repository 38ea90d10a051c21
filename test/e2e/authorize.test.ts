import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateRoleCommand,
  type IAMClient,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { SignatureV4 } from '@smithy/signature-v4';
import { createIamdClient, type ForwardedRequest, type IamdClient } from '../../src/client/index.ts';
import { NodeSha256 } from '../../src/client/node-sha256.ts';
import { type Credentials, rawRequest, signedRequest, startTestServer, type TestServer } from './harness.ts';
import { doc, failure, newUser, s3Request } from './platform-fixture.ts';

const READ_PUBLIC = doc([
  { Sid: 'ReadPublic', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/public/*' },
]);

describe('authorize API: SigV4 on the platform’s behalf, decisions with reasons (through iamd/client)', () => {
  let t: TestServer;
  let iam: IAMClient;
  let api: IamdClient;
  let alice: Credentials & { arn: string };
  let account: string;
  before(async () => {
    t = await startTestServer();
    iam = t.iam();
    account = t.server.accountId;
    api = createIamdClient({ endpoint: t.url, credentials: t.root });
    alice = await newUser(iam, 'alice', READ_PUBLIC);
  });
  after(async () => {
    api.close();
    await t.close();
  });

  const get = (arn: string) => ({ action: 's3:GetObject', resource: { arn, accountId: account } });

  test('a signed request inside the allowed prefix is allowed, with the principal and the deciding statement', async () => {
    const answer = await api.authorize({
      request: await s3Request(alice, '/bucket/public/a.txt'),
      ...get('arn:aws:s3:::bucket/public/a.txt'),
    });
    assert.equal(answer.decision, 'Allow');
    assert.equal(answer.principal.arn, alice.arn);
    assert.equal(answer.principal.type, 'user');
    assert.equal(answer.principal.accountId, account);
    assert.match(answer.principal.userId ?? '', /^AIDA/);
    assert.deepEqual(
      answer.reasons.map((r) => [r.kind, r.sid, r.effect]),
      [['identity', 'ReadPublic', 'Allow']],
    );
  });

  test('outside the prefix the answer is Deny with AWS’s AccessDenied message', async () => {
    const answer = await api.authorize({
      request: await s3Request(alice, '/bucket/private/a.txt'),
      ...get('arn:aws:s3:::bucket/private/a.txt'),
    });
    assert.equal(answer.decision, 'Deny');
    assert.equal(answer.detail, 'ImplicitDeny');
    assert.equal(
      answer.message,
      `User: ${alice.arn} is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::bucket/private/a.txt because no identity-based policy allows the s3:GetObject action`,
    );
  });

  const signatureCases: {
    name: string;
    forward: () => Promise<ForwardedRequest>;
    code: string;
    status: number;
  }[] = [
    {
      name: 'a tampered path is SignatureDoesNotMatch (403)',
      forward: async () => ({ ...(await s3Request(alice, '/bucket/public/a.txt')), path: '/bucket/public/b.txt' }),
      code: 'SignatureDoesNotMatch',
      status: 403,
    },
    {
      name: 'a wrong secret is SignatureDoesNotMatch (403)',
      forward: () => s3Request({ ...alice, secretAccessKey: 'x'.repeat(40) }, '/bucket/public/a.txt'),
      code: 'SignatureDoesNotMatch',
      status: 403,
    },
    {
      name: 'an unknown key is InvalidAccessKeyId for S3 (403)',
      forward: () => s3Request({ accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' }, '/bucket/a'),
      code: 'InvalidAccessKeyId',
      status: 403,
    },
    {
      name: 'an unknown key is InvalidClientTokenId for other services (403)',
      forward: () =>
        s3Request({ accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' }, '/things/1', { service: 'things' }),
      code: 'InvalidClientTokenId',
      status: 403,
    },
    {
      name: 'a request signed 20 minutes ago is RequestTimeTooSkewed for S3 (403)',
      forward: () => s3Request(alice, '/bucket/public/a.txt', { signingDate: new Date(Date.now() - 20 * 60_000) }),
      code: 'RequestTimeTooSkewed',
      status: 403,
    },
    {
      name: 'a session token iamd cannot open is InvalidToken for S3 (400)',
      forward: () => s3Request({ ...alice, sessionToken: 'not-a-token' }, '/bucket/public/a.txt'),
      code: 'InvalidToken',
      status: 400,
    },
    {
      name: 'a malformed Authorization header is AuthorizationHeaderMalformed for S3 (400)',
      forward: async () => {
        const r = await s3Request(alice, '/bucket/public/a.txt');
        const auth = String(r.headers.authorization).replace(/SignedHeaders=[^,]*,/, '');
        return { ...r, headers: { ...r.headers, authorization: auth } };
      },
      code: 'AuthorizationHeaderMalformed',
      status: 400,
    },
  ];
  for (const c of signatureCases) {
    test(c.name, async () => {
      const e = await failure(api.authorize({ request: await c.forward(), ...get('arn:aws:s3:::bucket/a') }));
      assert.equal(e.code, c.code);
      assert.equal(e.status, c.status);
      assert.equal(e.subject, 'request');
      assert.doesNotMatch(e.message, new RegExp(alice.secretAccessKey));
    });
  }

  test('a deactivated key is InvalidAccessKeyId at once (no cached verification outlives it)', async () => {
    const carol = await newUser(iam, 'carol', READ_PUBLIC);
    const ok = await api.authorize({
      request: await s3Request(carol, '/bucket/public/a'),
      ...get('arn:aws:s3:::bucket/public/a'),
    });
    assert.equal(ok.decision, 'Allow');
    await iam.send(
      new UpdateAccessKeyCommand({ UserName: 'carol', AccessKeyId: carol.accessKeyId, Status: 'Inactive' }),
    );
    const e = await failure(
      api.authorize({ request: await s3Request(carol, '/bucket/public/a'), ...get('arn:aws:s3:::bucket/public/a') }),
    );
    assert.equal(e.code, 'InvalidAccessKeyId');
  });

  test('an unsigned request is anonymous: allowed only where the resource policy names "Principal": "*"', async () => {
    const unsigned = { method: 'GET', path: '/bucket/open/x', headers: { host: 'objects.local' } };
    const open = doc([
      { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/open/*' },
    ]);
    const allowed = await api.authorize({
      request: unsigned,
      ...get('arn:aws:s3:::bucket/open/x'),
      resourcePolicy: open,
    });
    assert.equal(allowed.decision, 'Allow');
    assert.equal(allowed.principal.type, 'anonymous');
    assert.deepEqual(
      allowed.reasons.map((r) => r.kind),
      ['resource'],
    );
    const closed = await api.authorize({ request: unsigned, ...get('arn:aws:s3:::bucket/open/x') });
    assert.equal(closed.decision, 'Deny');
  });

  test('an explicit Deny in the resource policy wins over the identity Allow', async () => {
    const deny = doc([
      { Sid: 'NoReads', Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' },
    ]);
    const answer = await api.authorize({
      request: await s3Request(alice, '/bucket/public/a.txt'),
      ...get('arn:aws:s3:::bucket/public/a.txt'),
      resourcePolicy: deny,
    });
    assert.equal(answer.detail, 'ExplicitDeny');
    // Every matching statement is listed; the Deny among them decided.
    assert.deepEqual(
      answer.reasons.map((r) => [r.kind, r.sid, r.effect]),
      [
        ['identity', 'ReadPublic', 'Allow'],
        ['resource', 'NoReads', 'Deny'],
      ],
    );
    assert.equal(answer.perKind.resource, 'ExplicitDeny');
    assert.match(answer.message, /with an explicit deny in a resource-based policy/);
  });

  test('missing context keys are reported', async () => {
    const { accessKeyId, secretAccessKey } = await newUser(
      iam,
      'dave',
      doc([
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: '*',
          Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
        },
      ]),
    );
    const creds = { accessKeyId, secretAccessKey };
    const without = await api.authorize({ request: await s3Request(creds, '/b/k'), ...get('arn:aws:s3:::b/k') });
    assert.equal(without.decision, 'Deny');
    assert.deepEqual(without.missingContextKeys, ['aws:SourceIp']);
    const within = await api.authorize({
      request: await s3Request(creds, '/b/k'),
      ...get('arn:aws:s3:::b/k'),
      context: { 'aws:SourceIp': '10.1.2.3' },
    });
    assert.equal(within.decision, 'Allow');
  });

  test('principalArn: a user, the root, an assumed-role session; unknown is 404, nonsense is 400', async () => {
    const user = await api.authorize({ principalArn: alice.arn, ...get('arn:aws:s3:::bucket/public/z') });
    assert.equal(user.decision, 'Allow');
    const root = await api.authorize({ principalArn: `arn:aws:iam::${account}:root`, ...get('arn:aws:s3:::x/y') });
    assert.equal(root.decision, 'Allow');
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'reader',
        AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: account }, Action: 'sts:AssumeRole' }]),
      }),
    );
    await iam.send(new PutRolePolicyCommand({ RoleName: 'reader', PolicyName: 'p', PolicyDocument: READ_PUBLIC }));
    const session = await api.authorize({
      principalArn: `arn:aws:sts::${account}:assumed-role/reader/s1`,
      ...get('arn:aws:s3:::bucket/public/z'),
    });
    assert.equal(session.decision, 'Allow');
    assert.equal(session.principal.type, 'role-session');
    assert.match(session.principal.userId ?? '', /^AROA.*:s1$/);
    const missing = await failure(api.authorize({ principalArn: `arn:aws:iam::${account}:user/nobody`, ...get('*') }));
    assert.equal(missing.code, 'NoSuchEntity');
    assert.equal(missing.status, 404);
    const bad = await failure(api.authorize({ principalArn: 'alice', ...get('*') }));
    assert.equal(bad.status, 400);
  });

  test('a role session of another account needs the bucket policy grant and its role’s identity policy', async () => {
    const other = await t.server.services.accounts.createAccount();
    const otherIam = t.iam({ credentials: other.rootCredentials });
    await otherIam.send(
      new CreateRoleCommand({
        RoleName: 'app',
        AssumeRolePolicyDocument: doc([
          { Effect: 'Allow', Principal: { AWS: other.accountId }, Action: 'sts:AssumeRole' },
        ]),
      }),
    );
    const bucketPolicy = doc([
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${other.accountId}:role/app` },
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::bucket/shared/*',
      },
    ]);
    const ask = (key: string) =>
      api.authorize({
        principalArn: `arn:aws:sts::${other.accountId}:assumed-role/app/worker`,
        ...get(`arn:aws:s3:::bucket/${key}`),
        resourcePolicy: bucketPolicy,
      });
    assert.equal((await ask('shared/x')).decision, 'Deny');
    await otherIam.send(
      new PutRolePolicyCommand({
        RoleName: 'app',
        PolicyName: 'read',
        PolicyDocument: doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }]),
      }),
    );
    const allowed = await ask('shared/x');
    assert.equal(allowed.decision, 'Allow');
    assert.deepEqual(allowed.reasons.map((r) => r.kind).sort(), ['identity', 'resource']);
    assert.equal((await ask('private/x')).decision, 'Deny');
  });

  test('a presigned S3 URL is verified (UNSIGNED-PAYLOAD); past X-Amz-Expires it is AccessDenied', async () => {
    const presign = async (signingDate: Date) => {
      const signer = new SignatureV4({
        credentials: alice,
        region: 'us-east-1',
        service: 's3',
        sha256: NodeSha256,
        uriEscapePath: false,
      });
      const signed = await signer.presign(
        {
          method: 'GET',
          protocol: 'http:',
          hostname: 'objects.local',
          path: '/bucket/public/p.txt',
          query: {},
          // As S3's presigner does: the payload line is UNSIGNED-PAYLOAD and the header itself is not signed.
          headers: { host: 'objects.local', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
        },
        { signingDate, expiresIn: 60, unsignableHeaders: new Set(['x-amz-content-sha256']) },
      );
      const query = Object.entries(signed.query ?? {})
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
        .join('&');
      return { method: 'GET', path: `/bucket/public/p.txt?${query}`, headers: { host: 'objects.local' } };
    };
    const fresh = await api.authorize({
      request: await presign(new Date()),
      ...get('arn:aws:s3:::bucket/public/p.txt'),
    });
    assert.equal(fresh.decision, 'Allow');
    const stale = await failure(
      api.authorize({
        request: await presign(new Date(Date.now() - 120_000)),
        ...get('arn:aws:s3:::bucket/public/p.txt'),
      }),
    );
    assert.equal(stale.code, 'AccessDenied');
    assert.equal(stale.message, 'Request has expired');
  });

  test('a batch answers each question in order; more than 100 questions is a 400', async () => {
    const request = await s3Request(alice, '/bucket/public/a.txt');
    const { principal, results } = await api.authorizeBatch({
      request,
      questions: ['public/a', 'private/a', 'public/b'].map((k) => get(`arn:aws:s3:::bucket/${k}`)),
    });
    assert.equal(principal.arn, alice.arn);
    assert.deepEqual(
      results.map((r) => r.decision),
      ['Allow', 'Deny', 'Allow'],
    );
    const tooMany = await failure(
      api.authorizeBatch({ request, questions: Array.from({ length: 101 }, () => get('arn:aws:s3:::bucket/x')) }),
    );
    assert.equal(tooMany.code, 'ValidationError');
    assert.equal(tooMany.status, 400);
    assert.match(tooMany.message, /at most 100/);
  });

  test('input errors are 400s naming the field; a malformed resource policy lists its findings', async () => {
    const cases: [unknown, string][] = [
      [{ principalArn: alice.arn, resource: { arn: '*' } }, 'action'],
      [{ principalArn: alice.arn, action: 'GetObject', resource: { arn: '*' } }, 'action'],
      [{ principalArn: alice.arn, action: 's3:GetObject', resource: { arn: '*' }, extra: 1 }, 'extra'],
      [{ action: 's3:GetObject', resource: { arn: '*' } }, 'principalArn'],
    ];
    for (const [body, field] of cases) {
      const e = await failure(api.authorize(body as never));
      assert.equal(e.status, 400, JSON.stringify(body));
      assert.match(e.message, new RegExp(field));
    }
    const malformed = await failure(
      api.authorize({ principalArn: alice.arn, ...get('arn:aws:s3:::b/k'), resourcePolicy: { Statement: 'nope' } }),
    );
    assert.equal(malformed.code, 'MalformedPolicyDocument');
  });

  test('the API caller must be signed for iamd and allowed iamd:Authorize', async () => {
    const body = JSON.stringify({ principalArn: alice.arn, ...get('*') });
    const unsigned = await rawRequest(t.port, {
      path: '/v1/authorize',
      body,
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(unsigned.status, 403);
    assert.equal(JSON.parse(unsigned.body).error.code, 'MissingAuthenticationToken');
    const wrongService = await signedRequest(t.port, body, {
      credentials: t.root,
      service: 'iam',
      path: '/v1/authorize',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(JSON.parse(wrongService.body).error.code, 'SignatureDoesNotMatch');
    const erin = await newUser(iam, 'erin');
    const denied = await failure(
      createIamdClient({ endpoint: t.url, credentials: erin }).authorize({ principalArn: alice.arn, ...get('*') }),
    );
    assert.equal(denied.code, 'AccessDenied');
    assert.equal(denied.subject, 'caller');
    assert.match(denied.message, /iamd:Authorize/);
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'erin',
        PolicyName: 'platform',
        PolicyDocument: doc([{ Effect: 'Allow', Action: 'iamd:Authorize', Resource: '*' }]),
      }),
    );
    const platform = createIamdClient({ endpoint: t.url, credentials: erin });
    const allowed = await platform.authorize({ principalArn: alice.arn, ...get('arn:aws:s3:::bucket/public/q') });
    assert.equal(allowed.decision, 'Allow');
    platform.close();
  });

  test('a policy change is seen by the next answer (the principal cache is invalidated on write)', async () => {
    const frank = await newUser(iam, 'frank', READ_PUBLIC);
    const q = get('arn:aws:s3:::bucket/public/a');
    assert.equal((await api.authorize({ principalArn: frank.arn, ...q })).decision, 'Allow');
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'frank',
        PolicyName: 'deny',
        PolicyDocument: doc([{ Effect: 'Deny', Action: 's3:*', Resource: '*' }]),
      }),
    );
    assert.equal((await api.authorize({ principalArn: frank.arn, ...q })).detail, 'ExplicitDeny');
  });

  test('simulate runs a scenario; an invalid one is a 400 naming the problem', async () => {
    const scenario = {
      request: {
        principal: { type: 'user', arn: `arn:aws:iam::${account}:user/x`, accountId: account },
        action: 's3:GetObject',
        resource: { arn: 'arn:aws:s3:::b/k', accountId: account },
      },
      policies: { identity: [JSON.parse(READ_PUBLIC)] },
      expected: 'ImplicitDeny',
    };
    const result = await api.simulate(scenario);
    assert.equal(result.decision, 'ImplicitDeny');
    assert.equal(result.pass, true);
    const e = await failure(api.simulate({ request: {} }));
    assert.equal(e.status, 400);
  });

  test('the OpenAPI description is served without signing', async () => {
    const res = await rawRequest(t.port, { method: 'GET', path: '/v1/openapi.json' });
    assert.equal(res.status, 200);
    const spec = JSON.parse(res.body);
    assert.equal(spec.openapi, '3.1.0');
    assert.deepEqual(Object.keys(spec.paths).sort(), [
      '/v1/authorize',
      '/v1/authorize/batch',
      '/v1/openapi.json',
      '/v1/security/status',
      '/v1/sign-in',
      '/v1/simulate',
    ]);
  });
});
