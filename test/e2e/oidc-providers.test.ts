/** IAM OpenID Connect providers end to end through @aws-sdk/client-iam: every operation, its errors and quotas. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  AddClientIDToOpenIDConnectProviderCommand,
  CreateAccessKeyCommand,
  CreateOpenIDConnectProviderCommand,
  CreateUserCommand,
  DeleteOpenIDConnectProviderCommand,
  GetAccountSummaryCommand,
  GetOpenIDConnectProviderCommand,
  type IAMClient,
  ListOpenIDConnectProvidersCommand,
  ListOpenIDConnectProviderTagsCommand,
  PutUserPolicyCommand,
  RemoveClientIDFromOpenIDConnectProviderCommand,
  TagOpenIDConnectProviderCommand,
  UntagOpenIDConnectProviderCommand,
  UpdateOpenIDConnectProviderThumbprintCommand,
} from '@aws-sdk/client-iam';
import pg from 'pg';
import { type TestServer, startTestServer } from './harness.ts';

const A = '123456789012';
const THUMB = '6938fd4d98bab03faadb97b34396831e3780aea1';

async function rejects(p: Promise<unknown>, name: string, status: number, message?: RegExp): Promise<void> {
  await assert.rejects(p, (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(e.name, name, e.message);
    assert.equal(e.$metadata?.httpStatusCode, status);
    if (message) assert.match(e.message, message);
    return true;
  });
}

/** A fresh PostgreSQL database for one run (dropped by the returned function), or undefined without PostgreSQL. */
async function postgresDatabase(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const adminUrl = process.env['IAMD_TEST_POSTGRES_URL'];
  if (!adminUrl) return undefined;
  const url = new URL(adminUrl);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') throw new Error('tests use a local PostgreSQL only');
  const name = `iamd_e2e_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const stores: [string, string | false][] = [
  ['SQLite', false],
  ['PostgreSQL', process.env['IAMD_TEST_POSTGRES_URL'] ? false : 'IAMD_TEST_POSTGRES_URL is not set: the PostgreSQL run is skipped'],
];

for (const [store, skip] of stores)
describe(`OpenID Connect providers through the AWS SDK (${store})`, { skip }, () => {
  let t: TestServer;
  let iam: IAMClient;
  let database: Awaited<ReturnType<typeof postgresDatabase>>;
  before(async () => {
    database = store === 'PostgreSQL' ? await postgresDatabase() : undefined;
    t = await startTestServer({ accountId: A, ...(database ? { databaseUrl: database.url } : {}) });
    iam = t.iam();
  });
  after(async () => {
    await t.close();
    await database?.drop();
  });

  it('create, get, list, client ids, thumbprints, tags, delete', async () => {
    const created = await iam.send(
      new CreateOpenIDConnectProviderCommand({
        Url: 'https://token.actions.githubusercontent.com',
        ClientIDList: ['sts.amazonaws.com'],
        ThumbprintList: [THUMB],
        Tags: [{ Key: 'team', Value: 'ci' }],
      }),
    );
    const arn = `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`;
    assert.equal(created.OpenIDConnectProviderArn, arn);
    assert.deepEqual(created.Tags, [{ Key: 'team', Value: 'ci' }]);

    const got = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    assert.equal(got.Url, 'token.actions.githubusercontent.com');
    assert.deepEqual(got.ClientIDList, ['sts.amazonaws.com']);
    assert.deepEqual(got.ThumbprintList, [THUMB]);
    assert.ok(got.CreateDate instanceof Date);
    assert.deepEqual(got.Tags, [{ Key: 'team', Value: 'ci' }]);

    // A path is part of the provider; no thumbprint is needed any more.
    const withPath = await iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://example.com/tenants/a' }));
    assert.equal(withPath.OpenIDConnectProviderArn, `arn:aws:iam::${A}:oidc-provider/example.com/tenants/a`);
    const { OpenIDConnectProviderList } = await iam.send(new ListOpenIDConnectProvidersCommand({}));
    assert.deepEqual(
      OpenIDConnectProviderList?.map((p) => p.Arn),
      [withPath.OpenIDConnectProviderArn, arn],
    );
    const summary = await iam.send(new GetAccountSummaryCommand({}));
    assert.equal(summary.SummaryMap?.['Providers'], 2);

    await iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'app-2' }));
    await iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'app-2' }));
    await iam.send(
      new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'sts.amazonaws.com' }),
    );
    await iam.send(new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'absent' }));
    const other = 'a'.repeat(40);
    await iam.send(new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: arn, ThumbprintList: [other] }));
    const after1 = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    assert.deepEqual(after1.ClientIDList, ['app-2']);
    assert.deepEqual(after1.ThumbprintList, [other]);

    await iam.send(
      new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, Tags: [{ Key: 'env', Value: 'prod' }, { Key: 'TEAM', Value: 'ops' }] }),
    );
    const tags = await iam.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: arn }));
    assert.deepEqual(tags.Tags, [{ Key: 'TEAM', Value: 'ops' }, { Key: 'env', Value: 'prod' }]);
    assert.equal(tags.IsTruncated, false);
    const paged = await iam.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: arn, MaxItems: 1 }));
    assert.equal(paged.IsTruncated, true);
    assert.equal(paged.Tags?.length, 1);
    await iam.send(new UntagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, TagKeys: ['team'] }));
    const tags2 = await iam.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: arn }));
    assert.deepEqual(tags2.Tags, [{ Key: 'env', Value: 'prod' }]);

    await iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    await rejects(iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn })), 'NoSuchEntityException', 404, /OpenIDConnect Provider not found for arn/);
    await rejects(iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn })), 'NoSuchEntityException', 404);
    await iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: withPath.OpenIDConnectProviderArn }));
    const empty = await iam.send(new ListOpenIDConnectProvidersCommand({}));
    assert.deepEqual(empty.OpenIDConnectProviderList ?? [], []);
  });

  it('bad input: AWS-shaped errors and nothing written', async () => {
    const create = (input: object) => iam.send(new CreateOpenIDConnectProviderCommand(input as { Url: string }));
    await rejects(create({ Url: 'http://insecure.example.com' }), 'InvalidInputException', 400, /https:\/\//);
    await rejects(create({ Url: 'https://example.com:8443' }), 'InvalidInputException', 400, /port/);
    await rejects(create({ Url: 'https://example.com/?a=b' }), 'InvalidInputException', 400, /query/);
    await rejects(create({ Url: `https://${'a'.repeat(260)}.com` }), 'ValidationError', 400, /'url'/);
    await rejects(create({ Url: 'https://short.example.com', ThumbprintList: ['abc'] }), 'ValidationError', 400, /thumbprintList\.1\.member/);
    await rejects(create({ Url: 'https://hex.example.com', ThumbprintList: ['z'.repeat(40)] }), 'InvalidInputException', 400, /hexadecimal/);
    await rejects(
      create({ Url: 'https://many.example.com', ThumbprintList: ['1', '2', '3', '4', '5', '6'].map((d) => d.repeat(40)) }),
      'LimitExceededException',
      409,
      /ThumbprintsPerOpenIdConnectProvider: 5/,
    );
    await rejects(
      create({ Url: 'https://clients.example.com', ClientIDList: Array.from({ length: 101 }, (_, i) => `c${i}`) }),
      'LimitExceededException',
      409,
      /ClientIdsPerOpenIdConnectProvider: 100/,
    );
    await rejects(create({ Url: 'https://tags.example.com', Tags: [{ Key: 'aws:x', Value: 'y' }] }), 'InvalidInputException', 400);
    assert.deepEqual((await iam.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList ?? [], []);

    await create({ Url: 'https://dup.example.com' });
    await rejects(create({ Url: 'https://dup.example.com' }), 'EntityAlreadyExistsException', 409, /Provider with url https:\/\/dup.example.com already exists/);
    const arn = `arn:aws:iam::${A}:oidc-provider/dup.example.com`;
    await rejects(iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: 'arn:aws:iam::123:nothing/x' })), 'InvalidInputException', 400);
    await rejects(
      iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: 'arn:aws:iam::210987654321:oidc-provider/dup.example.com' })),
      'NoSuchEntityException',
      404,
    );
    await rejects(iam.send(new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: arn, ThumbprintList: ['x'] })), 'ValidationError', 400);
    await rejects(iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'x'.repeat(256) })), 'ValidationError', 400);
    for (let i = 0; i < 100; i++)
      await iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: `c${i}` }));
    await rejects(
      iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'one-more' })),
      'LimitExceededException',
      409,
    );
    const tags = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await iam.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, Tags: tags }));
    await rejects(
      iam.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, Tags: [{ Key: 'k50', Value: 'v' }] })),
      'LimitExceededException',
      409,
    );
    await iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
  });

  it('100 providers per account', async () => {
    for (let i = 0; i < 100; i++) await iam.send(new CreateOpenIDConnectProviderCommand({ Url: `https://p${i}.example.com` }));
    await rejects(
      iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://p100.example.com' })),
      'LimitExceededException',
      409,
      /OpenIdConnectProvidersPerAccount: 100/,
    );
    for (let i = 0; i < 100; i++)
      await iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: `arn:aws:iam::${A}:oidc-provider/p${i}.example.com` }));
  });

  it('enforced like every IAM action, on the provider ARN', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'oidc-admin' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'oidc-admin',
        PolicyName: 'p',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'iam:*OpenIDConnectProvider*', Resource: `arn:aws:iam::${A}:oidc-provider/allowed.example.com` },
          ],
        }),
      }),
    );
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'oidc-admin' }));
    const admin = t.iam({ credentials: { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! } });
    await admin.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://allowed.example.com' }));
    await rejects(
      admin.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://denied.example.com' })),
      'AccessDenied',
      403,
      /iam:CreateOpenIDConnectProvider on resource: arn:aws:iam::123456789012:oidc-provider\/denied.example.com/,
    );
    await admin.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: `arn:aws:iam::${A}:oidc-provider/allowed.example.com` }));
  });
});
