import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newAccessKeyId } from '../shared/index.ts';
import { assumeRole } from './assume-role.ts';
import { createStsService } from './create-sts-service.ts';
import { getAccessKeyInfo } from './get-access-key-info.ts';
import { getFederationToken } from './get-federation-token.ts';
import { getSessionToken } from './get-session-token.ts';
import { getCallerIdentity, stsCallerOf } from './sts-caller.ts';
import { A, B, failure, StsWorld, trust } from './sts-fixture.ts';

test('GetCallerIdentity answers for every principal type', async () => {
  const w = new StsWorld();
  w.users.set(`${A}/alice`, { policies: [] });
  w.roles.set(`${A}/deploy`, { trust: trust(`arn:aws:iam::${A}:user/alice`), id: 'AROAEXAMPLEROLEID0001' });
  const role = await assumeRole(w.deps, w.user(), { RoleArn: w.roleArn(A, 'deploy'), RoleSessionName: 'build' });
  const fed = await getFederationToken(w.deps, w.user(), { Name: 'bob' });
  const userSession = await getSessionToken(w.deps, w.user(), {});
  const rootSession = await getSessionToken(w.deps, w.root(), {});
  const cases: [string, ReturnType<typeof getCallerIdentity>, ReturnType<typeof getCallerIdentity>][] = [
    ['user', getCallerIdentity(w.user()), { UserId: 'AIDAALICE', Account: A, Arn: `arn:aws:iam::${A}:user/alice` }],
    ['root', getCallerIdentity(w.root()), { UserId: A, Account: A, Arn: `arn:aws:iam::${A}:root` }],
    [
      'role session',
      getCallerIdentity(w.sessionCaller(role.Credentials)),
      { UserId: 'AROAEXAMPLEROLEID0001:build', Account: A, Arn: `arn:aws:sts::${A}:assumed-role/deploy/build` },
    ],
    [
      'federated user',
      getCallerIdentity(w.sessionCaller(fed.Credentials)),
      { UserId: `${A}:bob`, Account: A, Arn: `arn:aws:sts::${A}:federated-user/bob` },
    ],
    [
      'user session',
      getCallerIdentity(w.sessionCaller(userSession.Credentials)),
      { UserId: 'AIDAALICE', Account: A, Arn: `arn:aws:iam::${A}:user/alice` },
    ],
    [
      'root session',
      getCallerIdentity(w.sessionCaller(rootSession.Credentials)),
      { UserId: A, Account: A, Arn: `arn:aws:iam::${A}:root` },
    ],
  ];
  for (const [name, actual, expected] of cases) assert.deepEqual(actual, expected, name);
});

test('GetCallerIdentity of a session uses the partition it was issued in', () => {
  const caller = stsCallerOf({ type: 'root', accountId: A, arn: A, userId: A }, 'aws-cn');
  assert.equal(getCallerIdentity(caller).Arn, `arn:aws-cn:iam::${A}:root`);
});

test('stsCallerOf adapts identity callers and prefers session facts', async () => {
  const w = new StsWorld();
  const user = stsCallerOf(
    {
      type: 'user',
      accountId: A,
      arn: `arn:aws:iam::${A}:user/alice`,
      userId: 'AIDAALICE',
      userName: 'alice',
      path: '/',
    },
    'aws',
  );
  assert.deepEqual(user, w.user());
  const session = w.sessionCaller((await getSessionToken(w.deps, w.user(), {})).Credentials);
  assert.ok(session.type === 'session');
  assert.equal(stsCallerOf({ type: 'root', accountId: A, arn: A, userId: A }, 'aws', session.session).type, 'session');
});

const keyInfo: [string, string | undefined, string][] = [
  ['an AKIA key of account A names A', newAccessKeyId('AKIA', A), `Account ${A}`],
  ['an ASIA key of account B names B', newAccessKeyId('ASIA', B), `Account ${B}`],
  ['a key that does not encode an account is InvalidParameterValue', 'AKIAIOSFODNN7EXAMPLE', 'InvalidParameterValue'],
  ['a missing key id is a ValidationError', undefined, 'ValidationError'],
  ['a 15-character key id is a ValidationError', 'AKIA12345678901', 'ValidationError'],
  ['a key id with a dash is a ValidationError', 'AKIA-1234567890123', 'ValidationError'],
];

for (const [name, AccessKeyId, expected] of keyInfo) {
  test(`GetAccessKeyInfo: ${name}`, async () => {
    const input = AccessKeyId === undefined ? {} : { AccessKeyId };
    if (expected.startsWith('Account ')) assert.deepEqual(getAccessKeyInfo(input), { Account: expected.slice(8) });
    else assert.equal((await failure(() => getAccessKeyInfo(input))).code, expected);
  });
}

test('the service opens its own tokens against its clock and expires them on time', async () => {
  const w = new StsWorld();
  const sts = createStsService(w.deps);
  const { Credentials } = await sts.getSessionToken(w.user(), { DurationSeconds: 900 });
  assert.equal(sts.openSessionToken(Credentials.SessionToken, Credentials.AccessKeyId).principal.kind, 'user');
  w.clock.advance(899_000);
  assert.equal(sts.openSessionToken(Credentials.SessionToken, Credentials.AccessKeyId).accountId, A);
  w.clock.advance(1_000);
  assert.deepEqual(await failure(() => sts.openSessionToken(Credentials.SessionToken, Credentials.AccessKeyId)), {
    code: 'ExpiredToken',
    message: 'The security token included in the request is expired',
  });
  assert.equal(sts.getAccessKeyInfo({ AccessKeyId: Credentials.AccessKeyId }).Account, A);
});
