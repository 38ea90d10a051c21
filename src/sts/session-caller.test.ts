import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Caller } from '../identity/index.ts';
import { assumeRole } from './assume-role.ts';
import { getFederationToken } from './get-federation-token.ts';
import { getSessionToken } from './get-session-token.ts';
import { callerOfSession } from './session-caller.ts';
import { A, StsWorld, trust } from './sts-fixture.ts';

test('callerOfSession gives each kind of session the caller it acts as', async () => {
  const w = new StsWorld();
  w.users.set(`${A}/alice`, { policies: [] });
  w.roles.set(`${A}/deploy`, { trust: trust(`arn:aws:iam::${A}:user/alice`), id: 'AROAEXAMPLEROLEID0001' });
  const role = await assumeRole(w.deps, w.user(), { RoleArn: w.roleArn(A, 'deploy'), RoleSessionName: 'build' });
  const fed = await getFederationToken(w.deps, w.user(), { Name: 'bob' });
  const userSession = await getSessionToken(w.deps, w.user(), {});
  const rootSession = await getSessionToken(w.deps, w.root(), {});
  const facts = (c: { AccessKeyId: string; SessionToken: string }) =>
    w.deps.tokens.open(c.SessionToken, c.AccessKeyId, w.clock.now());
  const cases: [string, Caller, Caller][] = [
    [
      'role session becomes an assumed-role caller',
      callerOfSession(facts(role.Credentials)),
      {
        type: 'assumed-role',
        accountId: A,
        arn: `arn:aws:sts::${A}:assumed-role/deploy/build`,
        userId: 'AROAEXAMPLEROLEID0001:build',
        roleName: 'deploy',
        roleArn: `arn:aws:iam::${A}:role/deploy`,
      },
    ],
    [
      'federated user becomes a federated-user caller',
      callerOfSession(facts(fed.Credentials)),
      { type: 'federated-user', accountId: A, arn: `arn:aws:sts::${A}:federated-user/bob`, userId: `${A}:bob` },
    ],
    [
      'user session stays the user',
      callerOfSession(facts(userSession.Credentials)),
      {
        type: 'user',
        accountId: A,
        arn: `arn:aws:iam::${A}:user/alice`,
        userId: 'AIDAALICE',
        userName: 'alice',
        path: '/',
      },
    ],
    [
      'root session stays root',
      callerOfSession(facts(rootSession.Credentials)),
      { type: 'root', accountId: A, arn: `arn:aws:iam::${A}:root`, userId: A },
    ],
  ];
  for (const [name, actual, expected] of cases) assert.deepEqual(actual, expected, name);
});
