// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written ${key}, not template placeholders.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compilePolicies } from './compile-policies.ts';
import {
  A,
  B,
  M,
  doc,
  allow,
  deny,
  alice,
  session,
  federated,
  root,
  anonymous,
  req,
  type DecisionCase,
} from './decide-fixtures.test-support.ts';

const cases: DecisionCase[] = [
  // Boundaries (109, 110) and sessions (111, 112).
  [
    'a boundary caps identity permissions',
    { identity: [doc(allow())], permissionBoundary: doc(allow('s3:PutObject')) },
    req(alice),
    'ImplicitDeny',
  ],
  [
    'identity ∩ boundary allows',
    { identity: [doc(allow())], permissionBoundary: doc(allow('s3:Get*')) },
    req(alice),
    'Allow',
  ],
  ['a boundary alone grants nothing', { identity: [], permissionBoundary: doc(allow()) }, req(alice), 'ImplicitDeny'],
  [
    'an explicit deny in a boundary denies',
    { identity: [doc(allow())], permissionBoundary: doc(allow(), deny('s3:GetObject')) },
    req(alice),
    'ExplicitDeny',
  ],
  [
    'a boundary limits cross-account requests even when the resource names the user',
    {
      identity: [doc(allow())],
      permissionBoundary: doc(allow('ec2:*')),
      resource: doc(allow('*', '*', { Principal: { AWS: alice.arn } })),
    },
    req(alice, B),
    'ImplicitDeny',
  ],
  [
    'a session policy never grants beyond the role',
    { identity: [doc(allow('s3:PutObject'))], sessionPolicy: doc(allow()) },
    req(session),
    'ImplicitDeny',
  ],
  [
    'a session policy explicit deny denies even a grant naming the session',
    { sessionPolicy: doc(allow(), deny()), resource: doc(allow('*', '*', { Principal: { AWS: session.arn } })) },
    req(session),
    'ExplicitDeny',
  ],
  // Items 104–108.
  [
    '104: a grant naming the user ignores a boundary implicit deny',
    {
      identity: [],
      permissionBoundary: doc(allow('ec2:*')),
      resource: doc(allow('*', '*', { Principal: { AWS: alice.arn } })),
    },
    req(alice),
    'Allow',
    'same-account-resource-grant',
  ],
  [
    '104: a grant naming the session ARN ignores a session policy implicit deny',
    { sessionPolicy: doc(allow('ec2:*')), resource: doc(allow('*', '*', { Principal: { AWS: session.arn } })) },
    req(session),
    'Allow',
  ],
  [
    '104: a grant naming the federated session ARN ignores the missing session policy',
    { resource: doc(allow('*', '*', { Principal: { AWS: federated.arn } })) },
    req(federated),
    'Allow',
  ],
  [
    '105: a grant naming the role reaches its sessions',
    { resource: doc(allow('*', '*', { Principal: { AWS: session.roleArn } })) },
    req(session),
    'Allow',
    'same-account-resource-grant',
  ],
  [
    '105: a grant naming the role is limited by the session policy',
    { sessionPolicy: doc(allow('ec2:*')), resource: doc(allow('*', '*', { Principal: { AWS: session.roleArn } })) },
    req(session),
    'ImplicitDeny',
  ],
  [
    '105: a grant naming the role is limited by the boundary',
    {
      permissionBoundary: doc(allow('ec2:*')),
      resource: doc(allow('*', '*', { Principal: { AWS: session.roleArn } })),
    },
    req(session),
    'ImplicitDeny',
  ],
  [
    '106: a grant naming the IAM user is limited for its federated session by the session policy',
    {
      sessionPolicy: doc(allow('ec2:*')),
      resource: doc(allow('*', '*', { Principal: { AWS: federated.sourceUserArn } })),
    },
    req(federated),
    'ImplicitDeny',
  ],
  [
    '107: "*" with an aws:PrincipalArn condition ignores a boundary implicit deny',
    {
      permissionBoundary: doc(allow('ec2:*')),
      resource: doc(allow('*', '*', { Principal: '*', Condition: { ArnEquals: { 'aws:PrincipalArn': alice.arn } } })),
    },
    req(alice),
    'Allow',
  ],
  [
    '108: an identity policy alone does not pass a trust policy that does not name the caller',
    {
      identity: [doc(allow())],
      resource: doc(allow('sts:AssumeRole', '*', { Principal: { Service: 'ec2.amazonaws.com' } })),
    },
    req(alice, A, 'sts:AssumeRole', `arn:aws:iam::${A}:role/app`),
    'ImplicitDeny',
    'explicit-trust-no-grant',
  ],
  [
    '108: a trust policy naming the user needs no identity permission in the same account',
    { identity: [], resource: doc(allow('sts:AssumeRole', '*', { Principal: { AWS: alice.arn } })) },
    req(alice, A, 'sts:AssumeRole', `arn:aws:iam::${A}:role/app`),
    'Allow',
    'explicit-trust-grant',
  ],
  [
    '108: a trust policy naming the account needs an identity allow',
    { identity: [], resource: doc(allow('sts:AssumeRole', '*', { Principal: { AWS: A } })) },
    req(alice, A, 'sts:AssumeRole', `arn:aws:iam::${A}:role/app`),
    'ImplicitDeny',
    'explicit-trust-no-grant',
  ],
  [
    '108: a trust policy naming the account plus an identity allow passes',
    {
      identity: [doc(allow('sts:AssumeRole'))],
      resource: doc(allow('sts:AssumeRole', '*', { Principal: { AWS: A } })),
    },
    req(alice, A, 'sts:AssumeRole', `arn:aws:iam::${A}:role/app`),
    'Allow',
    'explicit-trust-grant',
  ],
  [
    '108: a KMS key without a key policy allows nobody',
    { identity: [doc(allow())] },
    req(alice, A, 'kms:Decrypt', `arn:aws:kms:us-east-1:${A}:key/k`),
    'ImplicitDeny',
    'explicit-trust-no-grant',
  ],
  // SCPs (96–99) and RCPs (100–102).
  [
    'SCPs need an Allow at every level',
    { identity: [doc(allow())], scps: [[doc(allow())], [doc(allow('s3:*'))], [doc(allow('s3:Get*'))]] },
    req(alice),
    'Allow',
  ],
  [
    'an SCP explicit deny denies',
    { identity: [doc(allow())], scps: [[doc(allow(), deny('s3:*'))]] },
    req(alice),
    'ExplicitDeny',
  ],
  [
    'SCPs limit resource-policy grants to member principals',
    { resource: doc(allow('*', '*', { Principal: { AWS: alice.arn } })), scps: [[doc(allow('ec2:*'))]] },
    req(alice),
    'ImplicitDeny',
    'scp-no-allow',
  ],
  [
    'SCPs do not apply to the management account',
    { identity: [doc(allow())], scps: [[]] },
    req({ ...alice, accountId: M, arn: `arn:aws:iam::${M}:user/alice` }, M),
    'Allow',
    undefined,
    M,
  ],
  [
    'SCPs do not apply to service-linked roles',
    { identity: [doc(allow())], scps: [[]] },
    req({ ...session, isServiceLinkedRole: true }),
    'Allow',
  ],
  [
    'SCPs apply to the root user of a member account',
    { scps: [[doc(allow('ec2:*'))]] },
    req(root),
    'ImplicitDeny',
    'scp-no-allow',
  ],
  ['SCPs never grant', { identity: [], scps: [[doc(allow())]] }, req(alice), 'ImplicitDeny'],
  [
    'an RCP Deny denies any caller, anonymous too',
    { resource: doc(allow('*', '*', { Principal: '*' })), rcps: [[doc(deny('s3:*', '*', { Principal: '*' }))]] },
    req(anonymous),
    'ExplicitDeny',
  ],
  [
    'RCPs without a Deny do not restrict (RCPFullAWSAccess implied)',
    { identity: [doc(allow())], rcps: [[], []] },
    req(alice),
    'Allow',
  ],
  [
    'RCPs do not apply to resources in the management account',
    { identity: [doc(allow())], rcps: [[doc(deny('*', '*', { Principal: '*' }))]] },
    req({ ...alice, accountId: M, arn: `arn:aws:iam::${M}:user/alice` }, M),
    'Allow',
    undefined,
    M,
  ],
  // NotPrincipal (54–56).
  [
    'Deny + NotPrincipal denies principals not listed',
    {
      identity: [doc(allow())],
      resource: doc(deny('*', '*', { NotPrincipal: { AWS: [`arn:aws:iam::${A}:user/bob`, A] } })),
    },
    req(alice),
    'ExplicitDeny',
  ],
  [
    'Deny + NotPrincipal exempts a listed user with its account',
    { identity: [doc(allow())], resource: doc(deny('*', '*', { NotPrincipal: { AWS: [alice.arn, A] } })) },
    req(alice),
    'Allow',
  ],
  [
    '56: Deny + NotPrincipal always denies a principal with a boundary',
    {
      identity: [doc(allow())],
      permissionBoundary: doc(allow()),
      resource: doc(deny('*', '*', { NotPrincipal: { AWS: [alice.arn, A] } })),
    },
    req(alice),
    'ExplicitDeny',
  ],
  [
    'Allow + NotPrincipal grants others',
    { resource: doc(allow('*', '*', { NotPrincipal: { AWS: `arn:aws:iam::${A}:user/bob` } })) },
    req(alice),
    'Allow',
  ],
  // Conditions and missing keys inside decisions.
  [
    'Deny + Bool false does not deny long-term credentials',
    { identity: [doc(allow(), deny('*', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } }))] },
    req(alice),
    'Allow',
  ],
  [
    'Deny + BoolIfExists false denies long-term credentials',
    {
      identity: [
        doc(allow(), deny('*', '*', { Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } })),
      ],
    },
    req(alice),
    'ExplicitDeny',
  ],
  [
    'an unknown operator never lets an Allow apply',
    { identity: [doc(allow('*', '*', { Condition: { StringEqualz: { 'aws:username': 'alice' } } }))] },
    req(alice),
    'ImplicitDeny',
  ],
  [
    'an unknown operator in a Deny fails closed',
    { identity: [doc(allow(), deny('*', '*', { Condition: { StringEqualz: { 'aws:username': 'bob' } } }))] },
    req(alice),
    'ExplicitDeny',
  ],
  [
    '${aws:username} in a Resource matches the user',
    { identity: [doc(allow('s3:*', 'arn:aws:s3:::home/${aws:username}/*'))] },
    req(alice, A, 's3:GetObject', 'arn:aws:s3:::home/alice/x'),
    'Allow',
  ],
  [
    '${aws:username} matches nothing for a role session',
    { identity: [doc(allow('s3:*', 'arn:aws:s3:::home/${aws:username}/*'))] },
    req(session, A, 's3:GetObject', 'arn:aws:s3:::home/alice/x'),
    'ImplicitDeny',
  ],
  [
    'Deny + NotAction never grants the excluded actions',
    { identity: [doc({ Effect: 'Deny', NotAction: 's3:*', Resource: '*' })] },
    req(alice),
    'ImplicitDeny',
  ],
  [
    'Deny s3:* + NotResource does not touch EC2 requests',
    { identity: [doc(allow(), { Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::x' })] },
    req(alice, A, 'ec2:RunInstances', '*'),
    'Allow',
  ],
  [
    'an action without resource-level permissions needs Resource "*"',
    { identity: [doc(allow('ec2:DescribeInstances', 'arn:aws:ec2:*:*:instance/*'))] },
    req(alice, A, 'ec2:DescribeInstances', '*'),
    'ImplicitDeny',
  ],
];

describe('decide: boundaries, sessions, resource grants, SCPs, RCPs, NotPrincipal, conditions', () => {
  for (const [name, policies, request, expected, row, management] of cases) {
    it(`${name} → ${expected}`, () => {
      const d = compilePolicies(policies, { organization: { managementAccountId: management ?? M } }).authorize(
        request,
      );
      assert.equal(d.decision, expected, d.explanation);
      if (row !== undefined) assert.equal(d.row, row);
    });
  }
});
