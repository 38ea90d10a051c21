import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RequestPrincipal } from '../matching/principal.ts';
import { parseArn } from '../matching/arn.ts';
import { buildContext, isPreparedRequest, prepareRequest } from './request.ts';

const A = '111111111111';
type Case = [name: string, principal: RequestPrincipal, expected: Record<string, string | undefined>];

const cases: Case[] = [
  [
    'a user gets its ARN, account, type User, username and PrincipalIsAWSService false',
    {
      type: 'user',
      arn: `arn:aws:iam::${A}:user/path/alice`,
      accountId: A,
      userId: 'AIDAEXAMPLE',
      tags: { Team: 'blue' },
      orgId: 'o-exampleorg1',
    },
    {
      'aws:principalarn': `arn:aws:iam::${A}:user/path/alice`,
      'aws:principalaccount': A,
      'aws:principaltype': 'User',
      'aws:username': 'alice',
      'aws:userid': 'AIDAEXAMPLE',
      'aws:principalisawsservice': 'false',
      'aws:principaltag/team': 'blue',
      'aws:principalorgid': 'o-exampleorg1',
      'aws:principalservicename': undefined,
    },
  ],
  [
    'a role session: PrincipalArn is the role ARN, no username',
    {
      type: 'role-session',
      arn: `arn:aws:sts::${A}:assumed-role/app/s`,
      accountId: A,
      roleArn: `arn:aws:iam::${A}:role/svc/app`,
    },
    {
      'aws:principalarn': `arn:aws:iam::${A}:role/svc/app`,
      'aws:principaltype': 'AssumedRole',
      'aws:username': undefined,
      'aws:userid': undefined,
    },
  ],
  [
    'a federated user: userid defaults to ACCOUNT:name',
    { type: 'federated-user', arn: `arn:aws:sts::${A}:federated-user/bob`, accountId: A },
    {
      'aws:principalarn': `arn:aws:sts::${A}:federated-user/bob`,
      'aws:principaltype': 'FederatedUser',
      'aws:userid': `${A}:bob`,
    },
  ],
  [
    'the root user: type Account, userid is the account',
    { type: 'root', arn: `arn:aws:iam::${A}:root`, accountId: A },
    {
      'aws:principalarn': `arn:aws:iam::${A}:root`,
      'aws:principaltype': 'Account',
      'aws:userid': A,
      'aws:username': undefined,
    },
  ],
  [
    'a service: PrincipalIsAWSService true and its service name, no ARN or account',
    { type: 'service', arn: 'cloudtrail.amazonaws.com', accountId: null },
    {
      'aws:principalisawsservice': 'true',
      'aws:principalservicename': 'cloudtrail.amazonaws.com',
      'aws:principalarn': undefined,
      'aws:principalaccount': undefined,
      'aws:principaltype': undefined,
    },
  ],
  [
    'anonymous: type Anonymous and userid anonymous only',
    { type: 'anonymous', arn: null, accountId: null },
    {
      'aws:principaltype': 'Anonymous',
      'aws:userid': 'anonymous',
      'aws:principalarn': undefined,
      'aws:principalisawsservice': undefined,
    },
  ],
  [
    'web identity: type WebIdentityUser; no ARN, account, userid or username (the request is unsigned)',
    { type: 'web-identity', arn: `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`, accountId: A },
    {
      'aws:principaltype': 'WebIdentityUser',
      'aws:userid': undefined,
      'aws:username': undefined,
      'aws:principalarn': undefined,
      'aws:principalaccount': undefined,
      'aws:principalisawsservice': undefined,
      'aws:principalservicename': undefined,
    },
  ],
];

describe('principal-derived context keys (§0.4)', () => {
  for (const [name, principal, expected] of cases) {
    it(name, () => {
      const ctx = buildContext({ principal, action: 's3:GetObject', resource: { arn: '*' } });
      for (const [key, value] of Object.entries(expected)) assert.deepEqual(ctx.get(key), value, key);
    });
  }

  it('request keys are lowercased, arrays kept, and derived keys win', () => {
    const ctx = buildContext({
      principal: { type: 'user', arn: `arn:aws:iam::${A}:user/alice`, accountId: A },
      action: 's3:GetObject',
      resource: { arn: '*' },
      context: { 'AWS:TagKeys': ['a', 'b'], 'aws:username': 'mallory', 'aws:RequestTag/Env': [] },
    });
    assert.deepEqual(ctx.get('aws:tagkeys'), ['a', 'b']);
    assert.deepEqual(ctx.get('aws:requesttag/env'), []);
    assert.deepEqual(ctx.get('aws:username'), 'alice');
  });

  it('a request cannot supply principal-derived keys the principal does not have', () => {
    const ctx = buildContext({
      principal: { type: 'anonymous', arn: null, accountId: null },
      action: 's3:GetObject',
      resource: { arn: '*' },
      context: {
        'aws:PrincipalArn': 'arn:aws:iam::111111111111:root',
        'aws:PrincipalTag/team': 'x',
        'aws:SourceIp': '10.0.0.1',
      },
    });
    assert.deepEqual(
      [ctx.get('aws:principalarn'), ctx.get('aws:principaltag/team'), ctx.get('aws:sourceip')],
      [undefined, undefined, '10.0.0.1'],
    );
  });

  it('two spellings of one key: the later wins, also when a value looks like a key', () => {
    const principal: RequestPrincipal = { type: 'user', arn: `arn:aws:iam::${A}:user/alice`, accountId: A };
    const small = buildContext({
      principal,
      action: 's3:GetObject',
      resource: { arn: '*' },
      context: { 'ctx:a': 'aws:sourceip', 'aws:SourceIp': '10.0.0.1', 'AWS:SOURCEIP': '10.0.0.2' },
    });
    assert.deepEqual([small.get('aws:sourceip'), small.get('ctx:a')], ['10.0.0.2', 'aws:sourceip']);
    const context: Record<string, string> = { 'ctx:Dup': 'first' };
    for (let i = 0; i < 30; i++) context[`ctx:k${i}`] = `v${i}`;
    context['CTX:DUP'] = 'last';
    const large = buildContext({ principal, action: 's3:GetObject', resource: { arn: '*' }, context });
    assert.deepEqual([large.get('ctx:dup'), large.get('ctx:k29')], ['last', 'v29']);
  });

  it('a large request context (kept as a map) still layers over the principal keys', () => {
    const context: Record<string, string> = {};
    for (let i = 0; i < 40; i++) context[`Ctx:Key${i}`] = `v${i}`;
    const ctx = buildContext({
      principal: { type: 'user', arn: `arn:aws:iam::${A}:user/alice`, accountId: A, tags: { team: 'red' } },
      action: 's3:GetObject',
      resource: { arn: '*' },
      context: { ...context, 'aws:PrincipalTag/team': 'blue' },
    });
    assert.deepEqual([ctx.get('ctx:key0'), ctx.get('ctx:key39'), ctx.get('ctx:key40')], ['v0', 'v39', undefined]);
    assert.equal(ctx.get('aws:principaltag/team'), 'red');
  });
});

describe('prepareRequest', () => {
  it('splits the resource ARN and derives the service, whatever the spelling of the action', () => {
    const p = prepareRequest({
      principal: { type: 'user', arn: `arn:aws:iam::${A}:user/alice`, accountId: A },
      action: 'KMS:Decrypt',
      resource: { arn: `arn:aws:kms:us-east-1:${A}:key/k-1` },
    });
    assert.equal(isPreparedRequest(p), true);
    assert.deepEqual(
      [p.action, p.lowerAction, p.service, p.requiresExplicitTrust, p.resourceAccountId],
      ['KMS:Decrypt', 'kms:decrypt', 'kms', true, A],
    );
    assert.deepEqual(
      [p.resourceService, p.resourceRegion, p.resourceAccount, p.resourceArn.slice(p.resourceStart)],
      ['kms', 'us-east-1', A, 'key/k-1'],
    );
    assert.deepEqual(p.resourceParts, parseArn(`arn:aws:kms:us-east-1:${A}:key/k-1`));
    assert.equal(p.resource.resourceStart, p.resourceStart);
  });

  it('marks a non-ARN resource with start -1 and leaves raw requests unprepared', () => {
    const raw = {
      principal: { type: 'anonymous', arn: null, accountId: null },
      action: 's3:ListAllMyBuckets',
      resource: { arn: '*' },
    } as const;
    const p = prepareRequest(raw);
    assert.deepEqual(
      [p.resourceStart, p.resourceService, p.resourceParts, p.resourceAccountId],
      [-1, '', undefined, null],
    );
    assert.equal(isPreparedRequest(raw), false);
  });
});
