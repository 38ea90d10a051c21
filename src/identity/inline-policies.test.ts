import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Fixture, makeFixture, rejectsWith } from './services-fixture.test.ts';

const doc = (action: string, padding = 0) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'x'.repeat(padding) || undefined, Effect: 'Allow', Action: action, Resource: '*' }],
  });
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

describe('inline policies', () => {
  let f: Fixture;
  before(async () => {
    f = await makeFixture();
    await f.services.iam.createUser(f.root, { UserName: 'ann' });
    await f.services.iam.createGroup(f.root, { GroupName: 'devs' });
    await f.services.iam.createRole(f.root, { RoleName: 'app', AssumeRolePolicyDocument: TRUST });
  });
  after(() => f.close());

  test('Put/Get/List/Delete round-trip for users, groups and roles; Put replaces by name', async () => {
    const iam = f.services.iam;
    await iam.putUserPolicy(f.root, { UserName: 'ann', PolicyName: 'b', PolicyDocument: doc('s3:GetObject') });
    await iam.putUserPolicy(f.root, { UserName: 'ann', PolicyName: 'a', PolicyDocument: doc('s3:PutObject') });
    await iam.putUserPolicy(f.root, { UserName: 'ann', PolicyName: 'a', PolicyDocument: doc('s3:ListBucket') });
    await iam.putGroupPolicy(f.root, { GroupName: 'devs', PolicyName: 'g', PolicyDocument: doc('ec2:*') });
    await iam.putRolePolicy(f.root, { RoleName: 'app', PolicyName: 'r', PolicyDocument: doc('sqs:*') });
    assert.deepEqual((await iam.listUserPolicies(f.root, { UserName: 'ann' })).PolicyNames, ['a', 'b']);
    const page = await iam.listUserPolicies(f.root, { UserName: 'ann', MaxItems: 1 });
    assert.deepEqual([page.PolicyNames, page.IsTruncated], [['a'], true]);
    assert.deepEqual(
      (await iam.listUserPolicies(f.root, { UserName: 'ann', Marker: page.Marker as string })).PolicyNames,
      ['b'],
    );
    assert.deepEqual(await iam.getUserPolicy(f.root, { UserName: 'ann', PolicyName: 'a' }), {
      UserName: 'ann',
      PolicyName: 'a',
      PolicyDocument: doc('s3:ListBucket'),
    });
    assert.equal((await iam.getGroupPolicy(f.root, { GroupName: 'devs', PolicyName: 'g' })).GroupName, 'devs');
    assert.equal((await iam.getRolePolicy(f.root, { RoleName: 'app', PolicyName: 'r' })).RoleName, 'app');
    assert.deepEqual((await iam.listRolePolicies(f.root, { RoleName: 'app' })).PolicyNames, ['r']);
    assert.deepEqual((await iam.listGroupPolicies(f.root, { GroupName: 'devs' })).PolicyNames, ['g']);
  });

  test('DeleteUser, DeleteGroup and DeleteRole conflict while inline policies remain', async () => {
    await rejectsWith(
      f.services.iam.deleteUser(f.root, { UserName: 'ann' }),
      'DeleteConflict',
      'Cannot delete entity, must delete policies first.',
    );
    await rejectsWith(
      f.services.iam.deleteGroup(f.root, { GroupName: 'devs' }),
      'DeleteConflict',
      'Cannot delete entity, must delete policies first.',
    );
    await rejectsWith(
      f.services.iam.deleteRole(f.root, { RoleName: 'app' }),
      'DeleteConflict',
      'Cannot delete entity, must delete policies first.',
    );
  });

  const errors: [string, () => Promise<unknown>, string, string | RegExp][] = [
    [
      'getting an unknown user policy',
      () => f.services.iam.getUserPolicy(f.root, { UserName: 'ann', PolicyName: 'zz' }),
      'NoSuchEntity',
      'The user policy with name zz cannot be found.',
    ],
    [
      'deleting an unknown role policy',
      () => f.services.iam.deleteRolePolicy(f.root, { RoleName: 'app', PolicyName: 'zz' }),
      'NoSuchEntity',
      'The role policy with name zz cannot be found.',
    ],
    [
      'an unknown group',
      () => f.services.iam.putGroupPolicy(f.root, { GroupName: 'nope', PolicyName: 'g', PolicyDocument: doc('s3:*') }),
      'NoSuchEntity',
      'The group with name nope cannot be found.',
    ],
    [
      'a malformed document',
      () =>
        f.services.iam.putUserPolicy(f.root, { UserName: 'ann', PolicyName: 'm', PolicyDocument: '{"Statement":[]' }),
      'MalformedPolicyDocument',
      /./,
    ],
    [
      'one user policy over 2048 characters',
      () =>
        f.services.iam.putUserPolicy(f.root, { UserName: 'ann', PolicyName: 'big', PolicyDocument: doc('s3:*', 2100) }),
      'LimitExceeded',
      'Maximum policy size of 2048 bytes exceeded for user ann',
    ],
    [
      'user policies over 2048 characters together',
      () =>
        f.services.iam.putUserPolicy(f.root, { UserName: 'ann', PolicyName: 'c', PolicyDocument: doc('s3:*', 1950) }),
      'LimitExceeded',
      'Maximum policy size of 2048 bytes exceeded for user ann',
    ],
    [
      'a bad policy name',
      () => f.services.iam.putUserPolicy(f.root, { UserName: 'ann', PolicyName: 'a b', PolicyDocument: doc('s3:*') }),
      'ValidationError',
      /policyName/,
    ],
  ];
  for (const [name, run, code, message] of errors) {
    test(`${name} is ${code}`, async () => {
      await rejectsWith(run(), code, message);
    });
  }

  test('a role takes up to 10240 characters of inline policies where a user takes 2048', async () => {
    await f.services.iam.putRolePolicy(f.root, {
      RoleName: 'app',
      PolicyName: 'big',
      PolicyDocument: doc('s3:*', 5000),
    });
    await rejectsWith(
      f.services.iam.putRolePolicy(f.root, { RoleName: 'app', PolicyName: 'big2', PolicyDocument: doc('s3:*', 5200) }),
      'LimitExceeded',
      'Maximum policy size of 10240 bytes exceeded for role app',
    );
    await f.services.iam.putGroupPolicy(f.root, {
      GroupName: 'devs',
      PolicyName: 'big',
      PolicyDocument: doc('s3:*', 4000),
    });
  });

  test('after deleting the inline policies the identities can be deleted', async () => {
    const iam = f.services.iam;
    for (const n of ['a', 'b']) await iam.deleteUserPolicy(f.root, { UserName: 'ann', PolicyName: n });
    for (const n of ['g', 'big']) await iam.deleteGroupPolicy(f.root, { GroupName: 'devs', PolicyName: n });
    for (const n of ['r', 'big']) await iam.deleteRolePolicy(f.root, { RoleName: 'app', PolicyName: n });
    await iam.deleteUser(f.root, { UserName: 'ann' });
    await iam.deleteGroup(f.root, { GroupName: 'devs' });
    await iam.deleteRole(f.root, { RoleName: 'app' });
  });
});
