import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreatePolicyCommand,
  GetRoleCommand,
  type IAMClient,
  ListUsersCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, DecodeAuthorizationMessageCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { type Actor, createActor, policy } from './enforcement-support.test.ts';
import { rejection, startTestServer, type TestServer } from './harness.ts';
import { assume, createRole, trustPolicy } from './sts-support.test.ts';

describe('STS on the wire: bad input, managed session policies, RoleLastUsed', () => {
  let t: TestServer;
  let root: IAMClient;
  let alice: Actor;
  let roleArn: string;
  before(async () => {
    t = await startTestServer();
    root = t.iam();
    alice = await createActor(t, root, 'alice');
    roleArn = await createRole(root, 'worker', trustPolicy(alice.arn), policy('Allow', 'iam:*'));
  });
  after(() => t.close());

  test('bad input gets AWS-shaped errors', async () => {
    const big = policy('Allow', Array.from({ length: 120 }, (_, i) => `iam:Get${'X'.repeat(10)}${i}`));
    const cases: [string, Promise<unknown>, string, RegExp][] = [
      [
        'duration below 900',
        alice.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'dd', DurationSeconds: 100 })),
        'ValidationError',
        /durationSeconds/,
      ],
      [
        'duration above the role maximum',
        alice.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'dd', DurationSeconds: 7200 })),
        'ValidationError',
        /MaxSessionDuration/,
      ],
      [
        'session name with a space',
        alice.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'a b' })),
        'ValidationError',
        /roleSessionName/,
      ],
      [
        'not a role ARN',
        alice.sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:user/x', RoleSessionName: 'dd' })),
        'ValidationError',
        /RoleArn/,
      ],
      [
        'session policy over 2048 characters',
        alice.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'dd', Policy: big })),
        'ValidationError',
        /policy/,
      ],
      [
        'malformed session policy',
        alice.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'dd', Policy: '{"Version":' })),
        'MalformedPolicyDocument',
        /./,
      ],
      [
        'GetSessionToken duration over 36 hours',
        alice.sts.send(new GetSessionTokenCommand({ DurationSeconds: 200000 })),
        'ValidationError',
        /durationSeconds/,
      ],
      [
        'root cannot assume a role',
        t.sts().send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'dd' })),
        'AccessDenied',
        /Roles may not be assumed by root accounts/,
      ],
    ];
    for (const [name, call, code, message] of cases) {
      const e = await rejection(call);
      assert.equal(e.name, code, name);
      assert.match(e.message, message, name);
      assert.ok(e.status === 400 || e.status === 403, name);
    }
  });

  test('a customer managed policy passed as PolicyArns narrows the session', async () => {
    const { Policy } = await root.send(
      new CreatePolicyCommand({ PolicyName: 'only-get-user', PolicyDocument: policy('Allow', 'iam:GetUser') }),
    );
    const narrow = await assume(t, alice.sts, {
      RoleArn: roleArn,
      RoleSessionName: 'managed',
      PolicyArns: [{ arn: Policy!.Arn! }],
    });
    const e = await rejection(narrow.iam.send(new ListUsersCommand({})));
    assert.equal(e.name, 'AccessDenied');
    const aws = await assume(t, alice.sts, {
      RoleArn: roleArn,
      RoleSessionName: 'aws-managed',
      PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }],
    });
    await aws.iam.send(new ListUsersCommand({}));
  });

  test('DecodeAuthorizationMessage needs its permission and refuses messages iamd did not seal', async () => {
    const command = new DecodeAuthorizationMessageCommand({ EncodedMessage: 'bm90LWEtbWVzc2FnZQ' });
    assert.equal((await rejection(alice.sts.send(command))).name, 'AccessDenied');
    await root.send(
      new PutUserPolicyCommand({
        UserName: 'alice',
        PolicyName: 'decode',
        PolicyDocument: policy('Allow', 'sts:DecodeAuthorizationMessage'),
      }),
    );
    const e = await rejection(alice.sts.send(command));
    assert.equal(e.name, 'InvalidAuthorizationMessageException');
    assert.equal(e.status, 400);
  });

  test('a role session request records RoleLastUsed', async () => {
    const session = await assume(t, alice.sts, { RoleArn: roleArn, RoleSessionName: 'used', DurationSeconds: 900 });
    await session.iam.send(new ListUsersCommand({}));
    await t.server.services.roleUsage.flush();
    const { Role } = await root.send(new GetRoleCommand({ RoleName: 'worker' }));
    assert.ok(Role!.RoleLastUsed?.LastUsedDate instanceof Date);
    assert.equal(Role!.RoleLastUsed?.Region, 'us-east-1');
  });
});
