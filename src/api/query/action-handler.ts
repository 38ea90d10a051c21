import type { Authorizer } from '../../authorization/index.ts';
import type { CredentialResolver, IamOperations, RequestContext } from '../../identity/index.ts';
import type { SessionFacts, StsService } from '../../sts/index.ts';

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
  /** The STS operations; absent when the app was registered without session support. */
  sts?: StsService;
};

/** Everything a handler gets: the authenticated context, the decoded form and the services. */
export interface ActionCall {
  readonly ctx: RequestContext;
  readonly params: Map<string, string>;
  readonly services: HandlerServices;
  /** The session's facts when the request was signed with temporary credentials. */
  readonly session?: SessionFacts;
  /** Request-wide condition keys (`aws:SourceIp`, `aws:SecureTransport`, `aws:RequestedRegion`) for sts/. */
  readonly requestKeys?: Readonly<Record<string, string>>;
}

/** A handler decodes, calls and returns the AWS result shape; nothing else (the encoder writes the XML). */
export type ActionHandler = (call: ActionCall) => Promise<object>;
