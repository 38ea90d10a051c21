import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ACCOUNT, type Fixture, makeFixture, rejectsWith } from './services-fixture.test.ts';

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const TRUST2 = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }],
});

describe('roles', () => {
  let f: Fixture;
  before(async () => {
    f = await makeFixture();
  });
  after(() => f.close());

  test('CreateRole returns the Role shape with an AROA id, the trust policy and MaxSessionDuration 3600', async () => {
    const { Role } = await f.services.iam.createRole(f.root, {
      RoleName: 'web',
      Path: '/app/',
      AssumeRolePolicyDocument: TRUST,
      Description: 'web tier',
      Tags: [{ Key: 'env', Value: 'dev' }],
    });
    assert.match(Role.RoleId, /^AROA[A-Z2-7]{17}$/);
    assert.equal(Role.Arn, `arn:aws:iam::${ACCOUNT}:role/app/web`);
    assert.equal(Role.AssumeRolePolicyDocument, TRUST);
    assert.equal(Role.MaxSessionDuration, 3600);
    assert.equal(Role.Description, 'web tier');
    assert.deepEqual(Role.Tags, [{ Key: 'env', Value: 'dev' }]);
    const cn = await f.services.iam.createRole(
      { ...f.root, partition: 'aws-cn' },
      { RoleName: 'cn', AssumeRolePolicyDocument: TRUST },
    );
    assert.equal(cn.Role.Arn, `arn:aws-cn:iam::${ACCOUNT}:role/cn`);
  });

  const createErrors: [string, Record<string, unknown>, string, string | RegExp][] = [
    [
      'a duplicate name in another case',
      { RoleName: 'WEB', AssumeRolePolicyDocument: TRUST },
      'EntityAlreadyExists',
      'Role with name WEB already exists.',
    ],
    [
      'a trust policy without Principal',
      {
        RoleName: 'x',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }],
        }),
      },
      'MalformedPolicyDocument',
      /./,
    ],
    [
      'MaxSessionDuration below 3600',
      { RoleName: 'x', AssumeRolePolicyDocument: TRUST, MaxSessionDuration: 100 },
      'ValidationError',
      "1 validation error detected: Value '100' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600",
    ],
    [
      'MaxSessionDuration above 43200',
      { RoleName: 'x', AssumeRolePolicyDocument: TRUST, MaxSessionDuration: 50000 },
      'ValidationError',
      /less than or equal to 43200/,
    ],
    [
      'a description over 1000 characters',
      { RoleName: 'x', AssumeRolePolicyDocument: TRUST, Description: 'd'.repeat(1001) },
      'ValidationError',
      /'description'/,
    ],
    [
      'a 65-character name',
      { RoleName: 'r'.repeat(65), AssumeRolePolicyDocument: TRUST },
      'ValidationError',
      /length less than or equal to 64/,
    ],
    [
      'an unknown boundary',
      { RoleName: 'x', AssumeRolePolicyDocument: TRUST, PermissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/none` },
      'NoSuchEntity',
      `Scope ARN: arn:aws:iam::${ACCOUNT}:policy/none does not exist or is not attachable.`,
    ],
  ];
  for (const [name, input, code, message] of createErrors) {
    test(`CreateRole: ${name} is ${code}`, async () => {
      await rejectsWith(f.services.iam.createRole(f.root, input as never), code, message);
    });
  }

  test('GetRole shows tags, boundary and RoleLastUsed (set by STS through the store)', async () => {
    await f.services.iam.putRolePermissionsBoundary(f.root, {
      RoleName: 'web',
      PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    });
    const id = (await f.services.iam.getRole(f.root, { RoleName: 'web' })).Role.RoleId;
    f.services.roleUsage.recordUse(id, { at: new Date('2026-11-22T10:00:00Z'), region: 'eu-west-1' });
    await f.services.roleUsage.flush();
    const { Role } = await f.services.iam.getRole(f.root, { RoleName: 'web' });
    assert.deepEqual(Role.PermissionsBoundary, {
      PermissionsBoundaryType: 'Policy',
      PermissionsBoundaryArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    });
    assert.deepEqual(Role.RoleLastUsed, { LastUsedDate: new Date('2026-11-22T10:00:00Z'), Region: 'eu-west-1' });
    await rejectsWith(
      f.services.iam.getRole(f.root, { RoleName: 'none' }),
      'NoSuchEntity',
      'The role with name none cannot be found.',
    );
  });

  test('ListRoles sorts by name, pages and filters by path prefix', async () => {
    const page = await f.services.iam.listRoles(f.root, { MaxItems: 1 });
    assert.deepEqual([page.Roles.map((r) => r.RoleName), page.IsTruncated], [['cn'], true]);
    const rest = await f.services.iam.listRoles(f.root, { Marker: page.Marker as string });
    assert.deepEqual(
      rest.Roles.map((r) => r.RoleName),
      ['web'],
    );
    assert.deepEqual(
      (await f.services.iam.listRoles(f.root, { PathPrefix: '/app/' })).Roles.map((r) => r.RoleName),
      ['web'],
    );
  });

  test('UpdateRole, UpdateRoleDescription and UpdateAssumeRolePolicy change the role', async () => {
    await f.services.iam.updateRole(f.root, { RoleName: 'web', MaxSessionDuration: 43200, Description: 'new' });
    const upd = await f.services.iam.updateRoleDescription(f.root, { RoleName: 'web', Description: 'newer' });
    assert.equal(upd.Role.Description, 'newer');
    await f.services.iam.updateAssumeRolePolicy(f.root, { RoleName: 'web', PolicyDocument: TRUST2 });
    const { Role } = await f.services.iam.getRole(f.root, { RoleName: 'web' });
    assert.deepEqual(
      [Role.MaxSessionDuration, Role.Description, Role.AssumeRolePolicyDocument],
      [43200, 'newer', TRUST2],
    );
    await rejectsWith(
      f.services.iam.updateAssumeRolePolicy(f.root, { RoleName: 'web', PolicyDocument: '{}' }),
      'MalformedPolicyDocument',
    );
  });

  test('role tags: TagRole, UntagRole, ListRoleTags', async () => {
    await f.services.iam.tagRole(f.root, {
      RoleName: 'web',
      Tags: [
        { Key: 'ENV', Value: 'prod' },
        { Key: 'b', Value: '1' },
      ],
    });
    assert.deepEqual((await f.services.iam.listRoleTags(f.root, { RoleName: 'web' })).Tags, [
      { Key: 'ENV', Value: 'prod' },
      { Key: 'b', Value: '1' },
    ]);
    await f.services.iam.untagRole(f.root, { RoleName: 'web', TagKeys: ['b'] });
    assert.equal((await f.services.iam.listRoleTags(f.root, { RoleName: 'web' })).Tags.length, 1);
    await rejectsWith(
      f.services.iam.tagRole(f.root, { RoleName: 'web', Tags: [{ Key: 'aws:x', Value: '1' }] }),
      'InvalidInput',
    );
  });

  test('DeleteRole refuses while in an instance profile, then deletes; the account summary counts roles', async () => {
    await f.services.iam.createInstanceProfile(f.root, { InstanceProfileName: 'ip' });
    await f.services.iam.addRoleToInstanceProfile(f.root, { InstanceProfileName: 'ip', RoleName: 'web' });
    await rejectsWith(
      f.services.iam.deleteRole(f.root, { RoleName: 'web' }),
      'DeleteConflict',
      'Cannot delete entity, must remove roles from instance profile first.',
    );
    assert.equal((await f.services.iam.getAccountSummary(f.root, {})).SummaryMap.get('Roles'), 2);
    await f.services.iam.removeRoleFromInstanceProfile(f.root, { InstanceProfileName: 'ip', RoleName: 'web' });
    await f.services.iam.deleteRole(f.root, { RoleName: 'web' });
    assert.equal((await f.services.iam.getAccountSummary(f.root, {})).SummaryMap.get('Roles'), 1);
  });
});
