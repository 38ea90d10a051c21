import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ACCOUNT, type Fixture, makeFixture, rejectsWith } from './services-fixture.test.ts';

const doc = (action: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }],
});
const local = (name: string) => `arn:aws:iam::${ACCOUNT}:policy/${name}`;

describe('permissions boundaries and the principal policy source', () => {
  let f: Fixture;
  before(async () => {
    f = await makeFixture();
    const iam = f.services.iam;
    await iam.createPolicy(f.root, { PolicyName: 'Boundary', PolicyDocument: doc('s3:*') });
    await iam.createPolicy(f.root, { PolicyName: 'Direct', PolicyDocument: doc('ec2:*') });
    await iam.createPolicy(f.root, { PolicyName: 'ViaGroup', PolicyDocument: doc('sqs:*') });
    await iam.createUser(f.root, { UserName: 'ann', Path: '/eng/', Tags: [{ Key: 'team', Value: 'web' }] });
    await iam.putUserPolicy(f.root, { UserName: 'ann', PolicyName: 'own', PolicyDocument: doc('s3:GetObject') });
    await iam.attachUserPolicy(f.root, { UserName: 'ann', PolicyArn: local('Direct') });
    for (const g of ['g1', 'g2']) {
      await iam.createGroup(f.root, { GroupName: g });
      await iam.addUserToGroup(f.root, { GroupName: g, UserName: 'ann' });
    }
    await iam.putGroupPolicy(f.root, { GroupName: 'g1', PolicyName: 'gi', PolicyDocument: doc('sns:*') });
    await iam.attachGroupPolicy(f.root, { GroupName: 'g2', PolicyArn: local('ViaGroup') });
    await iam.attachGroupPolicy(f.root, { GroupName: 'g2', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' });
  });
  after(() => f.close());

  test('PutUserPermissionsBoundary needs an existing policy; GetUser shows it; the usage count follows', async () => {
    await rejectsWith(
      f.services.iam.putUserPermissionsBoundary(f.root, { UserName: 'ann', PermissionsBoundary: local('Nope') }),
      'NoSuchEntity',
      `Scope ARN: ${local('Nope')} does not exist or is not attachable.`,
    );
    await f.services.iam.putUserPermissionsBoundary(f.root, {
      UserName: 'ann',
      PermissionsBoundary: local('Boundary'),
    });
    const { User } = await f.services.iam.getUser(f.root, { UserName: 'ann' });
    assert.ok('PermissionsBoundary' in User);
    assert.deepEqual(User.PermissionsBoundary, {
      PermissionsBoundaryType: 'Policy',
      PermissionsBoundaryArn: local('Boundary'),
    });
    const p = await f.services.iam.getPolicy(f.root, { PolicyArn: local('Boundary') });
    assert.equal(p.Policy.PermissionsBoundaryUsageCount, 1);
    await rejectsWith(
      f.services.iam.createUser(f.root, { UserName: 'carl', PermissionsBoundary: local('Nope') }),
      'NoSuchEntity',
      `Scope ARN: ${local('Nope')} does not exist or is not attachable.`,
    );
    assert.equal(
      (await f.services.iam.listUsers(f.root, {})).Users.some((u) => u.UserName === 'carl'),
      false,
    );
  });

  test('load() gathers user inline, attached, both groups (inline and attached) and the boundary', async () => {
    const loaded = await f.services.policies.load(ACCOUNT, { kind: 'user', userName: 'ann' });
    assert.ok(loaded);
    assert.equal(loaded.arn, `arn:aws:iam::${ACCOUNT}:user/eng/ann`);
    assert.match(loaded.id, /^AIDA/);
    assert.deepEqual(loaded.tags, { team: 'web' });
    const summary = loaded.identity.map((p) => [p.source, p.name, p.via ?? '-', p.arn ?? '-']);
    assert.deepEqual(summary.sort(), [
      ['group-inline', 'gi', 'g1', '-'],
      ['managed', 'Direct', '-', local('Direct')],
      ['managed', 'IAMReadOnlyAccess', 'g2', 'arn:aws:iam::aws:policy/IAMReadOnlyAccess'],
      ['managed', 'ViaGroup', 'g2', local('ViaGroup')],
      ['user-inline', 'own', '-', '-'],
    ]);
    assert.equal(loaded.identity.find((p) => p.name === 'Direct')?.document, doc('ec2:*'));
    assert.match(loaded.identity.find((p) => p.name === 'IAMReadOnlyAccess')?.document ?? '', /iam:Get/);
    assert.deepEqual(loaded.boundary, { arn: local('Boundary'), document: doc('s3:*') });
    assert.equal(await f.services.policies.load(ACCOUNT, { kind: 'user', userName: 'ghost' }), undefined);
  });

  test('a managed policy contributes its default version', async () => {
    await f.services.iam.createPolicyVersion(f.root, {
      PolicyArn: local('Direct'),
      PolicyDocument: doc('ec2:Describe*'),
      SetAsDefault: true,
    });
    const loaded = await f.services.policies.load(ACCOUNT, { kind: 'user', userName: 'ann' });
    assert.equal(loaded?.identity.find((p) => p.name === 'Direct')?.document, doc('ec2:Describe*'));
  });

  test('roles: load() and getTrustPolicy() return the role policies, trust policy, limits and boundary', async () => {
    const iam = f.services.iam;
    await iam.createRole(f.root, {
      RoleName: 'app',
      Path: '/svc/',
      AssumeRolePolicyDocument: TRUST,
      MaxSessionDuration: 7200,
      PermissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
      Tags: [{ Key: 'env', Value: 'prod' }],
    });
    await iam.putRolePolicy(f.root, { RoleName: 'app', PolicyName: 'ri', PolicyDocument: doc('sqs:*') });
    await iam.attachRolePolicy(f.root, { RoleName: 'app', PolicyArn: local('Direct') });
    const loaded = await f.services.policies.load(ACCOUNT, { kind: 'role', roleName: 'app' });
    assert.ok(loaded);
    assert.equal(loaded.arn, `arn:aws:iam::${ACCOUNT}:role/svc/app`);
    assert.match(loaded.id, /^AROA/);
    assert.deepEqual(
      loaded.identity.map((p) => `${p.source}:${p.name}`),
      ['role-inline:ri', 'managed:Direct'],
    );
    assert.equal(loaded.boundary?.arn, 'arn:aws:iam::aws:policy/PowerUserAccess');
    const trust = await f.services.roles.getTrustPolicy(ACCOUNT, 'APP');
    assert.deepEqual(
      { arn: trust?.arn, doc: trust?.document, max: trust?.maxSessionDuration, tags: trust?.tags },
      { arn: `arn:aws:iam::${ACCOUNT}:role/svc/app`, doc: TRUST, max: 7200, tags: { env: 'prod' } },
    );
    assert.equal(await f.services.roles.getTrustPolicy(ACCOUNT, 'nope'), undefined);
    await iam.deleteRolePermissionsBoundary(f.root, { RoleName: 'app' });
    assert.equal((await f.services.policies.load(ACCOUNT, { kind: 'role', roleName: 'app' }))?.boundary, undefined);
  });

  test('resources.describe() gives ARN with path and tags for users, roles, policies and instance profiles', async () => {
    const d = f.services.resources;
    assert.deepEqual(await d.describe(ACCOUNT, { type: 'user', name: 'ann' }), {
      arn: `arn:aws:iam::${ACCOUNT}:user/eng/ann`,
      path: '/eng/',
      tags: { team: 'web' },
    });
    assert.equal(
      (await d.describe(ACCOUNT, { type: 'role', arn: `arn:aws:iam::${ACCOUNT}:role/svc/app` }))?.path,
      '/svc/',
    );
    assert.equal((await d.describe(ACCOUNT, { type: 'group', name: 'g1' }))?.arn, `arn:aws:iam::${ACCOUNT}:group/g1`);
    assert.equal((await d.describe(ACCOUNT, { type: 'policy', arn: local('Direct') }))?.arn, local('Direct'));
    assert.equal(
      (await d.describe(ACCOUNT, { type: 'policy', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }))?.arn,
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
    );
    await f.services.iam.createInstanceProfile(f.root, {
      InstanceProfileName: 'ip',
      Path: '/p/',
      Tags: [{ Key: 'a', Value: 'b' }],
    });
    assert.deepEqual(await d.describe(ACCOUNT, { type: 'instance-profile', name: 'ip' }), {
      arn: `arn:aws:iam::${ACCOUNT}:instance-profile/p/ip`,
      path: '/p/',
      tags: { a: 'b' },
    });
    assert.equal(await d.describe(ACCOUNT, { type: 'user', name: 'ghost' }), undefined);
  });

  test('onChange fires after each committed write, not after a failed one, and stops after unsubscribe', async () => {
    const seen: string[] = [];
    const stop = f.services.policies.onChange((a) => seen.push(a));
    await f.services.iam.detachUserPolicy(f.root, { UserName: 'ann', PolicyArn: local('Direct') });
    assert.deepEqual(seen, [ACCOUNT]);
    await rejectsWith(
      f.services.iam.detachUserPolicy(f.root, { UserName: 'ann', PolicyArn: local('Direct') }),
      'NoSuchEntity',
    );
    assert.deepEqual(seen, [ACCOUNT]);
    await f.services.iam.deleteUserPermissionsBoundary(f.root, { UserName: 'ann' });
    assert.deepEqual(seen, [ACCOUNT, ACCOUNT]);
    stop();
    await f.services.iam.putUserPolicy(f.root, { UserName: 'ann', PolicyName: 'x', PolicyDocument: doc('s3:*') });
    assert.equal(seen.length, 2);
    const resets: string[] = [];
    f.services.policies.onChange((a) => resets.push(a));
    await f.services.accounts.reset({ accountId: ACCOUNT });
    assert.deepEqual(resets, [ACCOUNT]);
  });
});
