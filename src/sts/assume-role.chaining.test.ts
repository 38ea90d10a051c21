import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assumeRole, CHAINING_LIMIT_MESSAGE } from './assume-role.ts';
import { A, allow, failure, StsWorld, trust } from './sts-fixture.ts';

const ALICE = `arn:aws:iam::${A}:user/alice`;
/** A world where alice assumes `first`, whose session may assume `second` (max 12 h). */
async function chain() {
  const w = new StsWorld();
  w.users.set(`${A}/alice`, { policies: [] });
  w.roles.set(`${A}/first`, {
    trust: trust(ALICE, ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity']),
    policies: [allow('sts:AssumeRole')],
    maxSessionDuration: 43_200,
  });
  w.roles.set(`${A}/second`, {
    trust: trust(`arn:aws:iam::${A}:role/first`, ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity']),
    maxSessionDuration: 43_200,
  });
  return w;
}

test('role chaining: more than one hour is refused with the chaining message', async () => {
  const w = await chain();
  const first = await assumeRole(w.deps, w.user(), {
    RoleArn: w.roleArn(A, 'first'),
    RoleSessionName: 'one',
    DurationSeconds: 7200,
  });
  const f = await failure(() =>
    assumeRole(w.deps, w.sessionCaller(first.Credentials), {
      RoleArn: w.roleArn(A, 'second'),
      RoleSessionName: 'two',
      DurationSeconds: 3601,
    }),
  );
  assert.deepEqual(f, { code: 'ValidationError', message: CHAINING_LIMIT_MESSAGE });
});

test('role chaining: the default and exactly one hour are accepted, and the session is marked chained', async () => {
  const w = await chain();
  const first = await assumeRole(w.deps, w.user(), { RoleArn: w.roleArn(A, 'first'), RoleSessionName: 'one' });
  const caller = w.sessionCaller(first.Credentials);
  for (const DurationSeconds of [undefined, 3600]) {
    const out = await assumeRole(w.deps, caller, {
      RoleArn: w.roleArn(A, 'second'),
      RoleSessionName: 'two',
      ...(DurationSeconds ? { DurationSeconds } : {}),
    });
    assert.equal(out.Credentials.Expiration.getTime() - w.clock.now().getTime(), 3600_000);
    assert.equal(
      w.sessionCaller(out.Credentials).type === 'session' &&
        (w.sessionCaller(out.Credentials) as { session: { chained: boolean } }).session.chained,
      true,
    );
  }
});

test('role chaining: transitive tags and the source identity pass to the next session; other tags do not', async () => {
  const w = await chain();
  const first = await assumeRole(w.deps, w.user(), {
    RoleArn: w.roleArn(A, 'first'),
    RoleSessionName: 'one',
    Tags: [
      { Key: 'team', Value: 'payments' },
      { Key: 'ticket', Value: '42' },
    ],
    TransitiveTagKeys: ['team'],
    SourceIdentity: 'alice',
  });
  assert.equal(first.SourceIdentity, 'alice');
  assert.ok(first.PackedPolicySize! > 0);
  const second = await assumeRole(w.deps, w.sessionCaller(first.Credentials), {
    RoleArn: w.roleArn(A, 'second'),
    RoleSessionName: 'two',
  });
  assert.equal(second.SourceIdentity, 'alice');
  const facts = (
    w.sessionCaller(second.Credentials) as {
      session: { tags: unknown; transitiveTagKeys: unknown; sourceIdentity: unknown };
    }
  ).session;
  assert.deepEqual(facts.tags, { team: 'payments' });
  assert.deepEqual(facts.transitiveTagKeys, ['team']);
  assert.equal(facts.sourceIdentity, 'alice');
});

test('role chaining: overriding an inherited transitive tag or changing the source identity is refused', async () => {
  const w = await chain();
  const first = await assumeRole(w.deps, w.user(), {
    RoleArn: w.roleArn(A, 'first'),
    RoleSessionName: 'one',
    Tags: [{ Key: 'team', Value: 'payments' }],
    TransitiveTagKeys: ['team'],
    SourceIdentity: 'alice',
  });
  const caller = w.sessionCaller(first.Credentials);
  const second = { RoleArn: w.roleArn(A, 'second'), RoleSessionName: 'two' };
  assert.equal(
    (await failure(() => assumeRole(w.deps, caller, { ...second, Tags: [{ Key: 'TEAM', Value: 'x' }] }))).code,
    'InvalidParameterValue',
  );
  assert.equal(
    (await failure(() => assumeRole(w.deps, caller, { ...second, SourceIdentity: 'mallory' }))).code,
    'AccessDenied',
  );
});

test('role chaining: an inherited transitive tag needs sts:TagSession in the next trust policy', async () => {
  const w = await chain();
  w.roles.set(`${A}/second`, { trust: trust(`arn:aws:iam::${A}:role/first`) });
  const first = await assumeRole(w.deps, w.user(), {
    RoleArn: w.roleArn(A, 'first'),
    RoleSessionName: 'one',
    Tags: [{ Key: 'team', Value: 'payments' }],
    TransitiveTagKeys: ['team'],
  });
  const f = await failure(() =>
    assumeRole(w.deps, w.sessionCaller(first.Credentials), { RoleArn: w.roleArn(A, 'second'), RoleSessionName: 'two' }),
  );
  assert.equal(
    f.message,
    `User: arn:aws:sts::${A}:assumed-role/first/one is not authorized to perform: sts:TagSession on resource: ${w.roleArn(A, 'second')}`,
  );
});

test('role chaining: the caller session policy narrows its identity side (no sts:AssumeRole left)', async () => {
  const w = await chain();
  const first = await assumeRole(w.deps, w.user(), {
    RoleArn: w.roleArn(A, 'first'),
    RoleSessionName: 'one',
    Policy: allow('s3:GetObject'),
  });
  // The second trust names the role (not the session), so the role's session side (session policy) applies (item 105).
  const f = await failure(() =>
    assumeRole(w.deps, w.sessionCaller(first.Credentials), { RoleArn: w.roleArn(A, 'second'), RoleSessionName: 'two' }),
  );
  assert.equal(f.code, 'AccessDenied');
});

test('role chaining: a trust naming the calling session ARN itself allows that session only', async () => {
  const w = await chain();
  w.roles.set(`${A}/second`, { trust: trust(`arn:aws:sts::${A}:assumed-role/first/one`) });
  const one = await assumeRole(w.deps, w.user(), { RoleArn: w.roleArn(A, 'first'), RoleSessionName: 'one' });
  const other = await assumeRole(w.deps, w.user(), { RoleArn: w.roleArn(A, 'first'), RoleSessionName: 'other' });
  const input = { RoleArn: w.roleArn(A, 'second'), RoleSessionName: 'two' };
  const out = await assumeRole(w.deps, w.sessionCaller(one.Credentials), input);
  assert.equal(out.AssumedRoleUser.Arn, `arn:aws:sts::${A}:assumed-role/second/two`);
  assert.equal(
    (await failure(() => assumeRole(w.deps, w.sessionCaller(other.Credentials), input))).code,
    'AccessDenied',
  );
});
