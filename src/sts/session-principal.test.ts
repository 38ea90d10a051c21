import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compilePolicies } from '../policy/index.ts';
import { assumeRole } from './assume-role.ts';
import { loadCallerSide, resolveSessionPolicy } from './caller-side.ts';
import { getFederationToken } from './get-federation-token.ts';
import { getSessionToken } from './get-session-token.ts';
import { revokeOlderSessionsPolicy } from './revoke-older-sessions.ts';
import type { SessionFacts } from './session-facts.ts';
import { mergePrincipalTags, mergeSessionPolicies, sessionPrincipal } from './session-principal.ts';
import { sessionRestriction } from './session-restriction.ts';
import { A, allow, deny, MFA_CODE, MFA_SERIAL, StsWorld, trust } from './sts-fixture.ts';

const ALICE = `arn:aws:iam::${A}:user/alice`;

async function roleSession(w: StsWorld, extra: Record<string, unknown> = {}): Promise<SessionFacts> {
  w.users.set(`${A}/alice`, { policies: [] });
  if (!w.roles.has(`${A}/deploy`))
    w.roles.set(`${A}/deploy`, {
      trust: trust(ALICE, ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity']),
      policies: [allow(['s3:GetObject', 's3:PutObject'])],
      tags: { Team: 'platform', cost: 'c1' },
    });
  const out = await assumeRole(w.deps, w.user(), {
    RoleArn: w.roleArn(A, 'deploy'),
    RoleSessionName: 'build',
    ...extra,
  });
  const caller = w.sessionCaller(out.Credentials);
  assert.ok(caller.type === 'session');
  return caller.session;
}

/** Decides `action` for a session the way enforcement will: owner's policies ∩ merged session policies. */
function decideFor(w: StsWorld, facts: SessionFacts, action: string, ownerPolicies: string[], ownerTags = {}) {
  const e = sessionPrincipal(facts, w.clock.now(), ownerTags);
  const session =
    e.sessionPolicies === null
      ? null
      : (mergeSessionPolicies([...(e.sessionPolicies.inline ? [e.sessionPolicies.inline] : [])]) ?? null);
  return compilePolicies({ identity: ownerPolicies, sessionPolicy: session }).authorize({
    principal: e.principal,
    action,
    resource: { arn: 'arn:aws:s3:::bucket/key', accountId: A },
    context: e.context,
  }).decision;
}

test('a role session becomes a role-session principal with the role ARN, AROA user id and merged tags', async () => {
  const w = new StsWorld();
  const facts = await roleSession(w, { Tags: [{ Key: 'team', Value: 'payments' }] });
  const e = sessionPrincipal(facts, w.clock.now(), { Team: 'platform', cost: 'c1' });
  assert.deepEqual(e.principal, {
    type: 'role-session',
    arn: `arn:aws:sts::${A}:assumed-role/deploy/build`,
    accountId: A,
    userId: `${facts.principal.kind === 'role-session' ? facts.principal.roleId : ''}:build`,
    roleArn: `arn:aws:iam::${A}:role/deploy`,
    tags: { cost: 'c1', team: 'payments' },
  });
  assert.deepEqual(e.policyOwner, { kind: 'role', roleName: 'deploy' });
  assert.equal(e.sessionPolicies, null);
  assert.deepEqual(e.context, { 'aws:TokenIssueTime': '2026-11-22T12:00:00Z', 'aws:MultiFactorAuthPresent': 'false' });
});

test('session tags become aws:PrincipalTag keys that conditions can test', async () => {
  const w = new StsWorld();
  const facts = await roleSession(w, { Tags: [{ Key: 'team', Value: 'payments' }] });
  const cond = allow('s3:GetObject', '*', { StringEquals: { 'aws:PrincipalTag/team': 'payments' } });
  assert.equal(decideFor(w, facts, 's3:GetObject', [cond]), 'Allow');
  const other = await roleSession(new StsWorld(), { Tags: [{ Key: 'team', Value: 'ops' }] });
  assert.equal(decideFor(w, other, 's3:GetObject', [cond]), 'ImplicitDeny');
});

test('MFA and source identity reach the request context, MFA age grows with the clock', async () => {
  const w = new StsWorld();
  const facts = await roleSession(w, { SerialNumber: MFA_SERIAL, TokenCode: MFA_CODE, SourceIdentity: 'alice' });
  w.clock.advance(125_000);
  assert.deepEqual(sessionPrincipal(facts, w.clock.now()).context, {
    'aws:TokenIssueTime': '2026-11-22T12:00:00Z',
    'aws:MultiFactorAuthPresent': 'true',
    'aws:MultiFactorAuthAge': '125',
    'aws:SourceIdentity': 'alice',
  });
});

test('session policy narrowing: allowed only where the role policy and the session policy both allow', async () => {
  const w = new StsWorld();
  const facts = await roleSession(w, { Policy: allow('s3:GetObject') });
  const rolePolicies = [allow(['s3:GetObject', 's3:PutObject'])];
  assert.equal(decideFor(w, facts, 's3:GetObject', rolePolicies), 'Allow');
  assert.equal(decideFor(w, facts, 's3:PutObject', rolePolicies), 'ImplicitDeny');
  assert.equal(decideFor(w, facts, 's3:DeleteObject', [allow('s3:*')]), 'ImplicitDeny');
  const unnarrowed = await roleSession(new StsWorld());
  assert.equal(decideFor(w, unnarrowed, 's3:PutObject', rolePolicies), 'Allow');
});

test('a federated user has nothing without a session policy, and the intersection with one', async () => {
  const w = new StsWorld();
  const alicePolicies = [allow(['s3:GetObject', 's3:PutObject'])];
  const bare = w.sessionCaller((await getFederationToken(w.deps, w.user(), { Name: 'bob' })).Credentials);
  assert.ok(bare.type === 'session');
  const e = sessionPrincipal(bare.session, w.clock.now());
  assert.deepEqual(e.policyOwner, { kind: 'user', userName: 'alice' });
  assert.equal(e.principal.type, 'federated-user');
  assert.equal(e.principal.sourceUserArn, ALICE);
  assert.equal(decideFor(w, bare.session, 's3:GetObject', alicePolicies), 'ImplicitDeny');
  const scoped = w.sessionCaller(
    (await getFederationToken(w.deps, w.user(), { Name: 'bob', Policy: allow(['s3:GetObject', 'ec2:*']) })).Credentials,
  );
  assert.ok(scoped.type === 'session');
  assert.equal(decideFor(w, scoped.session, 's3:GetObject', alicePolicies), 'Allow');
  assert.equal(decideFor(w, scoped.session, 's3:PutObject', alicePolicies), 'ImplicitDeny');
  assert.equal(decideFor(w, scoped.session, 'ec2:RunInstances', alicePolicies), 'ImplicitDeny');
});

test('a user session acts as the user with the user tags; a root session as root', async () => {
  const w = new StsWorld();
  const user = w.sessionCaller((await getSessionToken(w.deps, w.user(), {})).Credentials);
  assert.ok(user.type === 'session');
  const e = sessionPrincipal(user.session, w.clock.now(), { dept: 'x' });
  assert.deepEqual(e.principal, { type: 'user', arn: ALICE, accountId: A, userId: 'AIDAALICE', tags: { dept: 'x' } });
  assert.equal(e.sessionPolicies, null);
  const root = w.sessionCaller((await getSessionToken(w.deps, w.root(), {})).Credentials);
  assert.ok(root.type === 'session');
  assert.deepEqual(sessionPrincipal(root.session, w.clock.now()).principal, {
    type: 'root',
    arn: `arn:aws:iam::${A}:root`,
    accountId: A,
    userId: A,
  });
});

test('revocation: a Deny on aws:TokenIssueTime stops older sessions only', async () => {
  const w = new StsWorld();
  const older = await roleSession(w);
  w.clock.advance(60_000);
  const revoke = revokeOlderSessionsPolicy(w.clock.now());
  w.clock.advance(60_000);
  const newer = await roleSession(w);
  const policies = [allow('s3:*'), revoke];
  assert.equal(decideFor(w, older, 's3:GetObject', policies), 'ExplicitDeny');
  assert.equal(decideFor(w, newer, 's3:GetObject', policies), 'Allow');
  // Long-term credentials carry no aws:TokenIssueTime, so the Deny does not apply to them.
  const longTerm = compilePolicies({ identity: policies }).authorize({
    principal: { type: 'user', arn: ALICE, accountId: A },
    action: 's3:GetObject',
    resource: { arn: 'arn:aws:s3:::bucket/key' },
  });
  assert.equal(longTerm.decision, 'Allow');
});

const restrictions: [string, 'user' | 'user-mfa' | 'federated' | 'role', string, string | undefined][] = [
  [
    'a user session without MFA cannot call IAM (token reported invalid)',
    'user',
    'iam:ListUsers',
    'InvalidClientTokenId',
  ],
  ['a user session with MFA can call IAM', 'user-mfa', 'iam:ListUsers', undefined],
  ['a user session can call sts:AssumeRole', 'user', 'sts:AssumeRole', undefined],
  ['a user session can call sts:GetCallerIdentity', 'user', 'sts:GetCallerIdentity', undefined],
  ['a user session cannot call sts:GetFederationToken', 'user', 'sts:GetFederationToken', 'AccessDenied'],
  ['a user session cannot call sts:GetAccessKeyInfo', 'user', 'sts:GetAccessKeyInfo', 'AccessDenied'],
  ['a user session can call other services', 'user', 's3:GetObject', undefined],
  ['a federated user cannot call IAM', 'federated', 'iam:GetUser', 'InvalidClientTokenId'],
  ['a federated user cannot call sts:AssumeRole', 'federated', 'sts:AssumeRole', 'AccessDenied'],
  ['a federated user can call sts:GetCallerIdentity', 'federated', 'sts:GetCallerIdentity', undefined],
  ['a role session can call IAM (policies decide)', 'role', 'iam:ListUsers', undefined],
  ['a role session can call sts:AssumeRole', 'role', 'sts:AssumeRole', undefined],
  ['a role session cannot call sts:GetSessionToken', 'role', 'sts:GetSessionToken', 'AccessDenied'],
  ['a role session cannot call sts:GetFederationToken', 'role', 'sts:GetFederationToken', 'AccessDenied'],
];

for (const [name, kind, action, expected] of restrictions) {
  test(`restriction: ${name}`, async () => {
    const w = new StsWorld();
    let facts: SessionFacts;
    if (kind === 'role') facts = await roleSession(w);
    else {
      const creds =
        kind === 'federated'
          ? (await getFederationToken(w.deps, w.user(), { Name: 'bob' })).Credentials
          : (
              await getSessionToken(
                w.deps,
                w.user(),
                kind === 'user-mfa' ? { SerialNumber: MFA_SERIAL, TokenCode: MFA_CODE } : {},
              )
            ).Credentials;
      const caller = w.sessionCaller(creds);
      assert.ok(caller.type === 'session');
      facts = caller.session;
    }
    assert.equal(sessionRestriction(facts, action)?.code, expected);
  });
}

test('mergeSessionPolicies keeps every statement, the shared Version, and passes unreadable text through', () => {
  const a = allow('s3:GetObject');
  assert.equal(mergeSessionPolicies([]), undefined);
  assert.equal(mergeSessionPolicies([a]), a);
  assert.deepEqual(JSON.parse(mergeSessionPolicies([a, deny('s3:GetObject', 'arn:aws:s3:::secret/*')])!), {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      { Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::secret/*' },
    ],
  });
  const single = JSON.stringify({ Statement: { Effect: 'Allow', Action: 'ec2:*', Resource: '*' } });
  assert.deepEqual(JSON.parse(mergeSessionPolicies([a, single])!), {
    Statement: [
      { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      { Effect: 'Allow', Action: 'ec2:*', Resource: '*' },
    ],
  });
  assert.equal(mergeSessionPolicies([a, '{broken']), '{broken');
});

test('mergePrincipalTags lets session tags replace owner tags whatever their case', () => {
  assert.deepEqual(mergePrincipalTags({ Team: 'a', x: '1' }, { team: 'b' }), { x: '1', team: 'b' });
});

test('a chained caller whose role was re-created under the same name has no identity policies', async () => {
  const w = new StsWorld();
  const facts = await roleSession(w);
  const before = await loadCallerSide({ type: 'session', session: facts }, w.deps);
  assert.equal(before.identity.length, 1);
  w.roles.set(`${A}/deploy`, { ...w.roles.get(`${A}/deploy`)!, id: 'AROANEWROLEID00000001' });
  const after = await loadCallerSide({ type: 'session', session: facts }, w.deps);
  assert.deepEqual(after.identity, []);
});

test('a caller session with managed session policies resolves them; a missing one contributes nothing', async () => {
  const w = new StsWorld();
  w.managed.set('arn:aws:iam::aws:policy/ReadOnly', allow('s3:Get*'));
  const facts = await roleSession(w, {
    PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnly' }, { arn: `arn:aws:iam::${A}:policy/gone` }],
  });
  const side = await loadCallerSide({ type: 'session', session: facts }, w.deps);
  assert.equal(side.sessionPolicy, allow('s3:Get*'));
});

test('resolveSessionPolicy: none applies, merged, or nothing allowed when every passed policy is gone', async () => {
  const w = new StsWorld();
  w.managed.set('arn:aws:iam::aws:policy/ReadOnly', allow('s3:Get*'));
  assert.equal(await resolveSessionPolicy(null, w.deps), null);
  const merged = await resolveSessionPolicy(
    { inline: allow('ec2:*'), managedArns: ['arn:aws:iam::aws:policy/ReadOnly'] },
    w.deps,
  );
  assert.equal(JSON.parse(merged!).Statement.length, 2);
  const gone = await resolveSessionPolicy({ managedArns: [`arn:aws:iam::${A}:policy/gone`] }, w.deps);
  const decision = compilePolicies({ identity: [allow('*')], sessionPolicy: gone }).authorize({
    principal: {
      type: 'role-session',
      arn: `arn:aws:sts::${A}:assumed-role/r/s`,
      roleArn: `arn:aws:iam::${A}:role/r`,
      accountId: A,
    },
    action: 's3:GetObject',
    resource: { arn: 'arn:aws:s3:::b/k' },
  });
  assert.equal(decision.decision, 'ImplicitDeny');
});

test('a console sign-in session calls IAM without MFA (by policy) but keeps the GetSessionToken limits on STS', () => {
  const base = {
    accountId: '111122223333',
    partition: 'aws',
    accessKeyId: 'ASIAEXAMPLE',
    secretAccessKey: 'secret',
    principal: { kind: 'user' as const, userArn: 'arn:aws:iam::111122223333:user/alice', userId: 'AIDAALICE', userName: 'alice' },
    tags: {},
    transitiveTagKeys: [],
    issuedAt: 0,
    expiresAt: 3_600_000,
    chained: false,
  };
  assert.equal(sessionRestriction(base, 'iam:GetUser')?.code, 'InvalidClientTokenId');
  const consoleSession = { ...base, console: true as const };
  assert.equal(sessionRestriction(consoleSession, 'iam:GetUser'), undefined);
  assert.equal(sessionRestriction(consoleSession, 'sts:GetCallerIdentity'), undefined);
  assert.equal(sessionRestriction(consoleSession, 'sts:GetSessionToken')?.code, 'AccessDenied');
});
