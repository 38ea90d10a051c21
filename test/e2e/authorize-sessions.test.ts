import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  DeleteRolePolicyCommand,
  type IAMClient,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { GetFederationTokenCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { createIamdClient, type IamdClient } from '../../src/client/index.ts';
import { ManualClock } from '../../src/shared/index.ts';
import { type Actor, createActor, policy } from './enforcement-support.test.ts';
import { type Credentials, startTestServer, type TestServer } from './harness.ts';
import { failure, s3Request } from './platform-fixture.ts';
import { assume, createRole, sessionCredentials, trustPolicy } from './sts-support.test.ts';

/** An S3 GET signed at `at` as an S3 client would (UNSIGNED-PAYLOAD, session token included), as forwarded. */
const s3Get = (credentials: Credentials, path: string, at: Date, service = 's3') =>
  s3Request(credentials, path, {
    signingDate: at,
    service,
    headers: { host: 'objects.local', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
  });

describe('authorize API with STS session credentials: API callers and forwarded requests', () => {
  const clock = new ManualClock(new Date());
  let t: TestServer;
  let root: IAMClient;
  let alice: Actor;
  let account: string;
  let api: IamdClient;
  const clients: IamdClient[] = [];
  /** An API client signing with `credentials` at the server's clock. */
  const apiAs = (credentials: Credentials) => {
    const c = createIamdClient({ endpoint: t.url, credentials, clock });
    clients.push(c);
    return c;
  };
  const question = (key: string) => ({
    action: 's3:GetObject',
    resource: { arn: `arn:aws:s3:::bucket/${key}`, accountId: account },
  });

  before(async () => {
    t = await startTestServer({ clock });
    root = t.iam();
    account = t.server.accountId;
    alice = await createActor(t, root, 'alice');
    api = apiAs(t.root);
    await createRole(
      root,
      'reader',
      trustPolicy(alice.arn, { actions: ['sts:AssumeRole', 'sts:TagSession'] }),
      policy('Allow', 's3:GetObject', 'arn:aws:s3:::bucket/public/*'),
    );
    await createRole(root, 'gate', trustPolicy(alice.arn), policy('Allow', 'iamd:Authorize'));
  });
  after(async () => {
    for (const c of clients) c.close();
    await t.close();
  });

  test('a forwarded request signed by a role session: the session principal, its tags, the role’s policies', async () => {
    const session = await assume(t, alice.sts, {
      RoleArn: `arn:aws:iam::${account}:role/reader`,
      RoleSessionName: 'worker',
      Tags: [{ Key: 'team', Value: 'blue' }],
    });
    const request = await s3Get(session.credentials, '/bucket/public/a.txt', clock.now());
    const allowed = await api.authorize({ request, ...question('public/a.txt') });
    assert.equal(allowed.decision, 'Allow', allowed.message);
    assert.equal(allowed.principal.arn, `arn:aws:sts::${account}:assumed-role/reader/worker`);
    assert.equal(allowed.principal.type, 'role-session');
    assert.equal(allowed.principal.accountId, account);
    assert.match(allowed.principal.userId!, /^AROA[A-Z0-9]+:worker$/);
    assert.deepEqual(allowed.principal.tags, { team: 'blue' });
    const denied = await api.authorize({
      request: await s3Get(session.credentials, '/bucket/private/b.txt', clock.now()),
      ...question('private/b.txt'),
    });
    assert.equal(denied.decision, 'Deny');
    assert.match(denied.message, /assumed-role\/reader\/worker is not authorized to perform: s3:GetObject/);
  });

  test('a session policy narrows, and aws:TokenIssueTime revokes older sessions', async () => {
    const narrowed = await assume(t, alice.sts, {
      RoleArn: `arn:aws:iam::${account}:role/reader`,
      RoleSessionName: 'narrow',
      Policy: policy('Allow', 's3:GetObject', 'arn:aws:s3:::bucket/public/a.txt'),
    });
    const ask = async (key: string) =>
      api.authorize({ request: await s3Get(narrowed.credentials, `/bucket/${key}`, clock.now()), ...question(key) });
    assert.equal((await ask('public/a.txt')).decision, 'Allow');
    const b = await ask('public/b.txt');
    assert.equal(b.detail, 'ImplicitDeny');
    assert.equal(b.perKind.session, 'ImplicitDeny');
    clock.advance(2000);
    const cutoff = `${clock.now().toISOString().slice(0, 19)}Z`;
    await root.send(
      new PutRolePolicyCommand({
        RoleName: 'reader',
        PolicyName: 'AWSRevokeOlderSessions',
        PolicyDocument: policy('Deny', '*', '*', { DateLessThan: { 'aws:TokenIssueTime': cutoff } }),
      }),
    );
    const revoked = await ask('public/a.txt');
    assert.equal(revoked.detail, 'ExplicitDeny');
    await root.send(new DeleteRolePolicyCommand({ RoleName: 'reader', PolicyName: 'AWSRevokeOlderSessions' }));
  });

  test('federated users and GetSessionToken sessions are their own principals', async () => {
    await root.send(
      new PutUserPolicyCommand({
        UserName: 'alice',
        PolicyName: 'federate',
        PolicyDocument: policy('Allow', ['sts:GetFederationToken', 's3:GetObject'], '*'),
      }),
    );
    const fed = await alice.sts.send(
      new GetFederationTokenCommand({ Name: 'contractor', Policy: policy('Allow', 's3:GetObject', 'arn:aws:s3:::bucket/shared/*') }),
    );
    const fedCreds = sessionCredentials(fed.Credentials!);
    const shared = await api.authorize({
      request: await s3Get(fedCreds, '/bucket/shared/c.txt', clock.now()),
      ...question('shared/c.txt'),
    });
    assert.equal(shared.decision, 'Allow');
    assert.deepEqual(
      [shared.principal.type, shared.principal.arn, shared.principal.userId],
      ['federated-user', `arn:aws:sts::${account}:federated-user/contractor`, `${account}:contractor`],
    );
    const other = await api.authorize({
      request: await s3Get(fedCreds, '/bucket/public/a.txt', clock.now()),
      ...question('public/a.txt'),
    });
    assert.equal(other.decision, 'Deny', 'the caller allows it, the federation policy does not');
    const st = await alice.sts.send(new GetSessionTokenCommand({}));
    const user = await api.authorize({
      request: await s3Get(sessionCredentials(st.Credentials!), '/bucket/public/a.txt', clock.now()),
      ...question('public/a.txt'),
    });
    assert.equal(user.decision, 'Allow');
    assert.deepEqual([user.principal.type, user.principal.arn], ['user', alice.arn]);
  });

  test('forwarded session credentials that do not verify get AWS’s codes', async () => {
    const session = await assume(t, alice.sts, { RoleArn: `arn:aws:iam::${account}:role/reader`, RoleSessionName: 'bad' });
    const forged = { ...session.credentials, sessionToken: `${session.credentials.sessionToken!.slice(0, -6)}AAAAAA` };
    const s3 = await failure(
      api.authorize({ request: await s3Get(forged, '/bucket/public/a.txt', clock.now()), ...question('public/a.txt') }),
    );
    assert.deepEqual([s3.code, s3.status, s3.subject], ['InvalidToken', 400, 'request']);
    const things = await failure(
      api.authorize({
        request: await s3Get(forged, '/things/1', clock.now(), 'things'),
        action: 'things:Get',
        resource: { arn: 'arn:aws:things:::1', accountId: account },
      }),
    );
    assert.deepEqual([things.code, things.status], ['InvalidClientTokenId', 403]);
  });

  test('the API caller may sign with role-session credentials allowed iamd:Authorize', async () => {
    const gate = await assume(t, alice.sts, { RoleArn: `arn:aws:iam::${account}:role/gate`, RoleSessionName: 'platform' });
    const asGate = apiAs(gate.credentials);
    const answer = await asGate.authorize({ principalArn: alice.arn, ...question('public/a.txt') });
    assert.equal(answer.principal.arn, alice.arn);
    // The reader role's session is not allowed iamd:Authorize.
    const reader = await assume(t, alice.sts, { RoleArn: `arn:aws:iam::${account}:role/reader`, RoleSessionName: 'nope' });
    const refused = await failure(apiAs(reader.credentials).authorize({ principalArn: alice.arn, ...question('x') }));
    assert.deepEqual([refused.code, refused.status, refused.subject], ['AccessDenied', 403, 'caller']);
    assert.match(refused.message, /assumed-role\/reader\/nope is not authorized to perform: iamd:Authorize/);
    const forged = apiAs({ ...gate.credentials, sessionToken: 'not-a-token' });
    const bad = await failure(forged.authorize({ principalArn: alice.arn, ...question('x') }));
    assert.deepEqual([bad.code, bad.status, bad.subject], ['InvalidClientTokenId', 403, 'caller']);
  });

  // Last: it moves the server's clock past the sessions' expiry.
  test('expired session credentials: ExpiredToken for the API caller (403) and for a forwarded S3 request (400)', async () => {
    const gate = await assume(t, alice.sts, {
      RoleArn: `arn:aws:iam::${account}:role/gate`,
      RoleSessionName: 'short',
      DurationSeconds: 900,
    });
    const reader = await assume(t, alice.sts, {
      RoleArn: `arn:aws:iam::${account}:role/reader`,
      RoleSessionName: 'short',
      DurationSeconds: 900,
    });
    clock.advance(901_000);
    const caller = await failure(apiAs(gate.credentials).authorize({ principalArn: alice.arn, ...question('x') }));
    assert.deepEqual([caller.code, caller.status, caller.subject], ['ExpiredToken', 403, 'caller']);
    assert.equal(caller.message, 'The security token included in the request is expired');
    const forwarded = await failure(
      api.authorize({ request: await s3Get(reader.credentials, '/bucket/public/a.txt', clock.now()), ...question('public/a.txt') }),
    );
    assert.deepEqual([forwarded.code, forwarded.status, forwarded.subject], ['ExpiredToken', 400, 'request']);
    assert.equal(forwarded.message, 'The provided token has expired.');
  });
});
