import type { Authorizer } from '../../authorization/index.ts';
import type { CredentialResolver, IamOperations, RequestContext } from '../../identity/index.ts';

/** The services a Query action may call: narrow on purpose (ask for exactly what you use). */
export type QueryServices = { iam: IamOperations; credentials: Pick<CredentialResolver, 'resolve'> };

/** What handlers get: the services, plus the authorizer's policy simulator. */
export type HandlerServices = QueryServices & {
  authorizer: Pick<
    Authorizer,
    | 'simulatePrincipalPolicy'
    | 'simulateCustomPolicy'
    | 'getContextKeysForPrincipalPolicy'
    | 'getContextKeysForCustomPolicy'
  >;
};

/** Everything a handler gets: the authenticated context, the decoded form and the services. */
export interface ActionCall {
  readonly ctx: RequestContext;
  readonly params: Map<string, string>;
  readonly services: HandlerServices;
}

/** A handler decodes, calls and returns the AWS result shape; nothing else (the encoder writes the XML). */
export type ActionHandler = (call: ActionCall) => Promise<object>;
