import type { RequestPrincipal } from '../matching/principal.ts';
import type { ScenarioPolicies } from './compile-policies.ts';
import type { DecisionRow, DecisionValue } from './decision.ts';
import type { AuthorizationRequest } from './request.ts';

// Shared by the evaluation tests: accounts, callers and small policy builders.
export const A = '111111111111';
export const B = '222222222222';
export const M = '999999999999';
export const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
export const allow = (Action: string | string[] = '*', Resource: string | string[] = '*', extra: object = {}) => ({
  Effect: 'Allow',
  Action,
  Resource,
  ...extra,
});
export const deny = (Action: string | string[] = '*', Resource: string | string[] = '*', extra: object = {}) => ({
  Effect: 'Deny',
  Action,
  Resource,
  ...extra,
});

export const alice: RequestPrincipal = { type: 'user', arn: `arn:aws:iam::${A}:user/alice`, accountId: A };
export const session: RequestPrincipal = {
  type: 'role-session',
  arn: `arn:aws:sts::${A}:assumed-role/app/s1`,
  accountId: A,
  roleArn: `arn:aws:iam::${A}:role/app`,
};
export const federated: RequestPrincipal = {
  type: 'federated-user',
  arn: `arn:aws:sts::${A}:federated-user/bob`,
  accountId: A,
  sourceUserArn: `arn:aws:iam::${A}:user/bob`,
};
export const root: RequestPrincipal = { type: 'root', arn: `arn:aws:iam::${A}:root`, accountId: A };
export const service: RequestPrincipal = { type: 'service', arn: 'cloudtrail.amazonaws.com', accountId: null };
export const anonymous: RequestPrincipal = { type: 'anonymous', arn: null, accountId: null };
export const oidcProvider = `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`;
export const webIdentity: RequestPrincipal = { type: 'web-identity', arn: oidcProvider, accountId: A };
export const bucket = 'arn:aws:s3:::example-bucket/report.csv';

export const req = (
  principal: RequestPrincipal,
  resourceAccount = A,
  action = 's3:GetObject',
  arn = bucket,
  context = {},
): AuthorizationRequest => ({
  principal,
  action,
  resource: { arn, accountId: resourceAccount },
  context,
});

/** One decision-table case: name, policies, request, expected decision, expected row, management account. */
export type DecisionCase = [
  name: string,
  policies: ScenarioPolicies,
  request: AuthorizationRequest,
  expected: DecisionValue,
  row?: DecisionRow,
  management?: string,
];
