import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ACCOUNT, type Fixture, makeFixture, rejectsWith } from './services-fixture.test.ts';

const doc = (a: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: a, Resource: '*' }] });
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

describe('GetAccountAuthorizationDetails', () => {
  let f: Fixture;
  before(async () => {
    f = await makeFixture();
    const iam = f.services.iam;
    await iam.createPolicy(f.root, { PolicyName: 'Local', PolicyDocument: doc('s3:*') });
    await iam.createUser(f.root, {
      UserName: 'ann',
      Tags: [{ Key: 't', Value: 'v' }],
      PermissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
    });
    await iam.putUserPolicy(f.root, { UserName: 'ann', PolicyName: 'own', PolicyDocument: doc('ec2:*') });
    await iam.createGroup(f.root, { GroupName: 'devs' });
    await iam.addUserToGroup(f.root, { GroupName: 'devs', UserName: 'ann' });
    await iam.attachGroupPolicy(f.root, { GroupName: 'devs', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
    await iam.createRole(f.root, { RoleName: 'app', AssumeRolePolicyDocument: TRUST });
    await iam.attachRolePolicy(f.root, { RoleName: 'app', PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/Local` });
    await iam.createInstanceProfile(f.root, { InstanceProfileName: 'ip' });
    await iam.addRoleToInstanceProfile(f.root, { InstanceProfileName: 'ip', RoleName: 'app' });
  });
  after(() => f.close());

  test('without a filter it lists users, groups, roles, local policies and only the AWS policies in use', async () => {
    const out = await f.services.iam.getAccountAuthorizationDetails(f.root, {});
    const [user] = out.UserDetailList;
    assert.equal(user?.UserName, 'ann');
    assert.deepEqual(user?.UserPolicyList, [{ PolicyName: 'own', PolicyDocument: doc('ec2:*') }]);
    assert.deepEqual(user?.GroupList, ['devs']);
    assert.deepEqual(user?.Tags, [{ Key: 't', Value: 'v' }]);
    assert.equal(user?.PermissionsBoundary?.PermissionsBoundaryArn, 'arn:aws:iam::aws:policy/PowerUserAccess');
    assert.deepEqual(out.GroupDetailList[0]?.AttachedManagedPolicies, [
      { PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
    ]);
    const [role] = out.RoleDetailList;
    assert.deepEqual(
      role?.InstanceProfileList.map((p) => p.InstanceProfileName),
      ['ip'],
    );
    assert.equal(role?.AssumeRolePolicyDocument, TRUST);
    assert.deepEqual(role?.RoleLastUsed, {});
    assert.deepEqual(out.Policies.map((p) => p.PolicyName).sort(), ['Local', 'PowerUserAccess', 'ReadOnlyAccess']);
    const local = out.Policies.find((p) => p.PolicyName === 'Local');
    assert.deepEqual(
      local?.PolicyVersionList.map((v) => [v.VersionId, v.IsDefaultVersion, v.Document]),
      [['v1', true, doc('s3:*')]],
    );
    assert.equal(local?.AttachmentCount, 1);
    assert.equal(out.IsTruncated, false);
  });

  test('a filter keeps only the asked kinds, MaxItems pages through everything, a bad filter is ValidationError', async () => {
    const roles = await f.services.iam.getAccountAuthorizationDetails(f.root, { Filter: ['Role', 'AWSManagedPolicy'] });
    assert.deepEqual(
      [roles.UserDetailList.length, roles.GroupDetailList.length, roles.RoleDetailList.length, roles.Policies.length],
      [0, 0, 1, 2],
    );
    let marker: string | undefined;
    let total = 0;
    do {
      const page = await f.services.iam.getAccountAuthorizationDetails(f.root, {
        MaxItems: 2,
        ...(marker ? { Marker: marker } : {}),
      });
      total +=
        page.UserDetailList.length + page.GroupDetailList.length + page.RoleDetailList.length + page.Policies.length;
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    assert.equal(total, 6);
    await rejectsWith(
      f.services.iam.getAccountAuthorizationDetails(f.root, { Filter: ['Users' as never] }),
      'ValidationError',
      /filter\.1\.member/,
    );
  });

  test('GetAccountSummary counts roles, policies, versions and instance profiles exactly', async () => {
    const m = (await f.services.iam.getAccountSummary(f.root, {})).SummaryMap;
    assert.deepEqual(
      ['Users', 'Groups', 'Roles', 'Policies', 'PolicyVersionsInUse', 'InstanceProfiles'].map((k) => m.get(k)),
      [1, 1, 1, 1, 1, 1],
    );
  });
});
