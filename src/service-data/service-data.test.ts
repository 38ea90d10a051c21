import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ServiceData, ServiceDataNotLoadedError, sharedServiceData } from './index.ts';

describe('ServiceData', () => {
  let data: ServiceData;
  before(async () => {
    data = await ServiceData.load({ services: ['iam', 's3'] });
    await data.prepareFor(['sts:AssumeRoleWithWebIdentity'], ['token.actions.githubusercontent.com:repository']);
  });

  it('exposes the data version and date', () => {
    assert.match(data.version, /^\d+\.\d+\.\d{9}$/);
    assert.ok(data.updatedAt instanceof Date && !Number.isNaN(data.updatedAt.getTime()));
  });

  const actionCases: [string, boolean][] = [
    ['iam:CreateUser', true],
    ['IAM:createuser', true],
    ['s3:GetObject', true],
    ['s3:GetObjectt', false],
    ['iam', false],
  ];
  for (const [action, exists] of actionCases) {
    it(`hasAction(${action}) is ${exists}`, () => assert.equal(data.hasAction(action), exists));
  }

  it('describes iam:CreateUser: Write, on the user resource type with its ARN format, with its keys', () => {
    const a = data.action('iam:CreateUser');
    assert.ok(a);
    assert.equal(a.accessLevel, 'Write');
    assert.deepEqual(
      a.resourceTypes.map((r) => [r.resourceType, r.required, r.arnFormat]),
      [['user', true, `arn:\${Partition}:iam::\${Account}:user/\${UserNameWithPath}`]],
    );
    assert.ok(a.conditionKeys.includes('iam:PermissionsBoundary'));
    assert.equal(a.wildcardOnly, false);
  });

  it('marks actions without resource-level permissions as wildcard-only', () => {
    assert.equal(data.action('s3:ListAllMyBuckets')?.wildcardOnly, true);
  });

  it('matches action patterns case-insensitively', () => {
    assert.deepEqual([...data.matchActions('iam:createuser*')].sort(), ['iam:CreateUser']);
    assert.ok(data.matchActions('s3:Get*').includes('s3:GetObject'));
    assert.deepEqual(data.matchActions('s3:Nothing*'), []);
  });

  const keyCases: [string, string | undefined][] = [
    ['aws:SourceIp', 'IPAddress'],
    ['AWS:tagkeys', 'ArrayOfString'],
    ['aws:PrincipalTag/team', 'String'],
    ['iam:PermissionsBoundary', 'ARN'],
    ['s3:ExistingObjectTag/project', 'String'],
    ['s3:NoSuchKey', undefined],
    ['token.actions.githubusercontent.com:repository', 'String'],
    ['token.actions.githubusercontent.com:sub', 'String'],
    ['example.org:nothing', undefined],
  ];
  for (const [key, type] of keyCases) {
    it(`conditionKeyType(${key}) is ${type}`, () => assert.equal(data.conditionKeyType(key), type));
  }

  it('knows services and their RCP support without loading them', () => {
    assert.equal(data.hasService('ec2'), true);
    assert.equal(data.hasService('nosuchservice'), false);
    assert.equal(data.serviceName('s3'), 'Amazon S3');
    assert.equal(data.supportsRcp('s3'), true);
    assert.equal(data.supportsRcp('ec2'), false);
  });

  it('throws ServiceDataNotLoadedError for a lookup in a service that is not loaded', () => {
    assert.throws(() => data.hasAction('ec2:RunInstances'), ServiceDataNotLoadedError);
  });

  it('answers after loadServices()', async () => {
    await data.loadServices(['ec2']);
    assert.equal(data.hasAction('ec2:RunInstances'), true);
    assert.ok(data.resourceType('ec2', 'instance')?.arnFormat.includes(':instance/'));
  });
});

describe('sharedServiceData', () => {
  it('loads once and gives every caller the same fully loaded instance', async () => {
    const [a, b] = await Promise.all([sharedServiceData(), sharedServiceData()]);
    assert.equal(a, b);
    assert.equal(a.hasAction('ec2:RunInstances'), true);
    assert.equal(
      a.servicePrefixes().every((p) => a.isLoaded(p)),
      true,
    );
  });
});
