import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { ServiceData } from '../service-data/index.ts';
import { type ContextSources, requestContextKeys } from './request-context-keys.ts';
import { iamCatalog } from './test-catalog.test.ts';

const NOW = new Date('2026-11-22T12:34:56.789Z');
const ENV = {
  'aws:CurrentTime': '2026-11-22T12:34:56Z',
  'aws:EpochTime': '1795350896',
  'aws:SecureTransport': 'true',
  'aws:RequestedRegion': 'eu-west-1',
  'aws:ViaAWSService': 'false',
  'aws:SourceIp': '192.0.2.7',
};

describe('requestContextKeys supplies what AWS supplies, and only where the action data lists it', () => {
  let data: ServiceData;
  before(async () => {
    data = await iamCatalog();
  });
  const sources = (
    action: string,
    input: Record<string, unknown>,
    extra: Partial<ContextSources> = {},
  ): ContextSources => {
    const info = data.action(action);
    return {
      info,
      resourceType: info?.resourceTypes[0]
        ? data.resourceType(info.service, info.resourceTypes[0].resourceType)
        : undefined,
      input,
      now: NOW,
      region: 'eu-west-1',
      secure: true,
      sourceIp: '192.0.2.7',
      ...extra,
    };
  };

  const rows: {
    name: string;
    action: string;
    input: Record<string, unknown>;
    extra?: Partial<ContextSources>;
    keys: Record<string, string | string[]>;
  }[] = [
    { name: 'environment keys only for an action without request keys', action: 'iam:ListUsers', input: {}, keys: {} },
    {
      name: 'CreateUser: request tags, tag keys and the boundary',
      action: 'iam:CreateUser',
      input: {
        UserName: 'c',
        PermissionsBoundary: 'arn:aws:iam::1:policy/B',
        Tags: [
          { Key: 'team', Value: 'blue' },
          { Key: 'cost', Value: '7' },
        ],
      },
      keys: {
        'aws:RequestTag/team': 'blue',
        'aws:RequestTag/cost': '7',
        'aws:TagKeys': ['team', 'cost'],
        'iam:PermissionsBoundary': 'arn:aws:iam::1:policy/B',
      },
    },
    {
      name: 'UntagUser: tag keys from TagKeys',
      action: 'iam:UntagUser',
      input: { UserName: 'c', TagKeys: ['a', 'b'] },
      keys: { 'aws:TagKeys': ['a', 'b'] },
    },
    {
      name: 'AttachUserPolicy: the policy ARN and the target boundary',
      action: 'iam:AttachUserPolicy',
      input: { UserName: 'c', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
      extra: { targetBoundaryArn: 'arn:aws:iam::1:policy/B' },
      keys: {
        'iam:PolicyARN': 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        'iam:PermissionsBoundary': 'arn:aws:iam::1:policy/B',
      },
    },
    {
      name: 'CreateServiceLinkedRole: the service name',
      action: 'iam:CreateServiceLinkedRole',
      input: { AWSServiceName: 'elasticbeanstalk.amazonaws.com' },
      keys: { 'iam:AWSServiceName': 'elasticbeanstalk.amazonaws.com' },
    },
    {
      name: 'GetUser on a tagged user: aws: and iam: resource tags',
      action: 'iam:GetUser',
      input: { UserName: 'c' },
      extra: { resourceTags: { team: 'blue' } },
      keys: { 'aws:ResourceTag/team': 'blue', 'iam:ResourceTag/team': 'blue' },
    },
    {
      name: 'GetPolicy on a tagged policy: only aws:ResourceTag (the data lists no iam:ResourceTag for policies)',
      action: 'iam:GetPolicy',
      input: { PolicyArn: 'arn:aws:iam::1:policy/p' },
      extra: { resourceTags: { team: 'blue' } },
      keys: { 'aws:ResourceTag/team': 'blue' },
    },
    {
      name: 'GetUser ignores request tags it does not list',
      action: 'iam:GetUser',
      input: { UserName: 'c', Tags: [{ Key: 'x', Value: 'y' }], PolicyArn: 'arn:aws:iam::1:policy/p' },
      keys: {},
    },
    {
      name: 'a session adds the token issue time and MFA keys',
      action: 'iam:ListUsers',
      input: {},
      extra: {
        session: {
          tokenIssueTime: new Date('2026-11-22T12:00:00Z'),
          mfaAuthenticatedAt: new Date('2026-11-22T12:30:00Z'),
        },
      },
      keys: {
        'aws:TokenIssueTime': '2026-11-22T12:00:00Z',
        'aws:MultiFactorAuthPresent': 'true',
        'aws:MultiFactorAuthAge': '296',
      },
    },
    {
      name: 'a session without MFA says so and has no MFA age',
      action: 'iam:ListUsers',
      input: {},
      extra: { session: { tokenIssueTime: new Date('2026-11-22T12:00:00Z') } },
      keys: { 'aws:TokenIssueTime': '2026-11-22T12:00:00Z', 'aws:MultiFactorAuthPresent': 'false' },
    },
  ];
  for (const row of rows) {
    it(row.name, () => {
      assert.deepEqual(requestContextKeys(sources(row.action, row.input, row.extra)), { ...ENV, ...row.keys });
    });
  }

  it('plain HTTP and an unknown source address: SecureTransport false, no SourceIp', () => {
    const { sourceIp: _, ...rest } = sources('iam:ListUsers', {});
    const keys = requestContextKeys({ ...rest, secure: false });
    assert.equal(keys['aws:SecureTransport'], 'false');
    assert.equal('aws:SourceIp' in keys, false);
  });
});
