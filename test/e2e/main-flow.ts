/** The "done when" flow, shared by the SQLite and PostgreSQL suites. */
import assert from 'node:assert/strict';
import {
  AddUserToGroupCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteGroupCommand,
  DeleteUserCommand,
  GetGroupCommand,
  ListUsersCommand,
  RemoveUserFromGroupCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { rejection, type TestServer } from './harness.ts';

/** Create a user, give it keys, put it in a group, call as the user, then clean up; assert each step. */
export async function runMainFlow(t: TestServer): Promise<void> {
  const iam = t.iam();
  const { User } = await iam.send(new CreateUserCommand({ UserName: 'flow-user', Tags: [{ Key: 'k', Value: 'v' }] }));
  assert.equal(User?.Arn, `arn:aws:iam::${t.server.accountId}:user/flow-user`);
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'flow-user' }));
  const key = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
  await iam.send(new CreateGroupCommand({ GroupName: 'flow-group' }));
  await iam.send(new AddUserToGroupCommand({ GroupName: 'flow-group', UserName: 'flow-user' }));
  const group = await iam.send(new GetGroupCommand({ GroupName: 'flow-group' }));
  assert.deepEqual(
    group.Users?.map((u) => u.UserName),
    ['flow-user'],
  );
  const who = await t.sts({ credentials: key }).send(new GetCallerIdentityCommand({}));
  assert.equal(who.Arn, User?.Arn);
  assert.equal(who.UserId, User?.UserId);
  const dup = await rejection(iam.send(new CreateUserCommand({ UserName: 'FLOW-USER' })));
  assert.equal(dup.name, 'EntityAlreadyExists');
  await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'flow-group', UserName: 'flow-user' }));
  await iam.send(new DeleteAccessKeyCommand({ UserName: 'flow-user', AccessKeyId: key.accessKeyId }));
  await iam.send(new DeleteUserCommand({ UserName: 'flow-user' }));
  await iam.send(new DeleteGroupCommand({ GroupName: 'flow-group' }));
  assert.deepEqual((await iam.send(new ListUsersCommand({}))).Users, []);
  const dead = await rejection(t.sts({ credentials: key }).send(new GetCallerIdentityCommand({})));
  assert.equal(dead.name, 'InvalidClientTokenId');
}
