import { type Case, runCases, allow, stmt, trust } from './test-support.ts';

const cases: Case[] = [
  { name: 'a clean identity policy has no findings', kind: 'identity', policy: stmt(allow()), codes: [], exact: true },
  {
    name: 'a clean trust policy has no findings',
    kind: 'trust',
    policy: stmt(trust()),
    codes: [],
    exact: true,
  },
  {
    name: 'Principal in an identity policy is an error',
    kind: 'identity',
    policy: stmt(allow({ Principal: '*' })),
    codes: ['principal-not-allowed'],
  },
  {
    name: 'a resource policy without Principal is an error',
    kind: 'resource',
    policy: stmt(allow()),
    codes: ['missing-principal'],
  },
  {
    name: 'Resource in a trust policy is an error',
    kind: 'trust',
    policy: stmt(trust({ Resource: '*' })),
    codes: ['resource-not-allowed'],
  },
  {
    name: 'NotPrincipal in a trust policy is an error',
    kind: 'trust',
    policy: stmt({ Effect: 'Deny', NotPrincipal: { AWS: '111111111111' }, Action: 'sts:AssumeRole' }),
    codes: ['not-principal-not-allowed'],
  },
  {
    name: 'a trust policy granting s3 actions is an error',
    kind: 'trust',
    policy: stmt(trust({ Action: ['sts:AssumeRole', 's3:GetObject'] })),
    codes: ['trust-action-not-allowed'],
  },
  {
    name: 'a trust policy may grant sts:TagSession and sts:AssumeRole*',
    kind: 'trust',
    policy: stmt(trust({ Action: ['sts:AssumeRole*', 'sts:TagSession'] })),
    codes: [],
    exact: true,
  },
  {
    name: 'an SCP needs Version 2012-10-17',
    kind: 'scp',
    policy: JSON.stringify({ Statement: [allow()] }),
    codes: ['version-required'],
  },
  {
    name: 'an SCP may use NotAction and NotResource',
    kind: 'scp',
    policy: stmt({ Effect: 'Deny', NotAction: 'iam:*', NotResource: 'arn:aws:iam::*:role/x' }),
    codes: [],
    exact: true,
  },
  {
    name: 'an RCP Principal other than * is an error',
    kind: 'rcp',
    policy: stmt({ Effect: 'Deny', Principal: { AWS: '111111111111' }, Action: 's3:*', Resource: '*' }),
    codes: ['rcp-principal-not-star'],
  },
  {
    name: 'an RCP Allow is an error',
    kind: 'rcp',
    policy: stmt({ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }),
    codes: ['rcp-allow'],
  },
  {
    name: 'an RCP NotAction is an error',
    kind: 'rcp',
    policy: stmt({ Effect: 'Deny', Principal: '*', NotAction: 's3:*', Resource: '*' }),
    codes: ['not-action-not-allowed'],
  },
  {
    name: 'an RCP on a service RCPs do not support is an error (catalog)',
    kind: 'rcp',
    policy: stmt({ Effect: 'Deny', Principal: '*', Action: 'iam:PassRole', Resource: '*' }),
    codes: ['rcp-unsupported-service'],
    withCatalog: true,
  },
  {
    name: 'variables without Version warn that they are literal',
    kind: 'identity',
    policy: JSON.stringify({ Statement: [allow({ Resource: `arn:aws:s3:::b/\${aws:username}/*` })] }),
    codes: ['variables-without-version'],
    exact: true,
  },
  {
    name: 'variables under 2008-10-17 warn that they are literal',
    kind: 'identity',
    policy: JSON.stringify({
      Version: '2008-10-17',
      Statement: [allow({ Resource: `arn:aws:s3:::b/\${aws:username}` })],
    }),
    codes: ['variables-without-version'],
    exact: true,
  },
  {
    name: 'a missing Version is a suggestion',
    kind: 'identity',
    policy: JSON.stringify({ Statement: [allow()] }),
    codes: ['missing-version'],
    exact: true,
  },
  {
    name: 'Allow with NotPrincipal is an error (NotPrincipal needs Deny)',
    kind: 'resource',
    policy: stmt(allow({ NotPrincipal: { AWS: 'arn:aws:iam::111111111111:root' } })),
    codes: ['allow-with-not-principal'],
    exact: true,
  },
  {
    name: 'Deny with NotPrincipal warns and suggests aws:PrincipalArn',
    kind: 'resource',
    policy: stmt({ Effect: 'Deny', NotPrincipal: { AWS: '111111111111' }, Action: 's3:*', Resource: '*' }),
    codes: ['deny-with-not-principal'],
    exact: true,
  },
];

runCases('validatePolicy: policy kinds and Version', cases);
