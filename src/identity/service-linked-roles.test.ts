import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ACCOUNT, type Fixture, makeFixture, rejectsWith } from './services-fixture.test.ts';
import { serviceLinkedRoleName } from './service-linked-roles.ts';

const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] });

describe('service-linked roles', () => {
  let f: Fixture;
  before(async () => {
    f = await makeFixture();
  });
  after(() => f.close());

  const names: [string, string | undefined, string][] = [
    ['elasticbeanstalk.amazonaws.com', undefined, 'AWSServiceRoleForElasticBeanstalk'],
    ['autoscaling.amazonaws.com', 'web', 'AWSServiceRoleForAutoScaling_web'],
    ['ecs.amazonaws.com', undefined, 'AWSServiceRoleForECS'],
    ['spot.amazonaws.com', undefined, 'AWSServiceRoleForEC2Spot'],
    ['newthing.amazonaws.com', undefined, 'AWSServiceRoleForNewthing'],
  ];
  for (const [service, suffix, expected] of names) {
    test(`${service}${suffix ? ` with suffix ${suffix}` : ''} is named ${expected}`, () => {
      assert.equal(serviceLinkedRoleName(service, suffix), expected);
    });
  }

  test('CreateServiceLinkedRole makes the role under /aws-service-role/<service>/ trusted by the service', async () => {
    const { Role } = await f.services.iam.createServiceLinkedRole(f.root, {
      AWSServiceName: 'elasticbeanstalk.amazonaws.com',
      Description: 'eb',
    });
    assert.equal(Role.RoleName, 'AWSServiceRoleForElasticBeanstalk');
    assert.equal(Role.Path, '/aws-service-role/elasticbeanstalk.amazonaws.com/');
    assert.equal(
      Role.Arn,
      `arn:aws:iam::${ACCOUNT}:role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk`,
    );
    const attached = await f.services.iam.listAttachedRolePolicies(f.root, { RoleName: Role.RoleName });
    assert.deepEqual(attached.AttachedPolicies, [
      {
        PolicyName: 'AWSElasticBeanstalkServiceRolePolicy',
        PolicyArn: 'arn:aws:iam::aws:policy/aws-service-role/AWSElasticBeanstalkServiceRolePolicy',
      },
    ]);
    const trust = JSON.parse(Role.AssumeRolePolicyDocument ?? '') as { Statement: { Principal: unknown }[] };
    assert.deepEqual(trust.Statement[0]?.Principal, { Service: ['elasticbeanstalk.amazonaws.com'] });
    await rejectsWith(
      f.services.iam.createServiceLinkedRole(f.root, { AWSServiceName: 'elasticbeanstalk.amazonaws.com' }),
      'InvalidInput',
      'Service role name AWSServiceRoleForElasticBeanstalk has been taken in this account, please try a different suffix.',
    );
    await rejectsWith(
      f.services.iam.createServiceLinkedRole(f.root, { AWSServiceName: 'not-a-service' }),
      'InvalidInput',
    );
  });

  test('ordinary edits of a service-linked role are UnmodifiableEntity with AWS wording', async () => {
    const RoleName = 'AWSServiceRoleForElasticBeanstalk';
    const message = `Cannot perform the operation on the protected role '${RoleName}' - this role is only modifiable by AWS`;
    await f.services.iam.createPolicy(f.root, { PolicyName: 'p', PolicyDocument: doc });
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    const attempts = [
      () => f.services.iam.updateAssumeRolePolicy(f.root, { RoleName, PolicyDocument: trust }),
      () => f.services.iam.deleteRole(f.root, { RoleName }),
      () => f.services.iam.putRolePolicy(f.root, { RoleName, PolicyName: 'x', PolicyDocument: doc }),
      () => f.services.iam.attachRolePolicy(f.root, { RoleName, PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/p` }),
      () =>
        f.services.iam.putRolePermissionsBoundary(f.root, {
          RoleName,
          PermissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/p`,
        }),
    ];
    for (const attempt of attempts) await rejectsWith(attempt(), 'UnmodifiableEntity', message);
  });

  test('DeleteServiceLinkedRole returns a task id whose status is SUCCEEDED; the role is gone', async () => {
    const { DeletionTaskId } = await f.services.iam.deleteServiceLinkedRole(f.root, {
      RoleName: 'AWSServiceRoleForElasticBeanstalk',
    });
    assert.match(
      DeletionTaskId,
      /^task\/aws-service-role\/elasticbeanstalk\.amazonaws\.com\/AWSServiceRoleForElasticBeanstalk\/[0-9a-f-]{36}$/,
    );
    assert.deepEqual(await f.services.iam.getServiceLinkedRoleDeletionStatus(f.root, { DeletionTaskId }), {
      Status: 'SUCCEEDED',
    });
    await rejectsWith(
      f.services.iam.getRole(f.root, { RoleName: 'AWSServiceRoleForElasticBeanstalk' }),
      'NoSuchEntity',
    );
    await rejectsWith(
      f.services.iam.getServiceLinkedRoleDeletionStatus(f.root, { DeletionTaskId: 'task/bogus' }),
      'NoSuchEntity',
    );
    await f.services.iam.createRole(f.root, {
      RoleName: 'plain',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
    });
    await rejectsWith(f.services.iam.deleteServiceLinkedRole(f.root, { RoleName: 'plain' }), 'InvalidInput');
  });
});
