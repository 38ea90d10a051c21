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
  service,
  anonymous,
  webIdentity,
  oidcProvider,
  req,
  type DecisionCase,
} from './decide-fixtures.test-support.ts';

const cases: DecisionCase[] = [
  // Decision table rows.
  [
    'sts:GetCallerIdentity is allowed even under an explicit deny',
    { identity: [doc(deny())] },
    req(alice, A, 'sts:GetCallerIdentity', '*'),
    'Allow',
    'caller-identity',
  ],
  [
    'a matching Deny wins over an Allow',
    { identity: [doc(allow(), deny('s3:GetObject'))] },
    req(alice),
    'ExplicitDeny',
    'explicit-deny',
  ],
  [
    'an unparsable policy fails closed',
    { identity: [doc(allow()), '{not json'] },
    req(alice),
    'ImplicitDeny',
    'policy-error',
  ],
  [
    'an SCP level without Allow denies implicitly',
    { identity: [doc(allow())], scps: [[doc(allow())], []] },
    req(alice),
    'ImplicitDeny',
    'scp-no-allow',
  ],
  [
    'a service principal named by the resource policy is allowed',
    { resource: doc(allow('s3:GetObject', '*', { Principal: { Service: 'cloudtrail.amazonaws.com' } })) },
    req(service),
    'Allow',
    'non-iam-caller-granted',
  ],
  [
    'a service principal without a resource grant is denied',
    { resource: null },
    req(service),
    'ImplicitDeny',
    'non-iam-caller-not-granted',
  ],
  [
    'same account: a resource grant to the user suffices',
    { identity: [], resource: doc(allow('s3:*', '*', { Principal: { AWS: alice.arn } })) },
    req(alice),
    'Allow',
    'same-account-resource-grant',
  ],
  [
    'same account: an identity grant suffices',
    { identity: [doc(allow('s3:GetObject', 'arn:aws:s3:::example-bucket/*'))] },
    req(alice),
    'Allow',
    'same-account-identity-grant',
  ],
  [
    'same account: nothing allows',
    { identity: [doc(allow('s3:PutObject'))] },
    req(alice),
    'ImplicitDeny',
    'same-account-no-grant',
  ],
  [
    'cross-account: both sides allow',
    { identity: [doc(allow())], resource: doc(allow('*', '*', { Principal: { AWS: A } })) },
    req(alice, B),
    'Allow',
    'cross-account-grant',
  ],
  [
    'cross-account: the identity side is missing',
    { identity: [], resource: doc(allow('*', '*', { Principal: { AWS: alice.arn } })) },
    req(alice, B),
    'ImplicitDeny',
    'cross-account-no-identity-grant',
  ],
  [
    'cross-account: the resource side is missing',
    { identity: [doc(allow())], resource: null },
    req(alice, B),
    'ImplicitDeny',
    'cross-account-no-resource-grant',
  ],
  [
    'cross-account: Principal "*" does not waive the identity side',
    { resource: doc(allow('*', '*', { Principal: '*' })) },
    req(alice, B),
    'ImplicitDeny',
    'cross-account-no-identity-grant',
  ],
  [
    'cross-account: root needs only the resource grant',
    { resource: doc(allow('*', '*', { Principal: { AWS: A } })) },
    req(root, B),
    'Allow',
    'cross-account-grant',
  ],
  // Principal types.
  ['the root user has full access in its account', { identity: [] }, req(root), 'Allow', 'same-account-identity-grant'],
  [
    'a Deny naming the account applies to its root user',
    { resource: doc(deny('*', '*', { Principal: { AWS: A } })) },
    req(root),
    'ExplicitDeny',
  ],
  ['a role session has its role policies', { identity: [doc(allow())] }, req(session), 'Allow'],
  [
    'a federated session without a session policy has no permissions',
    { identity: [doc(allow())] },
    req(federated),
    'ImplicitDeny',
    'same-account-no-grant',
  ],
  [
    'a federated session with a session policy gets the intersection',
    { identity: [doc(allow())], sessionPolicy: doc(allow('s3:GetObject')) },
    req(federated),
    'Allow',
  ],
  [
    'anonymous callers are allowed only by "*"',
    { resource: doc(allow('s3:GetObject', '*', { Principal: '*' })) },
    req(anonymous),
    'Allow',
  ],
  [
    'anonymous callers are not matched by an account principal',
    { resource: doc(allow('s3:GetObject', '*', { Principal: { AWS: A } })) },
    req(anonymous),
    'ImplicitDeny',
  ],
  ['identity policies do not apply to anonymous callers', { identity: [doc(allow())] }, req(anonymous), 'ImplicitDeny'],
  [
    'a web identity is allowed by a trust policy naming its provider as Federated',
    { resource: doc(trustWeb({ Federated: oidcProvider })) },
    assumeWeb(),
    'Allow',
    'non-iam-caller-granted',
  ],
  [
    'a web identity is not named by another provider',
    { resource: doc(trustWeb({ Federated: `arn:aws:iam::${A}:oidc-provider/accounts.example.com` })) },
    assumeWeb(),
    'ImplicitDeny',
    'non-iam-caller-not-granted',
  ],
  [
    "a web identity is not named by its provider's account, even with identity policies that allow",
    { resource: doc(trustWeb({ AWS: A })), identity: [doc(allow())], permissionBoundary: doc(allow()) },
    assumeWeb(),
    'ImplicitDeny',
    'non-iam-caller-not-granted',
  ],
  [
    'identity, boundary and SCP layers do not apply to a web identity: only the trust policy decides',
    {
      resource: doc(trustWeb({ Federated: oidcProvider })),
      identity: [doc(deny())],
      permissionBoundary: doc(deny()),
      scps: [[doc(deny())]],
    },
    assumeWeb(),
    'Allow',
    'non-iam-caller-granted',
  ],
  [
    'a trust Deny + NotPrincipal naming the provider exempts the web identity',
    {
      resource: doc(trustWeb({ Federated: oidcProvider }), {
        Effect: 'Deny',
        NotPrincipal: { Federated: oidcProvider },
        Action: 'sts:AssumeRoleWithWebIdentity',
      }),
    },
    assumeWeb(),
    'Allow',
  ],
  [
    'a trust Deny + NotPrincipal naming another provider denies the web identity',
    {
      resource: doc(trustWeb({ Federated: oidcProvider }), {
        Effect: 'Deny',
        NotPrincipal: { Federated: `arn:aws:iam::${A}:oidc-provider/accounts.example.com` },
        Action: 'sts:AssumeRoleWithWebIdentity',
      }),
    },
    assumeWeb(),
    'ExplicitDeny',
    'explicit-deny',
  ],
];

function trustWeb(Principal: object) {
  return { Effect: 'Allow', Principal, Action: 'sts:AssumeRoleWithWebIdentity' };
}

function assumeWeb() {
  return req(webIdentity, A, 'sts:AssumeRoleWithWebIdentity', `arn:aws:iam::${A}:role/deploy`);
}

describe('decide: decision table rows and principal types', () => {
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
