/**
 * AssumeRoleWithWebIdentity end to end: a local OpenID Connect issuer on 127.0.0.1 serving its own discovery
 * document and JWKS over http, iamd mapping the https issuer URL to it, and @aws-sdk/client-sts plus
 * @aws-sdk/credential-providers `fromWebToken` as the callers.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  CreateOpenIDConnectProviderCommand,
  CreateRoleCommand,
  GetUserCommand,
  IAMClient,
  ListRolesCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromWebToken } from '@aws-sdk/credential-providers';
import { type CryptoKey, generateKeyPair } from 'jose';
import type { RunningServer } from '../../src/server/index.ts';
import { ManualClock } from '../../src/shared/index.ts';
import { TestIssuer } from '../../src/sts/web-identity-fixture.ts';
import { type OidcTestServer, startOidcTestServer, TEST_ISSUER } from './oidc-issuer.ts';

const A = '123456789012';
const ISSUER = TEST_ISSUER;
const PROVIDER = `arn:aws:iam::${A}:oidc-provider/issuer.test`;
const ROLE = `arn:aws:iam::${A}:role/ci-deploy`;

type Failure = Error & { $metadata?: { httpStatusCode?: number } };
async function rejects(p: Promise<unknown>, name: string, status: number, message?: RegExp): Promise<void> {
  await assert.rejects(p, (e: Failure) => {
    assert.equal(e.name, name, e.message);
    assert.equal(e.$metadata?.httpStatusCode, status);
    if (message) assert.match(e.message, message);
    return true;
  });
}

describe('AssumeRoleWithWebIdentity through the AWS SDK against a local issuer', () => {
  const clock = new ManualClock();
  let fixture: OidcTestServer;
  let issuer: TestIssuer;
  let server: RunningServer;
  let iam: IAMClient;
  let sts: STSClient;

  before(async () => {
    clock.set(Date.now());
    fixture = await startOidcTestServer({ clock, accountId: A });
    ({ issuer, server } = fixture);
    const root = server.rootCredentials!;
    iam = new IAMClient({ endpoint: server.url, region: 'us-east-1', credentials: root, maxAttempts: 1 });
    // Unsigned on the wire: the SDK sends AssumeRoleWithWebIdentity without credentials.
    sts = new STSClient({ endpoint: server.url, region: 'us-east-1', maxAttempts: 1 });

    await iam.send(
      new CreateOpenIDConnectProviderCommand({ Url: ISSUER, ClientIDList: ['sts.amazonaws.com'] }),
    );
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'ci-deploy',
        MaxSessionDuration: 7200,
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: PROVIDER },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringEquals: { 'issuer.test:aud': 'sts.amazonaws.com' },
                StringLike: { 'issuer.test:sub': 'repo:acme/app:*' },
              },
            },
          ],
        }),
      }),
    );
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'ci-deploy',
        PolicyName: 'read',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['iam:ListUsers', 'iam:GetUser'], Resource: '*' },
            // Only sessions that came through this provider may list roles (aws:FederatedProvider on later requests).
            {
              Effect: 'Allow',
              Action: 'iam:ListRoles',
              Resource: '*',
              Condition: { StringEquals: { 'aws:FederatedProvider': PROVIDER } },
            },
          ],
        }),
      }),
    );
  });
  after(() => fixture.close());

  const token = (claims: object = {}, options: { kid?: string; signWith?: CryptoKey; expiresIn?: number } = {}) =>
    issuer.token({ aud: 'sts.amazonaws.com', sub: 'repo:acme/app:ref:refs/heads/main', ...claims }, clock.now(), options);
  const assume = async (t: string, extra: object = {}) =>
    sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: 'gh-run', WebIdentityToken: t, ...extra }));

  it('a matching token gets credentials that work and are narrowed by a session policy', async () => {
    const out = await assume(await token(), {
      DurationSeconds: 900,
      Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }] }),
    });
    assert.equal(out.SubjectFromWebIdentityToken, 'repo:acme/app:ref:refs/heads/main');
    assert.equal(out.Provider, PROVIDER);
    assert.equal(out.Audience, 'sts.amazonaws.com');
    assert.equal(out.AssumedRoleUser?.Arn, `arn:aws:sts::${A}:assumed-role/ci-deploy/gh-run`);
    assert.ok((out.PackedPolicySize ?? 0) > 0);
    const c = out.Credentials!;
    assert.match(c.AccessKeyId!, /^ASIA/);
    assert.equal(c.Expiration!.getTime(), Math.floor(clock.now().getTime() / 1000) * 1000 + 900_000);
    const credentials = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    const asSession = new STSClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    const me = await asSession.send(new GetCallerIdentityCommand({}));
    assert.equal(me.Arn, `arn:aws:sts::${A}:assumed-role/ci-deploy/gh-run`);
    assert.equal(me.Account, A);
    const sessionIam = new IAMClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    await rejects(sessionIam.send(new ListUsersCommand({})), 'AccessDenied', 403, /session policy/);
    await rejects(sessionIam.send(new GetUserCommand({ UserName: 'nobody' })), 'NoSuchEntityException', 404);
  });

  it('fromWebToken resolves credentials from iamd', async () => {
    const provider = fromWebToken({
      roleArn: ROLE,
      roleSessionName: 'sdk',
      webIdentityToken: await token(),
      clientConfig: { endpoint: server.url, region: 'us-east-1', maxAttempts: 1 },
    });
    const credentials = await provider();
    assert.match(credentials.accessKeyId, /^ASIA/);
    const iamAsRole = new IAMClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    const users = await iamAsRole.send(new ListUsersCommand({}));
    assert.ok(Array.isArray(users.Users));
    const roles = await iamAsRole.send(new ListRolesCommand({}));
    assert.ok(roles.Roles?.some((r) => r.RoleName === 'ci-deploy'), 'aws:FederatedProvider is set on the session requests');
  });

  it('wrong audience, wrong signature, malformed token, unknown provider: InvalidIdentityToken (400)', async () => {
    await rejects(assume(await token({ aud: 'someone-else' })), 'InvalidIdentityTokenException', 400, /Incorrect token audience/);
    const { privateKey } = await generateKeyPair('RS256');
    await rejects(assume(await token({}, { signWith: privateKey })), 'InvalidIdentityTokenException', 400, /signature/);
    await rejects(assume('this.is.not-a-jwt'), 'InvalidIdentityTokenException', 400, /not a valid JWT/);
    const stranger = await TestIssuer.create('https://stranger.test');
    const foreign = await stranger.token({ aud: 'sts.amazonaws.com', sub: 'repo:acme/app:x' }, clock.now());
    await rejects(assume(foreign), 'InvalidIdentityTokenException', 400, /No OpenIDConnect provider found in your account for https:\/\/stranger.test/);
  });

  it('an expired token: ExpiredTokenException (400), on the injected clock', async () => {
    const t = await token({}, { expiresIn: 60 });
    clock.advance(60_000 + 301_000);
    await rejects(assume(t), 'ExpiredTokenException', 400, /Token expired/);
  });

  it('a sub the trust policy does not accept: AccessDenied (403)', async () => {
    await rejects(
      assume(await token({ sub: 'repo:someone/else:ref:refs/heads/main' })),
      'AccessDenied',
      403,
      /^Not authorized to perform sts:AssumeRoleWithWebIdentity$/,
    );
  });

  it('an unknown kid refreshes the JWKS once (key rotation), then a bogus kid is refused without refetching', async () => {
    await issuer.addKey('k2');
    clock.advance(61_000);
    await assume(await token({}, { kid: 'k2' }));
    const before = fixture.requests();
    for (let i = 0; i < 3; i++)
      await rejects(assume(await token({}, { kid: 'bogus' })), 'InvalidIdentityTokenException', 400, /kid/);
    assert.equal(fixture.requests(), before, 'the issuer is not fetched again within the cooldown');
  });

  it('bad inputs: oversized policy, bad DurationSeconds, ProviderId; issuer down: IDPCommunicationError', async () => {
    const t = await token();
    await rejects(assume(t, { Policy: 'x'.repeat(2049) }), 'ValidationError', 400, /policy/);
    const noise = (n: number) => randomBytes(n).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, n);
    const Policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: noise(1900), Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }] });
    const PolicyArns = Array.from({ length: 10 }, () => ({ arn: `arn:aws:iam::${A}:policy/${noise(120)}` }));
    await rejects(assume(t, { Policy, PolicyArns }), 'PackedPolicyTooLargeException', 400, /Packed policy consumes/);
    await rejects(assume(t, { Policy: '{"Version":"2012-10-17"' }), 'MalformedPolicyDocumentException', 400);
    await rejects(assume(t, { DurationSeconds: 60 }), 'ValidationError', 400, /durationSeconds/);
    await rejects(assume(t, { DurationSeconds: 7201 }), 'ValidationError', 400, /MaxSessionDuration/);
    await rejects(assume(t, { ProviderId: 'www.amazon.com' }), 'InvalidParameterValue', 400);
    await rejects(assume(t, { RoleArn: `arn:aws:iam::${A}:role/missing` }), 'AccessDenied', 403);
    issuer.down = true;
    await issuer.addKey('k3');
    clock.advance(61_000);
    await rejects(assume(await token({}, { kid: 'k3' })), 'IDPCommunicationErrorException', 400);
    issuer.down = false;
  });
});
