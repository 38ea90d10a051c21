import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type IAMClient, ListUsersCommand, PutRolePolicyCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
} from '@aws-sdk/client-sts';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { ManualClock } from '../../src/shared/index.ts';
import { type Actor, createActor, policy } from './enforcement-support.test.ts';
import { rejection, startTestServer, type TestServer } from './harness.ts';
import { assume, createRole, sessionCredentials, trustPolicy } from './sts-support.test.ts';

describe('STS on the wire: AssumeRole and session credentials through @aws-sdk/client-sts', () => {
  const clock = new ManualClock(new Date());
  let t: TestServer;
  let root: IAMClient;
  let alice: Actor;
  let account: string;
  const listUsers = policy('Allow', 'iam:ListUsers');
  before(async () => {
    t = await startTestServer({ clock });
    root = t.iam();
    account = t.server.accountId;
    alice = await createActor(t, root, 'alice');
  });
  after(() => t.close());

  test('same account: a trust policy naming the user is enough, and the session acts as the role', async () => {
    const roleArn = await createRole(root, 'reader', trustPolicy(alice.arn), listUsers);
    // fromTemporaryCredentials calls AssumeRole on iamd with alice's long-term keys.
    const withAlice = fromTemporaryCredentials({
      params: { RoleArn: roleArn, RoleSessionName: 'build' },
      masterCredentials: await alice.sts.config.credentials(),
      clientConfig: { endpoint: t.url, region: 'us-east-1' },
    });
    const credentials = await withAlice();
    assert.match(credentials.accessKeyId, /^ASIA/);
    const who = await t.sts({ credentials }).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, `arn:aws:sts::${account}:assumed-role/reader/build`);
    assert.equal(who.Account, account);
    assert.match(who.UserId!, /^AROA[A-Z0-9]+:build$/);
    const users = await t.iam({ credentials }).send(new ListUsersCommand({}));
    assert.ok(users.Users!.some((u) => u.UserName === 'alice'));
  });

  test('denied: the trust policy names someone else', async () => {
    const roleArn = await createRole(root, 'other-trust', trustPolicy(`arn:aws:iam::${account}:user/carol`));
    const e = await rejection(alice.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'ss' })));
    assert.equal(e.name, 'AccessDenied');
    assert.equal(e.status, 403);
    assert.match(e.message, new RegExp(`User: ${alice.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`));
  });

  test('denied until allowed: a trust naming the account needs the caller identity policy too', async () => {
    const roleArn = await createRole(root, 'account-trust', trustPolicy(`arn:aws:iam::${account}:root`));
    const e = await rejection(alice.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'ss' })));
    assert.equal(e.name, 'AccessDenied');
    await root.send(
      new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'assume', PolicyDocument: policy('Allow', 'sts:AssumeRole', roleArn) }),
    );
    const out = await alice.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'ss' }));
    assert.equal(out.AssumedRoleUser!.Arn, `arn:aws:sts::${account}:assumed-role/account-trust/ss`);
  });

  test('cross account: the other account trusts alice and alice may assume its role', async () => {
    const other = await t.server.services.accounts.createAccount();
    const otherRoot = t.iam({ credentials: other.rootCredentials });
    const roleArn = await createRole(otherRoot, 'partner', trustPolicy(alice.arn), listUsers);
    const before = await rejection(alice.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'xx' })));
    assert.equal(before.name, 'AccessDenied', 'cross-account needs the caller side too');
    await root.send(
      new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'cross', PolicyDocument: policy('Allow', 'sts:AssumeRole', roleArn) }),
    );
    const session = await assume(t, alice.sts, { RoleArn: roleArn, RoleSessionName: 'xx' });
    assert.equal(session.arn, `arn:aws:sts::${other.accountId}:assumed-role/partner/xx`);
    const who = await session.sts.send(new GetCallerIdentityCommand({}));
    assert.equal(who.Account, other.accountId);
    await session.iam.send(new ListUsersCommand({}));
  });

  test('session policy narrows: an action the role allows becomes AccessDenied', async () => {
    const roleArn = await createRole(root, 'narrowed', trustPolicy(alice.arn), policy('Allow', 'iam:*'));
    const full = await assume(t, alice.sts, { RoleArn: roleArn, RoleSessionName: 'full' });
    await full.iam.send(new ListUsersCommand({}));
    const narrow = await assume(t, alice.sts, {
      RoleArn: roleArn,
      RoleSessionName: 'narrow',
      Policy: policy('Allow', 'iam:GetUser'),
    });
    const e = await rejection(narrow.iam.send(new ListUsersCommand({})));
    assert.equal(e.name, 'AccessDenied');
    assert.match(e.message, /assumed-role\/narrowed\/narrow is not authorized to perform: iam:ListUsers/);
  });

  test('session tags reach aws:PrincipalTag conditions', async () => {
    const roleArn = await createRole(
      root,
      'tagged',
      trustPolicy(alice.arn, { actions: ['sts:AssumeRole', 'sts:TagSession'] }),
      policy('Allow', 'iam:ListUsers', '*', { StringEquals: { 'aws:PrincipalTag/team': 'blue' } }),
    );
    const blue = await assume(t, alice.sts, { RoleArn: roleArn, RoleSessionName: 'bb', Tags: [{ Key: 'team', Value: 'blue' }] });
    await blue.iam.send(new ListUsersCommand({}));
    const red = await assume(t, alice.sts, { RoleArn: roleArn, RoleSessionName: 'rr', Tags: [{ Key: 'team', Value: 'red' }] });
    assert.equal((await rejection(red.iam.send(new ListUsersCommand({})))).name, 'AccessDenied');
  });

  test('ExternalId: required by the trust condition', async () => {
    const roleArn = await createRole(
      root,
      'vendor',
      trustPolicy(alice.arn, { condition: { StringEquals: { 'sts:ExternalId': 'ticket-42' } } }),
    );
    const missing = await rejection(alice.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'vv' })));
    assert.equal(missing.name, 'AccessDenied');
    const wrong = await rejection(
      alice.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'vv', ExternalId: 'ticket-41' })),
    );
    assert.equal(wrong.name, 'AccessDenied');
    const ok = await alice.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'vv', ExternalId: 'ticket-42' }));
    assert.match(ok.Credentials!.AccessKeyId!, /^ASIA/);
  });

  test('role chaining: a role session may assume a role for at most one hour', async () => {
    const second = await createRole(root, 'second', trustPolicy(`arn:aws:iam::${account}:role/first`), undefined, 43200);
    await createRole(root, 'first', trustPolicy(alice.arn), policy('Allow', 'sts:AssumeRole', second));
    const first = await assume(t, alice.sts, { RoleArn: `arn:aws:iam::${account}:role/first`, RoleSessionName: 'one' });
    const e = await rejection(
      first.sts.send(new AssumeRoleCommand({ RoleArn: second, RoleSessionName: 'two', DurationSeconds: 7200 })),
    );
    assert.equal(e.name, 'ValidationError');
    assert.match(e.message, /1 hour session limit for roles assumed by role chaining/);
    const chained = await first.sts.send(new AssumeRoleCommand({ RoleArn: second, RoleSessionName: 'two' }));
    assert.equal(chained.AssumedRoleUser!.Arn, `arn:aws:sts::${account}:assumed-role/second/two`);
  });

  test('GetSessionToken: the user itself, no IAM without MFA, no STS but AssumeRole and GetCallerIdentity', async () => {
    const out = await alice.sts.send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    const credentials = sessionCredentials(out.Credentials!);
    const who = await t.sts({ credentials }).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, alice.arn);
    const iam = await rejection(t.iam({ credentials }).send(new ListUsersCommand({})));
    assert.equal(iam.name, 'InvalidClientTokenId');
    const sts = await rejection(t.sts({ credentials }).send(new GetSessionTokenCommand({})));
    assert.equal(sts.name, 'AccessDenied');
    const chained = await t.sts({ credentials }).send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/reader`, RoleSessionName: 'via-session' }),
    );
    assert.match(chained.Credentials!.AccessKeyId!, /^ASIA/);
  });

  test('GetFederationToken: needs permission; the federated user has only GetCallerIdentity on STS and no IAM', async () => {
    const denied = await rejection(alice.sts.send(new GetFederationTokenCommand({ Name: 'fed' })));
    assert.equal(denied.name, 'AccessDenied');
    await root.send(
      new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'federate', PolicyDocument: policy('Allow', 'sts:GetFederationToken') }),
    );
    const bare = await alice.sts.send(new GetFederationTokenCommand({ Name: 'fed' }));
    assert.equal(bare.FederatedUser!.Arn, `arn:aws:sts::${account}:federated-user/fed`);
    const withPolicy = await alice.sts.send(
      new GetFederationTokenCommand({ Name: 'fed2', Policy: policy('Allow', 'iam:ListUsers') }),
    );
    assert.ok((withPolicy.PackedPolicySize ?? 0) > 0);
    const credentials = sessionCredentials(withPolicy.Credentials!);
    const who = await t.sts({ credentials }).send(new GetCallerIdentityCommand({}));
    assert.equal(who.UserId, `${account}:fed2`);
    assert.equal((await rejection(t.iam({ credentials }).send(new ListUsersCommand({})))).name, 'InvalidClientTokenId');
  });

  test('a tampered or foreign session token is InvalidClientTokenId', async () => {
    const out = await alice.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/reader`, RoleSessionName: 'tt' }));
    const c = sessionCredentials(out.Credentials!);
    const token = c.sessionToken!;
    const flipped = `${token.slice(0, 40)}${token[40] === 'A' ? 'B' : 'A'}${token.slice(41)}`;
    const e = await rejection(t.sts({ credentials: { ...c, sessionToken: flipped } }).send(new GetCallerIdentityCommand({})));
    assert.equal(e.name, 'InvalidClientTokenId');
    assert.equal(e.status, 403);
    const other = await alice.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/reader`, RoleSessionName: 'uu' }));
    const swapped = { ...c, sessionToken: other.Credentials!.SessionToken! };
    assert.equal((await rejection(t.sts({ credentials: swapped }).send(new GetCallerIdentityCommand({})))).name, 'InvalidClientTokenId');
  });

  test('revocation: a Deny on aws:TokenIssueTime cuts older sessions, newer ones work', async () => {
    const roleArn = await createRole(root, 'revocable', trustPolicy(alice.arn), listUsers);
    const old = await assume(t, alice.sts, { RoleArn: roleArn, RoleSessionName: 'old' });
    await old.iam.send(new ListUsersCommand({}));
    clock.advance(2000);
    const cutoff = new Date(Math.floor(clock.now().getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    const revoke = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Deny', Action: '*', Resource: '*', Condition: { DateLessThan: { 'aws:TokenIssueTime': cutoff } } },
      ],
    });
    await root.send(new PutRolePolicyCommand({ RoleName: 'revocable', PolicyName: 'AWSRevokeOlderSessions', PolicyDocument: revoke }));
    const e = await rejection(old.iam.send(new ListUsersCommand({})));
    assert.equal(e.name, 'AccessDenied');
    assert.match(e.message, /explicit deny/);
    const fresh = await assume(t, alice.sts, { RoleArn: roleArn, RoleSessionName: 'new' });
    await fresh.iam.send(new ListUsersCommand({}));
  });

  test('expiry: the session works until Expiration, then ExpiredToken', async () => {
    const roleArn = await createRole(root, 'short', trustPolicy(alice.arn), listUsers);
    const out = await alice.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'ee', DurationSeconds: 900 }));
    assert.equal(out.Credentials!.Expiration!.getTime() - Math.floor(clock.now().getTime() / 1000) * 1000, 900_000);
    const credentials = sessionCredentials(out.Credentials!);
    const offset = () => clock.now().getTime() - Date.now();
    clock.advance(899_000);
    await t.iam({ credentials, systemClockOffset: offset() }).send(new ListUsersCommand({}));
    clock.advance(2_000);
    const e = await rejection(t.iam({ credentials, systemClockOffset: offset() }).send(new ListUsersCommand({})));
    assert.equal(e.name, 'ExpiredToken');
    assert.equal(e.message, 'The security token included in the request is expired');
    assert.equal(e.status, 403);
  });
});
