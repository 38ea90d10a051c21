import assert from 'node:assert/strict';
import { before, beforeEach, describe, it } from 'node:test';
import type { RequestContext } from '../identity/index.ts';
import type { ServiceData } from '../service-data/index.ts';
import { ManualClock } from '../shared/index.ts';
import type { SessionFacts } from '../sts/index.ts';
import { type Authorizer, createAuthorizer } from './authorizer.ts';
import { FakeIdentity, policy } from './fake-identity.test.ts';
import { iamCatalog } from './test-catalog.test.ts';

const A = '111122223333';
const clock = new ManualClock('2026-11-22T12:00:00Z');
const issuedAt = new Date('2026-11-22T11:50:00Z').getTime();

function facts(principal: SessionFacts['principal'], extra: Partial<SessionFacts> = {}): SessionFacts {
  return {
    accountId: A,
    partition: 'aws',
    accessKeyId: 'ASIAEXAMPLE',
    secretAccessKey: 'secret',
    principal,
    tags: {},
    transitiveTagKeys: [],
    issuedAt,
    expiresAt: issuedAt + 3_600_000,
    chained: false,
    ...extra,
  };
}

/** The API's context for a session caller does not matter to the authorizer beyond account, partition and region. */
const ctx: RequestContext = {
  accountId: A,
  partition: 'aws',
  region: 'us-east-1',
  requestId: 'r',
  caller: { type: 'user', accountId: A, arn: 'unused', userId: 'unused', userName: 'unused', path: '/' },
};
const deployRole = { kind: 'role-session', roleArn: `arn:aws:iam::${A}:role/deploy`, roleId: 'AROADEPLOY', roleName: 'deploy', sessionName: 'ci' } as const;
const SESSION_ARN = `arn:aws:sts::${A}:assumed-role/deploy/ci`;

describe('authorizing requests made with session credentials', () => {
  let data: ServiceData;
  let identity: FakeIdentity;
  let authz: Authorizer;
  before(async () => {
    data = await iamCatalog();
  });
  beforeEach(() => {
    identity = new FakeIdentity();
    authz?.close();
    authz = createAuthorizer({ identity, clock, catalog: data });
    identity.putRole(A, 'deploy', '{}', {
      identity: [{ source: 'role-inline', name: 'p', document: policy('Allow', ['iam:List*', 'iam:GetUser']) }],
      tags: { team: 'blue' },
    });
  });
  const call = (action: string, session: { facts: SessionFacts; sessionPolicy: string | null }, input = {}) => ({
    action,
    input,
    secure: true,
    session,
  });

  it("a role session has the role's permissions, and the message names the session ARN", async () => {
    const session = { facts: facts(deployRole), sessionPolicy: null };
    assert.equal((await authz.authorize(ctx, call('iam:ListUsers', session))).allowed, true);
    const denied = await authz.authorize(ctx, call('iam:CreateGroup', session, { GroupName: 'g' }));
    assert.ok(!denied.allowed);
    assert.equal(
      denied.error.message,
      `User: ${SESSION_ARN} is not authorized to perform: iam:CreateGroup on resource: arn:aws:iam::${A}:group/g because no identity-based policy allows the iam:CreateGroup action`,
    );
  });

  it('a session policy caps the role; the message says so', async () => {
    const session = { facts: facts(deployRole, { sessionPolicies: { managedArns: [] } }), sessionPolicy: policy('Allow', 'iam:ListUsers') };
    assert.equal((await authz.authorize(ctx, call('iam:ListUsers', session))).allowed, true);
    const denied = await authz.authorize(ctx, call('iam:ListGroups', session));
    assert.ok(!denied.allowed);
    assert.match(denied.error.message, /because no session policy allows the iam:ListGroups action$/);
  });

  it('session keys and merged principal tags reach conditions', async () => {
    identity.putRole(A, 'deploy', '{}', {
      identity: [
        {
          source: 'role-inline',
          name: 'p',
          document: policy('Allow', 'iam:ListUsers', '*', {
            Bool: { 'aws:MultiFactorAuthPresent': 'true' },
            StringEquals: { 'aws:PrincipalTag/team': 'red' },
            DateGreaterThan: { 'aws:TokenIssueTime': '2026-11-22T11:00:00Z' },
          }),
        },
      ],
      tags: { team: 'blue' },
    });
    const withMfa = facts(deployRole, { mfaAuthenticatedAt: issuedAt, tags: { team: 'red' } });
    assert.equal((await authz.authorize(ctx, call('iam:ListUsers', { facts: withMfa, sessionPolicy: null }))).allowed, true);
    const noMfa = facts(deployRole, { tags: { team: 'red' } });
    assert.equal((await authz.authorize(ctx, call('iam:ListUsers', { facts: noMfa, sessionPolicy: null }))).allowed, false);
    const roleTagOnly = facts(deployRole, { mfaAuthenticatedAt: issuedAt });
    assert.equal((await authz.authorize(ctx, call('iam:ListUsers', { facts: roleTagOnly, sessionPolicy: null }))).allowed, false);
  });

  it('a session of a role deleted and re-created under the same name gets nothing', async () => {
    const stale = { facts: facts({ ...deployRole, roleId: 'AROAOLD' }), sessionPolicy: null };
    assert.equal((await authz.authorize(ctx, call('iam:ListUsers', stale))).allowed, false);
  });

  it("a federated user has its creator's permissions within the session policy; root's federated users too", async () => {
    identity.putUser(A, 'bob', { identity: [{ source: 'user-inline', name: 'p', document: policy('Allow', 'iam:List*') }] });
    const fromBob = facts(
      { kind: 'federated-user', name: 'fed', callerArn: `arn:aws:iam::${A}:user/bob`, callerUserName: 'bob' },
      { sessionPolicies: { managedArns: [] } },
    );
    const session = { facts: fromBob, sessionPolicy: policy('Allow', ['iam:ListUsers', 'iam:CreateGroup']) };
    assert.equal((await authz.authorize(ctx, call('iam:ListUsers', session))).allowed, true);
    assert.equal((await authz.authorize(ctx, call('iam:ListGroups', session))).allowed, false);
    assert.equal((await authz.authorize(ctx, call('iam:CreateGroup', session, { GroupName: 'g' }))).allowed, false);
    const fromRoot = facts({ kind: 'federated-user', name: 'fed', callerArn: `arn:aws:iam::${A}:root` }, { sessionPolicies: { managedArns: [] } });
    const rootSession = { facts: fromRoot, sessionPolicy: policy('Allow', 'iam:CreateGroup') };
    assert.equal((await authz.authorize(ctx, call('iam:CreateGroup', rootSession, { GroupName: 'g' }))).allowed, true);
    assert.equal((await authz.authorize(ctx, call('iam:ListUsers', rootSession))).allowed, false);
  });

  it("a root session (GetSessionToken as root) may do anything in its account", async () => {
    const session = { facts: facts({ kind: 'root' }), sessionPolicy: null };
    assert.equal((await authz.authorize(ctx, call('iam:CreateGroup', session, { GroupName: 'g' }))).allowed, true);
  });
});
