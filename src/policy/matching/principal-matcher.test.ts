import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PrincipalElement } from '../document/types.ts';
import type { RequestPrincipal } from './principal.ts';
import { compilePrincipal, matchPrincipal, notPrincipalExempts } from './principal-matcher.ts';

const A = '111111111111';
const alice: RequestPrincipal = { type: 'user', arn: `arn:aws:iam::${A}:user/alice`, accountId: A };
const session: RequestPrincipal = {
  type: 'role-session',
  arn: `arn:aws:sts::${A}:assumed-role/app/s1`,
  accountId: A,
  roleArn: `arn:aws:iam::${A}:role/app`,
};
const federated: RequestPrincipal = {
  type: 'federated-user',
  arn: `arn:aws:sts::${A}:federated-user/bob`,
  accountId: A,
  sourceUserArn: `arn:aws:iam::${A}:user/bob`,
};
const root: RequestPrincipal = { type: 'root', arn: `arn:aws:iam::${A}:root`, accountId: A };
const service: RequestPrincipal = { type: 'service', arn: 'cloudtrail.amazonaws.com', accountId: null };
const anonymous: RequestPrincipal = { type: 'anonymous', arn: null, accountId: null };
const PROVIDER = `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`;
const webIdentity: RequestPrincipal = { type: 'web-identity', arn: PROVIDER, accountId: A };
const fed = (...values: string[]): PrincipalElement => ({ kind: 'map', entries: { Federated: values } });

const aws = (...values: string[]): PrincipalElement => ({ kind: 'map', entries: { AWS: values } });

type Case = [name: string, element: PrincipalElement, caller: RequestPrincipal, expected: string | undefined];
const cases: Case[] = [
  ['"*" matches anyone, anonymous too', { kind: 'wildcard' }, anonymous, 'wildcard'],
  ['{"AWS":"*"} is the same as "*"', aws('*'), service, 'wildcard'],
  ['an account id names the account', aws(A), alice, 'account'],
  ['the root ARN names the account', aws(`arn:aws:iam::${A}:root`), alice, 'account'],
  ['a user ARN names that user', aws(alice.arn!), alice, 'direct'],
  ['the user name part is case-sensitive', aws(`arn:aws:iam::${A}:user/Alice`), alice, undefined],
  ['a role ARN matches every session of the role', aws(session.roleArn!), session, 'role'],
  ['a session ARN matches that session', aws(session.arn!), session, 'direct'],
  ['another session ARN does not match', aws(`arn:aws:sts::${A}:assumed-role/app/s2`), session, undefined],
  ['a federated-user ARN matches the session', aws(federated.arn!), federated, 'direct'],
  ['the IAM user behind a federated session matches as its role', aws(federated.sourceUserArn!), federated, 'role'],
  ['the account names its root user', aws(A), root, 'account'],
  [
    'a service principal matches that service',
    { kind: 'map', entries: { Service: ['cloudtrail.amazonaws.com'] } },
    service,
    'direct',
  ],
  [
    'a service principal does not match another',
    { kind: 'map', entries: { Service: ['ec2.amazonaws.com'] } },
    service,
    undefined,
  ],
  ['an account does not match anonymous callers', aws(A), anonymous, undefined],
  ['another account does not match', aws('222222222222'), alice, undefined],
  ['Federated naming the provider ARN matches its token bearer', fed('other', PROVIDER), webIdentity, 'direct'],
  ['Federated naming another provider does not match', fed(`arn:aws:iam::${A}:oidc-provider/x.example`), webIdentity, undefined],
  ['the bare provider host is not the IAM OIDC provider', fed('token.actions.githubusercontent.com'), webIdentity, undefined],
  ['the provider ARN is case-sensitive', fed(PROVIDER.toUpperCase()), webIdentity, undefined],
  ['"*" matches a web identity', { kind: 'wildcard' }, webIdentity, 'wildcard'],
  ['{"AWS":"*"} matches a web identity', aws('*'), webIdentity, 'wildcard'],
  ["the provider's account does not name a web identity", aws(A, `arn:aws:iam::${A}:root`), webIdentity, undefined],
  ['an AWS entry with the provider ARN does not match', aws(PROVIDER), webIdentity, undefined],
  ['a Service entry does not match', { kind: 'map', entries: { Service: [PROVIDER] } }, webIdentity, undefined],
  ['a CanonicalUser entry does not match', { kind: 'map', entries: { CanonicalUser: [PROVIDER] } }, webIdentity, undefined],
  ['Federated never matches IAM callers', fed(alice.arn!, A), alice, undefined],
  ['Federated never matches anonymous callers', fed(PROVIDER), anonymous, undefined],
];

describe('principal matching', () => {
  for (const [name, element, caller, expected] of cases) {
    it(name, () => assert.equal(matchPrincipal(compilePrincipal(element), caller), expected));
  }
});

describe('NotPrincipal exemption', () => {
  const table: [string, PrincipalElement, RequestPrincipal, boolean][] = [
    ['user and account listed: exempt', aws(alice.arn!, A), alice, true],
    ['only the user listed: not exempt (engine choice)', aws(alice.arn!), alice, false],
    ['only the account listed: other users not exempt', aws(A), alice, false],
    [
      'session, role and account listed: exempt',
      aws(session.arn!, session.roleArn!, `arn:aws:iam::${A}:root`),
      session,
      true,
    ],
    ['session and account without the role: not exempt', aws(session.arn!, A), session, false],
    ['root exempt by its account', aws(A), root, true],
    ['anonymous is never exempt by a list', aws(A), anonymous, false],
    ['web identity exempt when its provider is listed', fed(PROVIDER), webIdentity, true],
    ['web identity not exempt by another provider', fed(`arn:aws:iam::${A}:oidc-provider/x.example`), webIdentity, false],
    ['web identity not exempt by its account', aws(A, `arn:aws:iam::${A}:root`), webIdentity, false],
    ['a listed provider exempts no IAM caller', fed(PROVIDER, alice.arn!), alice, false],
  ];
  for (const [name, element, caller, expected] of table) {
    it(name, () => assert.equal(notPrincipalExempts(compilePrincipal(element), caller), expected));
  }
});
