import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ACCOUNT, type Fixture, makeFixture, rejectsWith } from './services-fixture.test.ts';

const DOC = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
});
const DOC2 = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] });
const arnOf = (name: string, path = '/') => `arn:aws:iam::${ACCOUNT}:policy${path}${name}`;

describe('customer managed policies', () => {
  let f: Fixture;
  before(async () => {
    f = await makeFixture();
  });
  after(() => f.close());

  test('CreatePolicy returns the Policy shape with an ANPA id, v1 default and zero counts', async () => {
    const { Policy } = await f.services.iam.createPolicy(f.root, {
      PolicyName: 'ReadObjects',
      Path: '/team/',
      PolicyDocument: DOC,
      Description: 'read',
      Tags: [{ Key: 'k', Value: 'v' }],
    });
    assert.match(Policy.PolicyId, /^ANPA[A-Z2-7]{17}$/);
    assert.equal(Policy.Arn, arnOf('ReadObjects', '/team/'));
    assert.equal(Policy.DefaultVersionId, 'v1');
    assert.equal(Policy.AttachmentCount, 0);
    assert.equal(Policy.PermissionsBoundaryUsageCount, 0);
    assert.equal(Policy.IsAttachable, true);
    assert.equal(Policy.Description, 'read');
    assert.deepEqual(Policy.Tags, [{ Key: 'k', Value: 'v' }]);
  });

  const createErrors: [string, Record<string, unknown>, string, string | RegExp][] = [
    [
      'a duplicate name (any case) already exists',
      { PolicyName: 'readobjects', PolicyDocument: DOC },
      'EntityAlreadyExists',
      'A policy called readobjects already exists. Duplicate names are not allowed.',
    ],
    [
      'a syntax error is MalformedPolicyDocument',
      { PolicyName: 'Bad', PolicyDocument: '{"Version":' },
      'MalformedPolicyDocument',
      /./,
    ],
    [
      'a trust-style Principal is MalformedPolicyDocument',
      {
        PolicyName: 'Bad2',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }],
        }),
      },
      'MalformedPolicyDocument',
      /./,
    ],
    [
      'more than 6144 characters is MalformedPolicyDocument',
      {
        PolicyName: 'Big',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: Array.from({ length: 300 }, (_, i) => `arn:aws:s3:::bucket-number-${i}/*`),
            },
          ],
        }),
      },
      'MalformedPolicyDocument',
      /./,
    ],
    [
      'a Resource that is not an ARN is MalformedPolicyDocument',
      {
        PolicyName: 'Arn',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'foo' }],
        }),
      },
      'MalformedPolicyDocument',
      'Resource foo must be in ARN format or "*".',
    ],
    [
      'an unknown condition operator is MalformedPolicyDocument',
      {
        PolicyName: 'Op',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { StringLikee: { 'aws:username': 'x' } } },
          ],
        }),
      },
      'MalformedPolicyDocument',
      'Invalid Condition type : StringLikee',
    ],
    [
      'a bad name is ValidationError',
      { PolicyName: 'a b', PolicyDocument: DOC },
      'ValidationError',
      /at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    ],
    [
      'a missing document is ValidationError',
      { PolicyName: 'NoDoc' },
      'ValidationError',
      "1 validation error detected: Value null at 'policyDocument' failed to satisfy constraint: Member must not be null",
    ],
  ];
  for (const [name, input, code, message] of createErrors) {
    test(`CreatePolicy: ${name}`, async () => {
      await rejectsWith(f.services.iam.createPolicy(f.root, input as never), code, message);
    });
  }

  test('GetPolicy finds a customer policy by ARN; a wrong path or account is NoSuchEntity', async () => {
    const { Policy } = await f.services.iam.getPolicy(f.root, { PolicyArn: arnOf('ReadObjects', '/team/') });
    assert.equal(Policy.PolicyName, 'ReadObjects');
    await rejectsWith(
      f.services.iam.getPolicy(f.root, { PolicyArn: arnOf('ReadObjects') }),
      'NoSuchEntity',
      `Policy ${arnOf('ReadObjects')} was not found.`,
    );
    await rejectsWith(
      f.services.iam.getPolicy(f.root, { PolicyArn: 'arn:aws:iam::999999999999:policy/team/ReadObjects' }),
      'NoSuchEntity',
    );
  });

  test('the catalogue serves AWS managed policies with real documents, read-only', async () => {
    for (const name of [
      'AdministratorAccess',
      'PowerUserAccess',
      'ReadOnlyAccess',
      'IAMFullAccess',
      'IAMReadOnlyAccess',
      'IAMUserChangePassword',
      'IAMSelfManageServiceSpecificCredentials',
    ]) {
      const arn = `arn:aws:iam::aws:policy/${name}`;
      const { Policy } = await f.services.iam.getPolicy(f.root, { PolicyArn: arn });
      assert.equal(Policy.Arn, arn);
      assert.match(Policy.PolicyId, /^ANPA/);
      const { PolicyVersion } = await f.services.iam.getPolicyVersion(f.root, {
        PolicyArn: arn,
        VersionId: Policy.DefaultVersionId,
      });
      const doc = JSON.parse(PolicyVersion.Document ?? '') as { Statement: unknown[] };
      assert.ok(doc.Statement.length > 0, name);
      assert.equal(PolicyVersion.IsDefaultVersion, true);
    }
    const admin = await f.services.iam.getPolicyVersion(f.root, {
      PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      VersionId: 'v1',
    });
    assert.deepEqual(JSON.parse(admin.PolicyVersion.Document ?? ''), {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
    const cn = await f.services.iam.getPolicy(
      { ...f.root, partition: 'aws-cn' },
      { PolicyArn: 'arn:aws-cn:iam::aws:policy/ReadOnlyAccess' },
    );
    assert.equal(cn.Policy.Arn, 'arn:aws-cn:iam::aws:policy/ReadOnlyAccess');
    const aws = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    const attempts = [
      () => f.services.iam.createPolicyVersion(f.root, { PolicyArn: aws, PolicyDocument: DOC }),
      () => f.services.iam.deletePolicy(f.root, { PolicyArn: aws }),
      () => f.services.iam.tagPolicy(f.root, { PolicyArn: aws, Tags: [{ Key: 'a', Value: 'b' }] }),
      () => f.services.iam.setDefaultPolicyVersion(f.root, { PolicyArn: aws, VersionId: 'v1' }),
    ];
    for (const attempt of attempts) await rejectsWith(attempt(), 'UnmodifiableEntity');
  });

  test('ListPolicies: Local lists the account, AWS the whole catalogue, pagination loops to the end', async () => {
    const local = await f.services.iam.listPolicies(f.root, { Scope: 'Local' });
    assert.deepEqual(
      local.Policies.map((p) => p.PolicyName),
      ['ReadObjects'],
    );
    let marker: string | undefined;
    let count = 0;
    let pages = 0;
    do {
      const page = await f.services.iam.listPolicies(f.root, {
        Scope: 'AWS',
        MaxItems: 1000,
        ...(marker ? { Marker: marker } : {}),
      });
      count += page.Policies.length;
      pages++;
      marker = page.IsTruncated ? page.Marker : undefined;
      assert.ok(page.Policies.length <= 1000);
    } while (marker);
    assert.ok(count >= 1594, `catalogue has ${count}`);
    assert.equal(pages, 2);
    const all = await f.services.iam.listPolicies(f.root, { MaxItems: 2 });
    assert.equal(all.IsTruncated, true);
    const prefixed = await f.services.iam.listPolicies(f.root, { Scope: 'Local', PathPrefix: '/other/' });
    assert.deepEqual(prefixed.Policies, []);
    await rejectsWith(
      f.services.iam.listPolicies(f.root, { Scope: 'Mine' as never }),
      'ValidationError',
      /enum value set/,
    );
  });

  test('versions: at most five, the default one undeletable, SetAsDefault and SetDefaultPolicyVersion switch it', async () => {
    const arn = arnOf('ReadObjects', '/team/');
    const v2 = await f.services.iam.createPolicyVersion(f.root, {
      PolicyArn: arn,
      PolicyDocument: DOC2,
      SetAsDefault: true,
    });
    assert.deepEqual({ id: v2.PolicyVersion.VersionId, d: v2.PolicyVersion.IsDefaultVersion }, { id: 'v2', d: true });
    for (const _ of [3, 4, 5])
      await f.services.iam.createPolicyVersion(f.root, { PolicyArn: arn, PolicyDocument: DOC });
    await rejectsWith(
      f.services.iam.createPolicyVersion(f.root, { PolicyArn: arn, PolicyDocument: DOC }),
      'LimitExceeded',
      'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
    );
    const listed = await f.services.iam.listPolicyVersions(f.root, { PolicyArn: arn });
    assert.deepEqual(
      listed.Versions.map((x) => `${x.VersionId}${x.IsDefaultVersion ? '*' : ''}`),
      ['v5', 'v4', 'v3', 'v2*', 'v1'],
    );
    await rejectsWith(
      f.services.iam.deletePolicyVersion(f.root, { PolicyArn: arn, VersionId: 'v2' }),
      'DeleteConflict',
      'Cannot delete the default version of a policy.',
    );
    await f.services.iam.deletePolicyVersion(f.root, { PolicyArn: arn, VersionId: 'v5' });
    const v6 = await f.services.iam.createPolicyVersion(f.root, { PolicyArn: arn, PolicyDocument: DOC });
    assert.equal(v6.PolicyVersion.VersionId, 'v6');
    await f.services.iam.setDefaultPolicyVersion(f.root, { PolicyArn: arn, VersionId: 'v6' });
    const got = await f.services.iam.getPolicy(f.root, { PolicyArn: arn });
    assert.equal(got.Policy.DefaultVersionId, 'v6');
    await rejectsWith(f.services.iam.getPolicyVersion(f.root, { PolicyArn: arn, VersionId: 'v5' }), 'NoSuchEntity');
    await rejectsWith(f.services.iam.getPolicyVersion(f.root, { PolicyArn: arn, VersionId: 'x1' }), 'ValidationError');
    await rejectsWith(
      f.services.iam.deletePolicy(f.root, { PolicyArn: arn }),
      'DeleteConflict',
      "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
    );
  });

  test('policy tags: TagPolicy merges, UntagPolicy removes, ListPolicyTags pages', async () => {
    const arn = arnOf('ReadObjects', '/team/');
    await f.services.iam.tagPolicy(f.root, {
      PolicyArn: arn,
      Tags: [
        { Key: 'K', Value: 'new' },
        { Key: 'b', Value: '2' },
      ],
    });
    const page1 = await f.services.iam.listPolicyTags(f.root, { PolicyArn: arn, MaxItems: 1 });
    assert.deepEqual(page1.Tags, [{ Key: 'K', Value: 'new' }]);
    assert.equal(page1.IsTruncated, true);
    const page2 = await f.services.iam.listPolicyTags(f.root, { PolicyArn: arn, Marker: page1.Marker as string });
    assert.deepEqual(page2.Tags, [{ Key: 'b', Value: '2' }]);
    await f.services.iam.untagPolicy(f.root, { PolicyArn: arn, TagKeys: ['k'] });
    assert.deepEqual((await f.services.iam.listPolicyTags(f.root, { PolicyArn: arn })).Tags, [
      { Key: 'b', Value: '2' },
    ]);
  });

  test('DeletePolicy removes a single-version policy; deleting again is NoSuchEntity', async () => {
    await f.services.iam.createPolicy(f.root, { PolicyName: 'Temp', PolicyDocument: DOC });
    await f.services.iam.deletePolicy(f.root, { PolicyArn: arnOf('Temp') });
    await rejectsWith(f.services.iam.deletePolicy(f.root, { PolicyArn: arnOf('Temp') }), 'NoSuchEntity');
    const summary = await f.services.iam.getAccountSummary(f.root, {});
    assert.equal(summary.SummaryMap.get('Policies'), 1);
    assert.equal(summary.SummaryMap.get('PolicyVersionsInUse'), 5);
  });
});
