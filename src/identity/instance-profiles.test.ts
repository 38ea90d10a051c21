import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ACCOUNT, type Fixture, makeFixture, rejectsWith } from './services-fixture.test.ts';

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

describe('instance profiles', () => {
  let f: Fixture;
  before(async () => {
    f = await makeFixture();
    await f.services.iam.createRole(f.root, { RoleName: 'r1', AssumeRolePolicyDocument: TRUST });
    await f.services.iam.createRole(f.root, { RoleName: 'r2', AssumeRolePolicyDocument: TRUST });
  });
  after(() => f.close());

  test('CreateInstanceProfile returns an AIPA id, the ARN with path, no roles and the tags', async () => {
    const { InstanceProfile } = await f.services.iam.createInstanceProfile(f.root, {
      InstanceProfileName: 'web',
      Path: '/p/',
      Tags: [{ Key: 'a', Value: 'b' }],
    });
    assert.match(InstanceProfile.InstanceProfileId, /^AIPA[A-Z2-7]{17}$/);
    assert.equal(InstanceProfile.Arn, `arn:aws:iam::${ACCOUNT}:instance-profile/p/web`);
    assert.deepEqual(InstanceProfile.Roles, []);
    assert.deepEqual(InstanceProfile.Tags, [{ Key: 'a', Value: 'b' }]);
    await rejectsWith(
      f.services.iam.createInstanceProfile(f.root, { InstanceProfileName: 'WEB' }),
      'EntityAlreadyExists',
      'Instance Profile WEB already exists.',
    );
  });

  test('one role per profile: a second is LimitExceeded; Get and ListInstanceProfilesForRole show it', async () => {
    await f.services.iam.addRoleToInstanceProfile(f.root, { InstanceProfileName: 'web', RoleName: 'r1' });
    await rejectsWith(
      f.services.iam.addRoleToInstanceProfile(f.root, { InstanceProfileName: 'web', RoleName: 'r2' }),
      'LimitExceeded',
      'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1',
    );
    const { InstanceProfile } = await f.services.iam.getInstanceProfile(f.root, { InstanceProfileName: 'web' });
    assert.deepEqual(
      InstanceProfile.Roles.map((r) => r.RoleName),
      ['r1'],
    );
    const forRole = await f.services.iam.listInstanceProfilesForRole(f.root, { RoleName: 'r1' });
    assert.deepEqual(
      forRole.InstanceProfiles.map((p) => p.InstanceProfileName),
      ['web'],
    );
    assert.deepEqual(
      (await f.services.iam.listInstanceProfilesForRole(f.root, { RoleName: 'r2' })).InstanceProfiles,
      [],
    );
  });

  test('errors: unknown profile, unknown role, removing a role that is not in the profile, deleting a full profile', async () => {
    await rejectsWith(
      f.services.iam.getInstanceProfile(f.root, { InstanceProfileName: 'x' }),
      'NoSuchEntity',
      'Instance Profile x cannot be found.',
    );
    await rejectsWith(
      f.services.iam.addRoleToInstanceProfile(f.root, { InstanceProfileName: 'web', RoleName: 'x' }),
      'NoSuchEntity',
      'The role with name x cannot be found.',
    );
    await rejectsWith(
      f.services.iam.removeRoleFromInstanceProfile(f.root, { InstanceProfileName: 'web', RoleName: 'r2' }),
      'NoSuchEntity',
    );
    await rejectsWith(
      f.services.iam.deleteInstanceProfile(f.root, { InstanceProfileName: 'web' }),
      'DeleteConflict',
      'Cannot delete entity, must remove roles from instance profile first.',
    );
    await rejectsWith(
      f.services.iam.createInstanceProfile(f.root, { InstanceProfileName: 'a/b' }),
      'ValidationError',
      /instanceProfileName/,
    );
  });

  test('ListInstanceProfiles pages and filters; tags; delete; the account summary counts profiles', async () => {
    await f.services.iam.createInstanceProfile(f.root, { InstanceProfileName: 'api' });
    const page = await f.services.iam.listInstanceProfiles(f.root, { MaxItems: 1 });
    assert.deepEqual([page.InstanceProfiles.map((p) => p.InstanceProfileName), page.IsTruncated], [['api'], true]);
    const rest = await f.services.iam.listInstanceProfiles(f.root, { Marker: page.Marker as string });
    assert.deepEqual(
      rest.InstanceProfiles.map((p) => p.InstanceProfileName),
      ['web'],
    );
    assert.deepEqual(
      (await f.services.iam.listInstanceProfiles(f.root, { PathPrefix: '/p/' })).InstanceProfiles.length,
      1,
    );
    await f.services.iam.tagInstanceProfile(f.root, { InstanceProfileName: 'api', Tags: [{ Key: 'k', Value: 'v' }] });
    assert.deepEqual((await f.services.iam.listInstanceProfileTags(f.root, { InstanceProfileName: 'api' })).Tags, [
      { Key: 'k', Value: 'v' },
    ]);
    await f.services.iam.untagInstanceProfile(f.root, { InstanceProfileName: 'api', TagKeys: ['K'] });
    assert.deepEqual((await f.services.iam.listInstanceProfileTags(f.root, { InstanceProfileName: 'api' })).Tags, []);
    assert.equal((await f.services.iam.getAccountSummary(f.root, {})).SummaryMap.get('InstanceProfiles'), 2);
    await f.services.iam.removeRoleFromInstanceProfile(f.root, { InstanceProfileName: 'web', RoleName: 'r1' });
    await f.services.iam.deleteInstanceProfile(f.root, { InstanceProfileName: 'web' });
    assert.equal((await f.services.iam.getAccountSummary(f.root, {})).SummaryMap.get('InstanceProfiles'), 1);
  });
});
