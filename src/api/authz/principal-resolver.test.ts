import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PrincipalPolicies } from '../../identity/index.ts';
import { decide } from '../../policy/index.ts';
import { AuthzError } from './authz-error.ts';
import { fakePrincipalCache } from './fake-principal-cache.ts';
import { PolicySets } from './policy-sets.ts';
import { PrincipalResolver } from './principal-resolver.ts';

const ACCOUNT = '111122223333';
const READ = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
});

const principals: Record<string, PrincipalPolicies> = {
  'u:alice': {
    arn: `arn:aws:iam::${ACCOUNT}:user/team/alice`,
    id: 'AIDAALICE',
    tags: { team: 'red' },
    identity: [{ source: 'user-inline', name: 'read', document: READ }],
  },
  'r:reader': { arn: `arn:aws:iam::${ACCOUNT}:role/reader`, id: 'AROAREADER', tags: {}, identity: [] },
};

const fakeCache = () => fakePrincipalCache(ACCOUNT, principals);

const resolvedCases: { arn: string; type: string; userId: string }[] = [
  { arn: `arn:aws:iam::${ACCOUNT}:user/team/alice`, type: 'user', userId: 'AIDAALICE' },
  { arn: `arn:aws:iam::${ACCOUNT}:root`, type: 'root', userId: ACCOUNT },
  { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/reader/s1`, type: 'role-session', userId: 'AROAREADER:s1' },
];
for (const c of resolvedCases) {
  test(`ofArn resolves ${c.arn} to a ${c.type}`, async () => {
    const r = await new PrincipalResolver(fakeCache()).ofArn(c.arn);
    assert.equal(r.view.type, c.type);
    assert.equal(r.view.arn, c.arn);
    assert.equal(r.view.userId, c.userId);
  });
}

const refusedCases: { arn: string; status: number }[] = [
  { arn: 'alice', status: 400 },
  { arn: `arn:aws:iam::${ACCOUNT}:group/g`, status: 400 },
  { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/reader`, status: 400 },
  { arn: `arn:aws:iam::${ACCOUNT}:user/nobody`, status: 404 },
  // The path is part of a user's ARN: the right name with the wrong path is another principal.
  { arn: `arn:aws:iam::${ACCOUNT}:user/alice`, status: 404 },
  { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/missing/s`, status: 404 },
];
for (const c of refusedCases) {
  test(`ofArn refuses ${c.arn} with ${c.status}`, async () => {
    await assert.rejects(new PrincipalResolver(fakeCache()).ofArn(c.arn), (e: unknown) => {
      return e instanceof AuthzError && e.status === c.status;
    });
  });
}

test('a principal resolved twice is the same object, loaded once (context keys built once)', async () => {
  const cache = fakeCache();
  const resolver = new PrincipalResolver(cache);
  const a = await resolver.ofArn(`arn:aws:iam::${ACCOUNT}:user/team/alice`);
  const b = await resolver.ofCaller({
    type: 'user',
    accountId: ACCOUNT,
    arn: a.view.arn!,
    userId: 'AIDAALICE',
    userName: 'alice',
    path: '/team/',
  });
  assert.equal(a, b);
  assert.equal(cache.loads, 1);
  assert.deepEqual(a.view.tags, { team: 'red' });
});

test('PolicySets adds the resource policy, reuses the combined set, and refuses a malformed policy', async () => {
  const alice = await new PrincipalResolver(fakeCache()).ofArn(`arn:aws:iam::${ACCOUNT}:user/team/alice`);
  const sets = new PolicySets();
  const deny = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/secret' }],
  });
  const request = (arn: string) => ({
    principal: alice.principal,
    action: 's3:GetObject',
    resource: { arn, accountId: ACCOUNT },
  });
  assert.equal(sets.setFor(alice, undefined), alice.set);
  const combined = sets.setFor(alice, deny);
  assert.equal(sets.setFor(alice, deny), combined);
  assert.equal(decide(combined, request('arn:aws:s3:::b/secret')).decision, 'ExplicitDeny');
  assert.equal(decide(combined, request('arn:aws:s3:::b/open')).decision, 'Allow');
  // The principal's own set is untouched by the combination.
  assert.equal(decide(alice.set, request('arn:aws:s3:::b/secret')).decision, 'Allow');
  assert.throws(
    () => sets.setFor(alice, { Statement: 'nope' }),
    (e: unknown) => e instanceof AuthzError && e.code === 'MalformedPolicyDocument',
  );
});
