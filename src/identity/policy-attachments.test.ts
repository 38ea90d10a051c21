import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ACCOUNT, type Fixture, makeFixture, rejectsWith } from './services-fixture.test.ts';

const DOC = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
});
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const local = (name: string) => `arn:aws:iam::${ACCOUNT}:policy/${name}`;
const aws = (name: string) => `arn:aws:iam::aws:policy/${name}`;

describe('managed policy attachments', () => {
  let f: Fixture;
  before(async () => {
    f = await makeFixture();
    await f.services.iam.createUser(f.root, { UserName: 'ann', Path: '/dev/' });
    await f.services.iam.createGroup(f.root, { GroupName: 'devs' });
    await f.services.iam.createRole(f.root, { RoleName: 'app', AssumeRolePolicyDocument: TRUST });
    for (let i = 0; i < 11; i++) {
      await f.services.iam.createPolicy(f.root, { PolicyName: `P${String(i).padStart(2, '0')}`, PolicyDocument: DOC });
    }
  });
  after(() => f.close());

  test('attaching to a user, group and role counts in AttachmentCount; attaching twice changes nothing', async () => {
    await f.services.iam.attachUserPolicy(f.root, { UserName: 'ann', PolicyArn: local('P00') });
    await f.services.iam.attachUserPolicy(f.root, { UserName: 'ann', PolicyArn: local('P00') });
    await f.services.iam.attachGroupPolicy(f.root, { GroupName: 'devs', PolicyArn: local('P00') });
    await f.services.iam.attachRolePolicy(f.root, { RoleName: 'app', PolicyArn: local('P00') });
    await f.services.iam.attachRolePolicy(f.root, { RoleName: 'app', PolicyArn: aws('ReadOnlyAccess') });
    assert.equal((await f.services.iam.getPolicy(f.root, { PolicyArn: local('P00') })).Policy.AttachmentCount, 3);
    assert.equal(
      (await f.services.iam.getPolicy(f.root, { PolicyArn: aws('ReadOnlyAccess') })).Policy.AttachmentCount,
      1,
    );
  });

  const errors: [string, () => Promise<unknown>, string, string][] = [
    [
      'an unknown policy ARN',
      () => f.services.iam.attachUserPolicy(f.root, { UserName: 'ann', PolicyArn: local('Nope') }),
      'NoSuchEntity',
      `Policy ${local('Nope')} does not exist or is not attachable.`,
    ],
    [
      'an unknown user',
      () => f.services.iam.attachUserPolicy(f.root, { UserName: 'bob', PolicyArn: local('P01') }),
      'NoSuchEntity',
      'The user with name bob cannot be found.',
    ],
    [
      'an unknown group',
      () => f.services.iam.attachGroupPolicy(f.root, { GroupName: 'x', PolicyArn: local('P01') }),
      'NoSuchEntity',
      'The group with name x cannot be found.',
    ],
    [
      'an unknown role',
      () => f.services.iam.attachRolePolicy(f.root, { RoleName: 'x', PolicyArn: local('P01') }),
      'NoSuchEntity',
      'The role with name x cannot be found.',
    ],
    [
      'detaching a policy that is not attached',
      () => f.services.iam.detachUserPolicy(f.root, { UserName: 'ann', PolicyArn: local('P05') }),
      'NoSuchEntity',
      `Policy ${local('P05')} was not found.`,
    ],
  ];
  for (const [name, run, code, message] of errors) {
    test(`attach/detach: ${name} is ${code}`, async () => {
      await rejectsWith(run(), code, message);
    });
  }

  test('the eleventh attached policy is LimitExceeded with the quota name', async () => {
    for (let i = 1; i < 10; i++)
      await f.services.iam.attachUserPolicy(f.root, { UserName: 'ann', PolicyArn: local(`P0${i}`) });
    await rejectsWith(
      f.services.iam.attachUserPolicy(f.root, { UserName: 'ann', PolicyArn: local('P10') }),
      'LimitExceeded',
      'Cannot exceed quota for PoliciesPerUser: 10',
    );
  });

  test('ListAttachedUserPolicies pages by name and filters by path prefix', async () => {
    const first = await f.services.iam.listAttachedUserPolicies(f.root, { UserName: 'ann', MaxItems: 4 });
    assert.deepEqual(
      first.AttachedPolicies.map((p) => p.PolicyName),
      ['P00', 'P01', 'P02', 'P03'],
    );
    assert.equal(first.AttachedPolicies[0]?.PolicyArn, local('P00'));
    const rest = await f.services.iam.listAttachedUserPolicies(f.root, {
      UserName: 'ann',
      Marker: first.Marker as string,
    });
    assert.equal(rest.AttachedPolicies.length, 6);
    assert.equal(rest.IsTruncated, false);
    const none = await f.services.iam.listAttachedUserPolicies(f.root, { UserName: 'ann', PathPrefix: '/x/' });
    assert.deepEqual(none.AttachedPolicies, []);
    const role = await f.services.iam.listAttachedRolePolicies(f.root, { RoleName: 'app' });
    assert.deepEqual(role.AttachedPolicies, [
      { PolicyName: 'P00', PolicyArn: local('P00') },
      { PolicyName: 'ReadOnlyAccess', PolicyArn: aws('ReadOnlyAccess') },
    ]);
  });

  test('an attached AWS managed policy is listed with the partition of the request', async () => {
    const cn = { ...f.root, partition: 'aws-cn' };
    const listed = await f.services.iam.listAttachedRolePolicies(cn, { RoleName: 'app' });
    assert.ok(listed.AttachedPolicies.some((p) => p.PolicyArn === 'arn:aws-cn:iam::aws:policy/ReadOnlyAccess'));
    const got = await f.services.iam.getPolicy(cn, { PolicyArn: 'arn:aws-cn:iam::aws:policy/ReadOnlyAccess' });
    assert.equal(got.Policy.AttachmentCount, 1);
  });

  test('ListEntitiesForPolicy lists users, groups and roles, filtered by type and usage', async () => {
    await f.services.iam.createUser(f.root, { UserName: 'bounded', PermissionsBoundary: local('P00') });
    const all = await f.services.iam.listEntitiesForPolicy(f.root, { PolicyArn: local('P00') });
    assert.deepEqual(all.PolicyUsers.map((u) => u.UserName).sort(), ['ann', 'bounded']);
    assert.deepEqual(
      all.PolicyGroups.map((g) => g.GroupName),
      ['devs'],
    );
    assert.deepEqual(
      all.PolicyRoles.map((r) => r.RoleName),
      ['app'],
    );
    const users = await f.services.iam.listEntitiesForPolicy(f.root, {
      PolicyArn: local('P00'),
      EntityFilter: 'User',
      PolicyUsageFilter: 'PermissionsPolicy',
    });
    assert.deepEqual(
      users.PolicyUsers.map((u) => u.UserName),
      ['ann'],
    );
    assert.deepEqual(users.PolicyRoles, []);
    const boundary = await f.services.iam.listEntitiesForPolicy(f.root, {
      PolicyArn: local('P00'),
      PolicyUsageFilter: 'PermissionsBoundary',
    });
    assert.deepEqual(
      boundary.PolicyUsers.map((u) => u.UserName),
      ['bounded'],
    );
    const dev = await f.services.iam.listEntitiesForPolicy(f.root, { PolicyArn: local('P00'), PathPrefix: '/dev/' });
    assert.deepEqual(
      dev.PolicyUsers.map((u) => u.UserName),
      ['ann'],
    );
    const p = (await f.services.iam.getPolicy(f.root, { PolicyArn: local('P00') })).Policy;
    assert.deepEqual([p.AttachmentCount, p.PermissionsBoundaryUsageCount], [3, 1]);
    const used = await f.services.iam.listPolicies(f.root, {
      OnlyAttached: true,
      PolicyUsageFilter: 'PermissionsBoundary',
    });
    assert.deepEqual(
      used.Policies.map((x) => x.PolicyName),
      ['P00'],
    );
  });

  test('DeletePolicy, DeleteUser, DeleteGroup and DeleteRole conflict while policies are attached', async () => {
    await rejectsWith(
      f.services.iam.deletePolicy(f.root, { PolicyArn: local('P01') }),
      'DeleteConflict',
      'Cannot delete a policy attached to entities.',
    );
    await rejectsWith(
      f.services.iam.deleteUser(f.root, { UserName: 'ann' }),
      'DeleteConflict',
      'Cannot delete entity, must detach all policies first.',
    );
    await rejectsWith(
      f.services.iam.deleteGroup(f.root, { GroupName: 'devs' }),
      'DeleteConflict',
      'Cannot delete entity, must detach all policies first.',
    );
    await rejectsWith(
      f.services.iam.deleteRole(f.root, { RoleName: 'app' }),
      'DeleteConflict',
      'Cannot delete entity, must detach all policies first.',
    );
    await f.services.iam.detachGroupPolicy(f.root, { GroupName: 'devs', PolicyArn: local('P00') });
    await f.services.iam.deleteGroup(f.root, { GroupName: 'devs' });
    for (let i = 0; i < 10; i++)
      await f.services.iam.detachUserPolicy(f.root, { UserName: 'ann', PolicyArn: local(`P0${i}`) });
    await f.services.iam.deleteUser(f.root, { UserName: 'ann' });
    await f.services.iam.deletePolicy(f.root, { PolicyArn: local('P01') });
  });
});
