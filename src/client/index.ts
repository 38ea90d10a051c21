/**
 * `iamd/client`: call the authorize API from Node, and guard a platform's routes with it (express middleware or
 * fastify hook). Imports only node built-ins, @smithy/signature-v4 and (types only) fastify.
 */
export {
  createIamdClient,
  type IamdClient,
  type IamdClientOptions,
  type SecurityStatus,
  type SecurityStatusCheck,
} from './iamd-client.ts';
export { IamdApiError } from './iamd-api-error.ts';
export {
  createAuthorizeGate,
  forwardedRequestOf,
  GateRefusal,
  type DescribeRequest,
  type GateOptions,
  type GateResult,
  type IamdVerdict,
} from './authorize-gate.ts';
export { iamdMiddleware, registerIamdFastify, type ExpressLikeRequest } from './middleware.ts';
export { PositiveCache } from './positive-cache.ts';
export { s3ErrorXml } from './s3-error-xml.ts';
export type * from './types.ts';
export type { Clock } from '../shared/index.ts';
