import assert from 'node:assert/strict';
import { before, beforeEach, describe, it } from 'node:test';
import type { RequestContext } from '../identity/index.ts';
import type { ServiceData } from '../service-data/index.ts';
import { ManualClock } from '../shared/index.ts';
import { type Authorizer, createAuthorizer } from './authorizer.ts';
import { FakeIdentity, policy } from './fake-identity.test.ts';
import { iamCatalog } from './test-catalog.test.ts';

const A = '111122223333';
const BOB = `arn:aws:iam::${A}:user/bob`;

function asUser(userName: string, path = '/'): RequestContext {
  return {
    accountId: A,
    partition: 'aws',
    region: 'us-east-1',
    requestId: 'r',
    caller: {
      type: 'user',
      accountId: A,
      arn: `arn:aws:iam::${A}:user${path}${userName}`,
      userId: `AIDA${userName}`,
      userName,
      path,
    },
  };
}
const root: RequestContext = {
  accountId: A,
  partition: 'aws',
  region: 'us-east-1',
  requestId: 'r',
  caller: { type: 'root', accountId: A, arn: `arn:aws:iam::${A}:root`, userId: A },
};

describe('createAuthorizer', () => {
  let data: ServiceData;
  let identity: FakeIdentity;
  let authz: Authorizer;
  const clock = new ManualClock('2026-11-22T12:00:00Z');
  before(async () => {
    data = await iamCatalog();
  });
  beforeEach(() => {
    identity = new FakeIdentity();
    authz?.close();
    authz = createAuthorizer({ identity, clock, catalog: data });
    identity.putUser(A, 'bob');
  });
  const call = (action: string, input: Record<string, unknown> = {}) => ({
    action,
    input,
    secure: true,
    sourceIp: '203.0.113.9',
  });

  it('allows the root user of the account without reading the store', async () => {
    const r = await authz.authorize(root, call('iam:CreateUser', { UserName: 'carol' }));
    assert.equal(r.allowed, true);
    assert.equal(identity.loads + identity.describes, 0);
  });

  it('never denies sts:GetCallerIdentity', async () => {
    const r = await authz.authorize(asUser('bob'), call('sts:GetCallerIdentity'));
    assert.equal(r.allowed, true);
  });

  const messages: {
    name: string;
    setup: () => void;
    action: string;
    input: Record<string, unknown>;
    message: string;
  }[] = [
    {
      name: 'no policy: implicit deny in identity-based policies',
      setup: () => {},
      action: 'iam:CreateUser',
      input: { UserName: 'carol' },
      message: `User: ${BOB} is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${A}:user/carol because no identity-based policy allows the iam:CreateUser action`,
    },
    {
      name: 'a Deny statement: explicit deny in an identity-based policy',
      setup: () =>
        identity.putUser(A, 'bob', {
          identity: [
            { source: 'user-inline', name: 'all', document: policy('Allow', 'iam:*') },
            {
              source: 'managed',
              name: 'deny',
              arn: `arn:aws:iam::${A}:policy/deny`,
              document: policy('Deny', 'iam:DeleteUser'),
            },
          ],
        }),
      action: 'iam:DeleteUser',
      input: { UserName: 'carol' },
      message: `User: ${BOB} is not authorized to perform: iam:DeleteUser on resource: arn:aws:iam::${A}:user/carol with an explicit deny in an identity-based policy`,
    },
    {
      name: 'a boundary without the action: no permissions boundary allows',
      setup: () =>
        identity.putUser(A, 'bob', {
          identity: [{ source: 'user-inline', name: 'all', document: policy('Allow', 'iam:*') }],
          boundary: { arn: `arn:aws:iam::${A}:policy/b`, document: policy('Allow', 'iam:Get*') },
        }),
      action: 'iam:CreateGroup',
      input: { GroupName: 'g' },
      message: `User: ${BOB} is not authorized to perform: iam:CreateGroup on resource: arn:aws:iam::${A}:group/g because no permissions boundary allows the iam:CreateGroup action`,
    },
    {
      name: 'a Deny in the boundary: explicit deny in a permissions boundary',
      setup: () =>
        identity.putUser(A, 'bob', {
          identity: [{ source: 'user-inline', name: 'all', document: policy('Allow', 'iam:*') }],
          boundary: {
            arn: `arn:aws:iam::${A}:policy/b`,
            document: JSON.stringify({
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Action: '*', Resource: '*' },
                { Effect: 'Deny', Action: 'iam:CreateGroup', Resource: '*' },
              ],
            }),
          },
        }),
      action: 'iam:CreateGroup',
      input: { GroupName: 'g' },
      message: `User: ${BOB} is not authorized to perform: iam:CreateGroup on resource: arn:aws:iam::${A}:group/g with an explicit deny in a permissions boundary`,
    },
  ];
  for (const m of messages) {
    it(`denies with AWS's message when ${m.name}`, async () => {
      m.setup();
      const r = await authz.authorize(asUser('bob'), call(m.action, m.input));
      assert.equal(r.allowed, false);
      assert.ok(!r.allowed);
      assert.equal(r.error.code, 'AccessDenied');
      assert.equal(r.error.message, m.message);
    });
  }

  it('authorizeNow answers the root user and GetCallerIdentity at once, and a user with a promise', async () => {
    const now = authz.authorizeNow(root, call('iam:CreateUser', { UserName: 'carol' }));
    assert.ok(!(now instanceof Promise) && now.allowed);
    const anyone = authz.authorizeNow(asUser('bob'), call('sts:GetCallerIdentity'));
    assert.ok(!(anyone instanceof Promise) && anyone.allowed);
    const user = authz.authorizeNow(asUser('bob'), call('iam:ListUsers'));
    assert.ok(user instanceof Promise);
    assert.equal((await user).allowed, false);
    // AddRoleToInstanceProfile also needs iam:PassRole: even the root user's answer goes through the full path.
    const also = authz.authorizeNow(root, call('iam:AddRoleToInstanceProfile', { RoleName: 'r' }));
    assert.ok(also instanceof Promise);
    assert.equal((await also).allowed, true);
    assert.equal(identity.loads, 1);
  });

  it('an unchanged principal is loaded once; a write to its account makes the next decision see the change', async () => {
    const ctx = asUser('bob');
    for (let i = 0; i < 5; i++) assert.equal((await authz.authorize(ctx, call('iam:ListUsers'))).allowed, false);
    assert.equal(identity.loads, 1);
    identity.putUser(A, 'bob', {
      identity: [{ source: 'user-inline', name: 'p', document: policy('Allow', 'iam:ListUsers') }],
    });
    // Not yet announced: the cache still answers.
    assert.equal((await authz.authorize(ctx, call('iam:ListUsers'))).allowed, false);
    identity.write(A);
    assert.equal((await authz.authorize(ctx, call('iam:ListUsers'))).allowed, true);
    assert.equal(identity.loads, 2);
    for (let i = 0; i < 5; i++) await authz.authorize(ctx, call('iam:ListUsers'));
    assert.equal(identity.loads, 2);
    assert.equal(authz.stats.principalLoads, 2);
  });

  it('a load that raced a write is never served afterwards, and concurrent misses share one load', async () => {
    const ctx = asUser('bob');
    const original = identity.policies.load;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The first load reads the old policies, then stalls until after the write.
    identity.policies.load = async (accountId, ref) => {
      const before = await original(accountId, ref);
      await gate;
      return before;
    };
    const first = authz.authorize(ctx, call('iam:ListUsers'));
    const second = authz.authorize(ctx, call('iam:ListUsers'));
    identity.putUser(A, 'bob', { identity: [{ source: 'user-inline', name: 'p', document: policy('Allow', 'iam:ListUsers') }] });
    identity.write(A);
    release();
    assert.equal((await first).allowed, false);
    assert.equal((await second).allowed, false);
    assert.equal(identity.loads, 1);
    identity.policies.load = original;
    assert.equal((await authz.authorize(ctx, call('iam:ListUsers'))).allowed, true);
    assert.equal(identity.loads, 2);
  });

  it('a write to another account leaves this account cached', async () => {
    await authz.authorize(asUser('bob'), call('iam:ListUsers'));
    identity.write('999999999999');
    await authz.authorize(asUser('bob'), call('iam:ListUsers'));
    assert.equal(identity.loads, 1);
  });

  it('existing resources are described once until a write, for the path and tags', async () => {
    identity.putUser(A, 'carol', { path: '/eng/', tags: { team: 'blue' } });
    identity.putUser(A, 'bob', {
      identity: [
        {
          source: 'user-inline',
          name: 'p',
          document: policy('Allow', 'iam:GetUser', `arn:aws:iam::${A}:user/eng/*`, {
            StringEquals: { 'iam:ResourceTag/team': 'blue' },
          }),
        },
      ],
    });
    const ctx = asUser('bob');
    const first = await authz.authorize(ctx, call('iam:GetUser', { UserName: 'carol' }));
    assert.equal(first.allowed, true);
    assert.equal(first.resource, `arn:aws:iam::${A}:user/eng/carol`);
    await authz.authorize(ctx, call('iam:GetUser', { UserName: 'carol' }));
    assert.equal(identity.describes, 1);
    identity.putUser(A, 'carol', { path: '/eng/', tags: { team: 'red' } });
    identity.write(A);
    assert.equal((await authz.authorize(ctx, call('iam:GetUser', { UserName: 'carol' }))).allowed, false);
  });

  it('a user without UserName acts on itself (GetUser, CreateAccessKey)', async () => {
    identity.putUser(A, 'bob', {
      identity: [
        {
          source: 'user-inline',
          name: 'self',
          document: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['iam:GetUser', 'iam:CreateAccessKey'],
                Resource: `arn:aws:iam::${A}:user/\${aws:username}`,
              },
            ],
          }),
        },
      ],
    });
    assert.equal((await authz.authorize(asUser('bob'), call('iam:GetUser'))).allowed, true);
    assert.equal((await authz.authorize(asUser('bob'), call('iam:CreateAccessKey'))).allowed, true);
    assert.equal((await authz.authorize(asUser('bob'), call('iam:GetUser', { UserName: 'carol' }))).allowed, false);
  });

  it('delegated administration: CreateUser allowed only with the named permissions boundary', async () => {
    const boundary = `arn:aws:iam::${A}:policy/Boundary`;
    identity.putUser(A, 'bob', {
      identity: [
        {
          source: 'user-inline',
          name: 'delegate',
          document: policy('Allow', 'iam:CreateUser', '*', { StringEquals: { 'iam:PermissionsBoundary': boundary } }),
        },
      ],
    });
    const ctx = asUser('bob');
    assert.equal((await authz.authorize(ctx, call('iam:CreateUser', { UserName: 'c' }))).allowed, false);
    assert.equal(
      (await authz.authorize(ctx, call('iam:CreateUser', { UserName: 'c', PermissionsBoundary: `${boundary}2` })))
        .allowed,
      false,
    );
    assert.equal(
      (await authz.authorize(ctx, call('iam:CreateUser', { UserName: 'c', PermissionsBoundary: boundary }))).allowed,
      true,
    );
  });

  it("iam:PermissionsBoundary on an existing user is that user's current boundary", async () => {
    const boundary = `arn:aws:iam::${A}:policy/Boundary`;
    identity.putUser(A, 'carol', { boundary: { arn: boundary, document: policy('Allow', '*') } });
    identity.putUser(A, 'dave');
    identity.putUser(A, 'bob', {
      identity: [
        {
          source: 'user-inline',
          name: 'delegate',
          document: policy('Allow', 'iam:PutUserPolicy', '*', {
            StringEquals: { 'iam:PermissionsBoundary': boundary },
          }),
        },
      ],
    });
    const ctx = asUser('bob');
    assert.equal(
      (await authz.authorize(ctx, call('iam:PutUserPolicy', { UserName: 'carol', PolicyName: 'p' }))).allowed,
      true,
    );
    assert.equal(
      (await authz.authorize(ctx, call('iam:PutUserPolicy', { UserName: 'dave', PolicyName: 'p' }))).allowed,
      false,
    );
  });

  it('request tags, tag keys and the policy ARN reach conditions', async () => {
    identity.putUser(A, 'bob', {
      identity: [
        {
          source: 'user-inline',
          name: 'p',
          document: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: 'iam:TagUser',
                Resource: '*',
                Condition: {
                  StringEquals: { 'aws:RequestTag/team': 'blue' },
                  'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] },
                },
              },
              {
                Effect: 'Allow',
                Action: 'iam:AttachUserPolicy',
                Resource: '*',
                Condition: { ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/ReadOnlyAccess' } },
              },
            ],
          }),
        },
      ],
    });
    const ctx = asUser('bob');
    const tag = (Tags: object[]) => authz.authorize(ctx, call('iam:TagUser', { UserName: 'bob', Tags }));
    assert.equal((await tag([{ Key: 'team', Value: 'blue' }])).allowed, true);
    assert.equal((await tag([{ Key: 'team', Value: 'red' }])).allowed, false);
    assert.equal(
      (
        await tag([
          { Key: 'team', Value: 'blue' },
          { Key: 'cost', Value: '1' },
        ])
      ).allowed,
      false,
    );
    const attach = (PolicyArn: string) =>
      authz.authorize(ctx, call('iam:AttachUserPolicy', { UserName: 'bob', PolicyArn }));
    assert.equal((await attach('arn:aws:iam::aws:policy/ReadOnlyAccess')).allowed, true);
    assert.equal((await attach('arn:aws:iam::aws:policy/AdministratorAccess')).allowed, false);
  });

  it('environment keys: source IP, secure transport, time and region', async () => {
    identity.putUser(A, 'bob', {
      identity: [
        {
          source: 'user-inline',
          name: 'p',
          document: policy('Allow', 'iam:ListUsers', '*', {
            IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
            Bool: { 'aws:SecureTransport': 'true' },
            DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' },
            StringEquals: { 'aws:RequestedRegion': 'us-east-1' },
          }),
        },
      ],
    });
    const ctx = asUser('bob');
    assert.equal((await authz.authorize(ctx, call('iam:ListUsers'))).allowed, true);
    assert.equal((await authz.authorize(ctx, { ...call('iam:ListUsers'), sourceIp: '198.51.100.1' })).allowed, false);
    assert.equal((await authz.authorize(ctx, { ...call('iam:ListUsers'), secure: false })).allowed, false);
    clock.set('2027-02-01T00:00:00Z');
    assert.equal((await authz.authorize(ctx, call('iam:ListUsers'))).allowed, false);
    clock.set('2026-11-22T12:00:00Z');
  });

  it('AddRoleToInstanceProfile also needs iam:PassRole on the role', async () => {
    const allowProfile = {
      source: 'user-inline' as const,
      name: 'ip',
      document: policy('Allow', 'iam:AddRoleToInstanceProfile'),
    };
    identity.putUser(A, 'bob', { identity: [allowProfile] });
    const ctx = asUser('bob');
    const input = { InstanceProfileName: 'ip', RoleName: 'admin' };
    const denied = await authz.authorize(ctx, call('iam:AddRoleToInstanceProfile', input));
    assert.ok(!denied.allowed);
    assert.equal(
      denied.error.message,
      `User: ${BOB} is not authorized to perform: iam:PassRole on resource: arn:aws:iam::${A}:role/admin because no identity-based policy allows the iam:PassRole action`,
    );
    identity.putUser(A, 'bob', {
      identity: [
        allowProfile,
        {
          source: 'user-inline',
          name: 'pass',
          document: policy('Allow', 'iam:PassRole', `arn:aws:iam::${A}:role/admin`),
        },
      ],
    });
    identity.write(A);
    assert.equal((await authz.authorize(ctx, call('iam:AddRoleToInstanceProfile', input))).allowed, true);
  });

  it('the iam:PassRole check reads an input the call defines as a getter on its prototype (as the Query API does)', async () => {
    identity.putUser(A, 'bob', {
      identity: [{ source: 'user-inline', name: 'ip', document: policy('Allow', 'iam:AddRoleToInstanceProfile') }],
    });
    identity.write(A);
    class LazyCall {
      readonly action = 'iam:AddRoleToInstanceProfile';
      readonly secure = true;
      get input() {
        return { InstanceProfileName: 'ip', RoleName: 'admin' };
      }
    }
    const denied = await authz.authorize(asUser('bob'), new LazyCall());
    assert.ok(!denied.allowed);
    assert.equal(denied.resource, `arn:aws:iam::${A}:role/admin`);
    assert.match(denied.error.message, /perform: iam:PassRole on resource: arn:aws:iam::\d+:role\/admin because/);
  });

  it("sts:AssumeRole needs the role's trust policy to name the caller; an identity policy alone is not enough", async () => {
    const trust = (principal: string) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }],
      });
    identity.putRole(A, 'deploy', trust(`arn:aws:iam::${A}:user/carol`));
    identity.putUser(A, 'bob', {
      identity: [{ source: 'user-inline', name: 'p', document: policy('Allow', 'sts:AssumeRole') }],
    });
    const input = { RoleArn: `arn:aws:iam::${A}:role/deploy`, RoleSessionName: 's' };
    const denied = await authz.authorize(asUser('bob'), call('sts:AssumeRole', input));
    assert.ok(!denied.allowed);
    assert.match(denied.error.message, /because no resource-based policy allows the sts:AssumeRole action$/);
    identity.putRole(A, 'deploy', trust(BOB));
    identity.write(A);
    assert.equal((await authz.authorize(asUser('bob'), call('sts:AssumeRole', input))).allowed, true);
  });

  it('a deleted user (still holding a cached key) is allowed nothing', async () => {
    identity.principals.clear();
    const r = await authz.authorize(asUser('bob'), call('iam:ListUsers'));
    assert.equal(r.allowed, false);
  });

  it('close() stops listening for writes', () => {
    assert.equal(identity.listenerCount, 1);
    authz.close();
    assert.equal(identity.listenerCount, 0);
  });
});
