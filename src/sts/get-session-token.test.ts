import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assumeRole } from './assume-role.ts';
import { getFederationToken } from './get-federation-token.ts';
import { getSessionToken } from './get-session-token.ts';
import { A, allow, failure, MFA_CODE, MFA_SERIAL, StsWorld, trust } from './sts-fixture.ts';

const H = 3_600_000;

const durations: [string, 'user' | 'root', number | undefined, number][] = [
  ['a user gets 12 hours by default', 'user', undefined, 12 * H],
  ['a user may ask for 36 hours', 'user', 129_600, 36 * H],
  ['a user may ask for 15 minutes', 'user', 900, H / 4],
  ['root gets at most one hour by default', 'root', undefined, H],
  ['root asking for 36 hours is capped at one hour', 'root', 129_600, H],
  ['root asking for 15 minutes gets 15 minutes', 'root', 900, H / 4],
];

for (const [name, who, DurationSeconds, lifetime] of durations) {
  test(`GetSessionToken: ${name}`, async () => {
    const w = new StsWorld();
    const caller = who === 'user' ? w.user() : w.root();
    const out = await getSessionToken(w.deps, caller, DurationSeconds === undefined ? {} : { DurationSeconds });
    assert.equal(out.Credentials.Expiration.getTime() - w.clock.now().getTime(), lifetime);
    assert.match(out.Credentials.AccessKeyId, /^ASIA/);
  });
  test(`GetFederationToken: ${name}`, async () => {
    const w = new StsWorld();
    const caller = who === 'user' ? w.user() : w.root();
    const out = await getFederationToken(w.deps, caller, {
      Name: 'bob',
      ...(DurationSeconds ? { DurationSeconds } : {}),
    });
    assert.equal(out.Credentials.Expiration.getTime() - w.clock.now().getTime(), lifetime);
  });
}

const badDurations: [number, string][] = [
  [899, 'Member must have value greater than or equal to 900'],
  [129_601, 'Member must have value less than or equal to 129600'],
];

for (const [DurationSeconds, constraint] of badDurations) {
  test(`GetSessionToken and GetFederationToken refuse ${DurationSeconds} seconds`, async () => {
    const w = new StsWorld();
    const expected = `1 validation error detected: Value '${DurationSeconds}' at 'durationSeconds' failed to satisfy constraint: ${constraint}`;
    assert.deepEqual(await failure(() => getSessionToken(w.deps, w.user(), { DurationSeconds })), {
      code: 'ValidationError',
      message: expected,
    });
    assert.deepEqual(await failure(() => getFederationToken(w.deps, w.user(), { Name: 'bob', DurationSeconds })), {
      code: 'ValidationError',
      message: expected,
    });
  });
}

test('GetSessionToken with a valid MFA code records the MFA time in the session', async () => {
  const w = new StsWorld();
  const out = await getSessionToken(w.deps, w.user(), { SerialNumber: MFA_SERIAL, TokenCode: MFA_CODE });
  const caller = w.sessionCaller(out.Credentials);
  assert.equal(caller.type === 'session' ? caller.session.mfaAuthenticatedAt : -1, w.clock.now().getTime());
});

test('GetSessionToken without MFA records no MFA; with a wrong code it is AccessDenied', async () => {
  const w = new StsWorld();
  const out = await getSessionToken(w.deps, w.user(), {});
  const caller = w.sessionCaller(out.Credentials);
  assert.equal(caller.type === 'session' ? caller.session.mfaAuthenticatedAt : -1, undefined);
  assert.equal(
    (await failure(() => getSessionToken(w.deps, w.user(), { SerialNumber: MFA_SERIAL, TokenCode: '999999' }))).code,
    'AccessDenied',
  );
});

test('GetSessionToken and GetFederationToken refuse session credentials', async () => {
  const w = new StsWorld();
  const session = w.sessionCaller((await getSessionToken(w.deps, w.user(), {})).Credentials);
  assert.deepEqual(await failure(() => getSessionToken(w.deps, session, {})), {
    code: 'AccessDenied',
    message: 'Cannot call GetSessionToken with session credentials',
  });
  assert.deepEqual(await failure(() => getFederationToken(w.deps, session, { Name: 'bob' })), {
    code: 'AccessDenied',
    message: 'Cannot call GetFederationToken with session credentials',
  });
});

test('GetSessionToken credentials may call AssumeRole with the user identity side', async () => {
  const w = new StsWorld();
  w.users.set(`${A}/alice`, { policies: [allow('sts:AssumeRole')] });
  w.roles.set(`${A}/deploy`, {
    trust: trust(A, ['sts:AssumeRole'], { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
  });
  const arn = w.roleArn(A, 'deploy');
  const plain = w.sessionCaller((await getSessionToken(w.deps, w.user(), {})).Credentials);
  assert.equal(
    (await failure(() => assumeRole(w.deps, plain, { RoleArn: arn, RoleSessionName: 's2' }))).code,
    'AccessDenied',
  );
  const withMfa = w.sessionCaller(
    (await getSessionToken(w.deps, w.user(), { SerialNumber: MFA_SERIAL, TokenCode: MFA_CODE })).Credentials,
  );
  const out = await assumeRole(w.deps, withMfa, { RoleArn: arn, RoleSessionName: 's2' });
  assert.equal(out.AssumedRoleUser.Arn, `arn:aws:sts::${A}:assumed-role/deploy/s2`);
});

test('a root session from GetSessionToken may not assume roles either', async () => {
  const w = new StsWorld();
  w.roles.set(`${A}/deploy`, { trust: trust(A) });
  const rootSession = w.sessionCaller((await getSessionToken(w.deps, w.root(), {})).Credentials);
  assert.equal(
    (await failure(() => assumeRole(w.deps, rootSession, { RoleArn: w.roleArn(A, 'deploy'), RoleSessionName: 's2' })))
      .message,
    'Roles may not be assumed by root accounts.',
  );
});

test('GetFederationToken answers in AWS shape and records the caller and the session policies', async () => {
  const w = new StsWorld();
  const Policy = allow('s3:GetObject');
  const out = await getFederationToken(w.deps, w.user(), {
    Name: 'bob',
    Policy,
    Tags: [{ Key: 'dept', Value: 'ops' }],
  });
  assert.deepEqual(out.FederatedUser, { FederatedUserId: `${A}:bob`, Arn: `arn:aws:sts::${A}:federated-user/bob` });
  assert.ok(out.PackedPolicySize! > 0);
  const caller = w.sessionCaller(out.Credentials);
  assert.ok(caller.type === 'session');
  assert.deepEqual(caller.session.principal, {
    kind: 'federated-user',
    name: 'bob',
    callerArn: `arn:aws:iam::${A}:user/alice`,
    callerUserName: 'alice',
  });
  assert.deepEqual(caller.session.sessionPolicies, { inline: Policy, managedArns: [] });
  assert.deepEqual(caller.session.tags, { dept: 'ops' });
});

test('GetFederationToken without policies reports no PackedPolicySize and records no session policy', async () => {
  const w = new StsWorld();
  const out = await getFederationToken(w.deps, w.root(), { Name: 'bob' });
  assert.equal(out.PackedPolicySize, undefined);
  const caller = w.sessionCaller(out.Credentials);
  assert.ok(caller.type === 'session');
  assert.equal(caller.session.sessionPolicies, undefined);
  assert.deepEqual(caller.session.principal, {
    kind: 'federated-user',
    name: 'bob',
    callerArn: `arn:aws:iam::${A}:root`,
  });
});

test('GetFederationToken refuses a malformed session policy', async () => {
  const w = new StsWorld();
  assert.equal(
    (await failure(() => getFederationToken(w.deps, w.user(), { Name: 'bob', Policy: '{"Statement":' }))).code,
    'MalformedPolicyDocument',
  );
});
