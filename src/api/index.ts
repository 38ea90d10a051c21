/** api/: HTTP adapters on fastify. The AWS Query protocol for IAM and STS, and the operational routes. */
export { malformedHttpResponse, registerQueryApi, type QueryApiOptions } from './query/query-api.ts';
export { Authenticator, type AuthenticatorOptions, rootCaller } from './query/authenticator.ts';
export { SessionAuthenticator, type RequestAuthenticator } from './query/session-authenticator.ts';
export type { QueryServices } from './query/action-handler.ts';
export { registerOpsRoutes, type OpsRouteOptions } from './ops-routes.ts';
export { partitionOf } from './query/partition.ts';
export { registerAuthzApi, type AuthzApiOptions, AUTHZ_SIGNING_SERVICE } from './authz/authz-api.ts';
export { registerConsoleApi, type ConsoleApiOptions, CONSOLE_SESSION_SECONDS } from './console/index.ts';
