import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeFixture } from './services-fixture.test.ts';

const doc = (action: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

test('managed policy documents: AWS managed from the catalogue, customer ones by default version, unknown ones absent', async () => {
  const f = await makeFixture();
  try {
    const { Policy } = await f.services.iam.createPolicy(f.root, { PolicyName: 'p', Path: '/team/', PolicyDocument: doc('iam:GetUser') });
    const arn = Policy.Arn!;
    const docs = f.services.managedPolicies;
    assert.equal(await docs.documentOf(arn), doc('iam:GetUser'));
    assert.match((await docs.documentOf('arn:aws:iam::aws:policy/IAMReadOnlyAccess')) ?? '', /iam:Get/);
    const absent = [
      `arn:aws:iam::${f.root.accountId}:policy/p`, // wrong path
      `arn:aws:iam::${f.root.accountId}:policy/team/nope`,
      'arn:aws:iam::aws:policy/NoSuchPolicy',
      'not-an-arn',
    ];
    for (const a of absent) assert.equal(await docs.documentOf(a), undefined, a);
    // A new default version is seen at once: the write to the account drops the cached document.
    await f.services.iam.createPolicyVersion(f.root, { PolicyArn: arn, PolicyDocument: doc('iam:ListUsers'), SetAsDefault: true });
    assert.equal(await docs.documentOf(arn), doc('iam:ListUsers'));
  } finally {
    await f.close();
  }
});
