import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteLoginProfileCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  GetAccessKeyLastUsedCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  type IAMClient,
  ListAccessKeysCommand,
  PutUserPolicyCommand,
  UpdateAccessKeyCommand,
  UpdateLoginProfileCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { type Credentials, rejection, startTestServer, type TestServer } from './harness.ts';

describe('access keys and login profiles through @aws-sdk/client-iam', () => {
  let t: TestServer;
  let iam: IAMClient;
  let erin: Credentials;
  before(async () => {
    t = await startTestServer();
    iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'erin' }));
    // Every call is authorized (docs/enforcement.md): erin may read herself, as on AWS only with a policy.
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'erin',
        PolicyName: 'self',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'iam:GetUser', Resource: `arn:aws:iam::${t.server.accountId}:user/erin` },
          ],
        }),
      }),
    );
  });
  after(() => t.close());

  test('CreateAccessKey returns an AKIA id, a 40-character secret and Active status', async () => {
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'erin' }));
    assert.match(AccessKey?.AccessKeyId ?? '', /^AKIA[A-Z2-7]{16}$/);
    assert.equal(AccessKey?.SecretAccessKey?.length, 40);
    assert.equal(AccessKey?.Status, 'Active');
    assert.equal(AccessKey?.UserName, 'erin');
    erin = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
  });

  test('the new key signs requests as the user: GetUser without a name and GetCallerIdentity', async () => {
    const self = await t.iam({ credentials: erin }).send(new GetUserCommand({}));
    assert.equal(self.User?.UserName, 'erin');
    const who = await t.sts({ credentials: erin }).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, `arn:aws:iam::${t.server.accountId}:user/erin`);
    assert.equal(who.UserId, self.User?.UserId);
    assert.equal(who.Account, t.server.accountId);
  });

  test('a second key is allowed, a third is LimitExceeded 409', async () => {
    const second = await iam.send(new CreateAccessKeyCommand({ UserName: 'erin' }));
    const e = await rejection(iam.send(new CreateAccessKeyCommand({ UserName: 'erin' })));
    assert.equal(e.name, 'LimitExceeded');
    assert.equal(e.status, 409);
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'erin', AccessKeyId: second.AccessKey!.AccessKeyId! }));
  });

  test('ListAccessKeys shows metadata and never a secret', async () => {
    const listed = await iam.send(new ListAccessKeysCommand({ UserName: 'erin' }));
    assert.deepEqual(
      listed.AccessKeyMetadata?.map((k) => [k.AccessKeyId, k.Status]),
      [[erin.accessKeyId, 'Active']],
    );
    assert.equal(JSON.stringify(listed).includes(erin.secretAccessKey), false);
  });

  test('GetAccessKeyLastUsed reports the service and region of the last signed request', async () => {
    await t.iam({ credentials: erin, region: 'eu-west-1' }).send(new GetUserCommand({}));
    const used = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: erin.accessKeyId }));
    assert.equal(used.UserName, 'erin');
    assert.ok(used.AccessKeyLastUsed?.LastUsedDate instanceof Date);
    assert.ok(['iam', 'sts'].includes(used.AccessKeyLastUsed?.ServiceName ?? ''));
  });

  test('an inactive key stops working at once (InvalidClientTokenId 403) and works again when reactivated', async () => {
    await iam.send(new UpdateAccessKeyCommand({ UserName: 'erin', AccessKeyId: erin.accessKeyId, Status: 'Inactive' }));
    const e = await rejection(t.sts({ credentials: erin }).send(new GetCallerIdentityCommand({})));
    assert.equal(e.name, 'InvalidClientTokenId');
    assert.equal(e.status, 403);
    assert.equal(e.message, 'The security token included in the request is invalid.');
    await iam.send(new UpdateAccessKeyCommand({ UserName: 'erin', AccessKeyId: erin.accessKeyId, Status: 'Active' }));
    const who = await t.sts({ credentials: erin }).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Account, t.server.accountId);
  });

  test('UpdateAccessKey with a status outside the enum is a ValidationError', async () => {
    const e = await rejection(
      iam.send(
        new UpdateAccessKeyCommand({ UserName: 'erin', AccessKeyId: erin.accessKeyId, Status: 'Paused' as 'Active' }),
      ),
    );
    assert.equal(e.name, 'ValidationError');
    assert.match(e.message, /enum value set: \[Active, Inactive\]/);
  });

  test('the root user can create and list its own keys (no UserName)', async () => {
    const created = await iam.send(new CreateAccessKeyCommand({}));
    assert.equal(created.AccessKey?.UserName, undefined);
    const listed = await iam.send(new ListAccessKeysCommand({}));
    assert.ok(listed.AccessKeyMetadata?.some((k) => k.AccessKeyId === created.AccessKey?.AccessKeyId));
    const who = await t
      .sts({
        credentials: {
          accessKeyId: created.AccessKey!.AccessKeyId!,
          secretAccessKey: created.AccessKey!.SecretAccessKey!,
        },
      })
      .send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, `arn:aws:iam::${t.server.accountId}:root`);
    await iam.send(new DeleteAccessKeyCommand({ AccessKeyId: created.AccessKey!.AccessKeyId! }));
  });

  test('login profiles: create, get, duplicate is EntityAlreadyExists, update, delete', async () => {
    const created = await iam.send(
      new CreateLoginProfileCommand({ UserName: 'erin', Password: 'Correct-Horse-9', PasswordResetRequired: true }),
    );
    assert.equal(created.LoginProfile?.UserName, 'erin');
    assert.equal(created.LoginProfile?.PasswordResetRequired, true);
    const dup = await rejection(
      iam.send(new CreateLoginProfileCommand({ UserName: 'erin', Password: 'Another-Pass-1' })),
    );
    assert.equal(dup.name, 'EntityAlreadyExists');
    await iam.send(new UpdateLoginProfileCommand({ UserName: 'erin', PasswordResetRequired: false }));
    const got = await iam.send(new GetLoginProfileCommand({ UserName: 'erin' }));
    assert.equal(got.LoginProfile?.PasswordResetRequired, false);
    assert.equal(JSON.stringify(got).includes('Correct-Horse-9'), false);
    const conflict = await rejection(iam.send(new DeleteUserCommand({ UserName: 'erin' })));
    assert.equal(conflict.name, 'DeleteConflict');
    await iam.send(new DeleteLoginProfileCommand({ UserName: 'erin' }));
    const gone = await rejection(iam.send(new GetLoginProfileCommand({ UserName: 'erin' })));
    assert.equal(gone.name, 'NoSuchEntity');
  });

  test('DeleteUser while the user has a key is DeleteConflict; after DeleteAccessKey the key is dead', async () => {
    const conflict = await rejection(iam.send(new DeleteUserCommand({ UserName: 'erin' })));
    assert.equal(conflict.name, 'DeleteConflict');
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'erin', AccessKeyId: erin.accessKeyId }));
    const e = await rejection(t.sts({ credentials: erin }).send(new GetCallerIdentityCommand({})));
    assert.equal(e.name, 'InvalidClientTokenId');
    await iam.send(new DeleteUserPolicyCommand({ UserName: 'erin', PolicyName: 'self' }));
    await iam.send(new DeleteUserCommand({ UserName: 'erin' }));
  });
});
