import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateAccountAliasCommand,
  CreateUserCommand,
  DeleteAccountAliasCommand,
  GetAccountSummaryCommand,
  GetUserCommand,
  type IAMClient,
  ListAccountAliasesCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { GetAccessKeyInfoCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { rejection, startTestServer, type TestServer } from './harness.ts';

describe('account alias, summary and STS identity through the SDKs', () => {
  let t: TestServer;
  let iam: IAMClient;
  before(async () => {
    t = await startTestServer({ accountId: '111122223333' });
    iam = t.iam();
  });
  after(() => t.close());

  test('CreateAccountAlias, ListAccountAliases, a second alias replaces the first, DeleteAccountAlias', async () => {
    await iam.send(new CreateAccountAliasCommand({ AccountAlias: 'acme-dev' }));
    const listed = await iam.send(new ListAccountAliasesCommand({}));
    assert.deepEqual(listed.AccountAliases, ['acme-dev']);
    assert.equal(listed.IsTruncated, false);
    await iam.send(new CreateAccountAliasCommand({ AccountAlias: 'acme-two' }));
    assert.deepEqual((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases, ['acme-two']);
    const missing = await rejection(iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'acme-dev' })));
    assert.equal(missing.name, 'NoSuchEntity');
    await iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'acme-two' }));
    assert.deepEqual((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases, []);
  });

  test('an alias that breaks the pattern is a ValidationError', async () => {
    const e = await rejection(iam.send(new CreateAccountAliasCommand({ AccountAlias: 'Bad_Alias' })));
    assert.equal(e.name, 'ValidationError');
    assert.match(e.message, /accountAlias/);
  });

  test('GetAccountSummary returns the SummaryMap with usage and quotas', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'u1' }));
    const { SummaryMap } = await iam.send(new GetAccountSummaryCommand({}));
    assert.equal(SummaryMap?.['Users'], 1);
    assert.equal(SummaryMap?.['UsersQuota'], 5000);
    assert.equal(SummaryMap?.['GroupsPerUserQuota'], 10);
    assert.equal(SummaryMap?.['AccessKeysPerUserQuota'], 2);
  });

  test('GetCallerIdentity of the root user: UserId is the account id', async () => {
    const who = await t.sts().send(new GetCallerIdentityCommand({}));
    assert.deepEqual(
      [who.UserId, who.Account, who.Arn],
      ['111122223333', '111122223333', 'arn:aws:iam::111122223333:root'],
    );
  });

  test('a cn-north-1 client gets aws-cn ARNs, a us-gov-west-1 client aws-us-gov ARNs', async () => {
    const cn = await t.sts({ region: 'cn-north-1' }).send(new GetCallerIdentityCommand({}));
    assert.equal(cn.Arn, 'arn:aws-cn:iam::111122223333:root');
    const { User } = await t.iam({ region: 'cn-north-1' }).send(new CreateUserCommand({ UserName: 'zhang' }));
    assert.equal(User?.Arn, 'arn:aws-cn:iam::111122223333:user/zhang');
    const gov = await t.sts({ region: 'us-gov-west-1' }).send(new GetCallerIdentityCommand({}));
    assert.equal(gov.Arn, 'arn:aws-us-gov:iam::111122223333:root');
  });

  test('accounts are isolated: a second account sees none of the first one and its own ARNs', async () => {
    const other = await t.server.services.accounts.createAccount({ accountId: '444455556666' });
    const credentials = other.rootCredentials;
    const who = await t.sts({ credentials }).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, 'arn:aws:iam::444455556666:root');
    const theirs = t.iam({ credentials });
    assert.deepEqual((await theirs.send(new ListUsersCommand({}))).Users, []);
    const e = await rejection(theirs.send(new GetUserCommand({ UserName: 'u1' })));
    assert.equal(e.name, 'NoSuchEntity');
    const { User } = await theirs.send(new CreateUserCommand({ UserName: 'u1' }));
    assert.equal(User?.Arn, 'arn:aws:iam::444455556666:user/u1');
    const info = await t.sts().send(new GetAccessKeyInfoCommand({ AccessKeyId: credentials.accessKeyId }));
    assert.equal(info.Account, '444455556666');
  });

  test('GetAccessKeyInfo decodes the account from a key id', async () => {
    const info = await t.sts().send(new GetAccessKeyInfoCommand({ AccessKeyId: t.root.accessKeyId }));
    assert.equal(info.Account, '111122223333');
  });

  test('GetAccessKeyInfo with a too-short key id is a ValidationError', async () => {
    const e = await rejection(t.sts().send(new GetAccessKeyInfoCommand({ AccessKeyId: 'AKIA' })));
    assert.equal(e.name, 'ValidationError');
    assert.match(
      e.message,
      /at 'accessKeyId' failed to satisfy constraint: Member must have length greater than or equal to 16/,
    );
  });
});
