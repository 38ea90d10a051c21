import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type Clock, systemClock } from '../shared/index.ts';
import { IamdApiError } from './iamd-api-error.ts';
import type { IamdClient } from './iamd-client.ts';
import { PositiveCache } from './positive-cache.ts';
import { s3ErrorXml } from './s3-error-xml.ts';
import type { AuthorizeQuestion, AuthorizeResponse, ForwardedRequest } from './types.ts';

/** What the platform tells the gate about a request: the question to ask iamd. */
export type DescribeRequest<R> = (request: R) => AuthorizeQuestion | Promise<AuthorizeQuestion>;

/** Options shared by the express middleware and the fastify hook. */
export type GateOptions<R> = {
  client: Pick<IamdClient, 'authorize'>;
  /** Maps a request to action, resource ARN (and owner account), resource policy and extra context. */
  describe: DescribeRequest<R>;
  /** Seconds an Allow for an identical request may be reused (retries, presigned URLs). Default 0 = off; max 60. */
  cacheSeconds?: number;
  clock?: Clock;
  /** Told about failures that are not the client's fault (iamd unreachable, the gate's own credentials refused). */
  onError?: (error: unknown) => void;
};

/** What a request that passed carries: the principal iamd found and the full answer (reasons included). */
export type IamdVerdict = AuthorizeResponse;

/** The gate's verdict: pass with the answer, or the S3-style error to send. */
export type GateResult =
  | { readonly ok: true; readonly verdict: IamdVerdict }
  | { readonly ok: false; readonly status: number; readonly body: string; readonly contentType: 'application/xml' };

/** Thrown by `describe` to refuse a request with a given S3 error (e.g. NoSuchBucket) before asking iamd. */
export class GateRefusal extends Error {
  readonly code: string;
  readonly status: number;
  constructor(code: string, status: number, message: string) {
    super(message);
    this.name = 'GateRefusal';
    this.code = code;
    this.status = status;
  }
}

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** The request as the platform received it; the body's hash when the body was read, else the declared one. */
export function forwardedRequestOf(raw: IncomingMessage, body: unknown): ForwardedRequest {
  const headers: Record<string, string | string[]> = {};
  for (const name in raw.headers) {
    const value = raw.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  const forwarded: ForwardedRequest = { method: raw.method ?? 'GET', path: raw.url ?? '/', headers };
  if (Buffer.isBuffer(body) || body instanceof Uint8Array) {
    forwarded.payloadHash = createHash('sha256').update(body).digest('hex');
  } else if (typeof body === 'string') {
    forwarded.payloadHash = createHash('sha256').update(body, 'utf8').digest('hex');
  } else {
    // The body was not read here: the signature is checked against the declared hash, and the platform must
    // check the body against that same hash as it reads it (as S3 does for streamed uploads).
    const declared = raw.headers['x-amz-content-sha256'];
    if (typeof declared === 'string' && HEX_SHA256.test(declared)) forwarded.payloadHash = declared;
  }
  return forwarded;
}

function requestId(): string {
  return randomBytes(8).toString('hex').toUpperCase();
}

function refuse(status: number, code: string, message: string, id = requestId()): GateResult {
  return { ok: false, status, body: s3ErrorXml(code, message, id), contentType: 'application/xml' };
}

/** Builds the framework-neutral check behind the express middleware and the fastify hook. */
export function createAuthorizeGate<R>(
  options: GateOptions<R>,
): (request: R, raw: IncomingMessage, body: unknown) => Promise<GateResult> {
  const cache = new PositiveCache(options.cacheSeconds ?? 0, options.clock ?? systemClock);
  return async (request, raw, body) => {
    try {
      const question = await options.describe(request);
      const forwarded = forwardedRequestOf(raw, body);
      const key = cache.enabled ? cache.keyOf([forwarded, question]) : undefined;
      const cached = key === undefined ? undefined : cache.get(key);
      const answer = cached ?? (await options.client.authorize({ request: forwarded, ...question }));
      if (key !== undefined && cached === undefined) cache.remember(key, answer);
      if (answer.decision === 'Allow') return { ok: true, verdict: answer };
      return refuse(403, 'AccessDenied', 'Access Denied');
    } catch (error) {
      if (error instanceof GateRefusal) return refuse(error.status, error.code, error.message);
      if (error instanceof IamdApiError && error.subject === 'request') {
        return refuse(error.status, error.code, error.message, error.requestId);
      }
      options.onError?.(error);
      return refuse(500, 'InternalError', 'We encountered an internal error. Please try again.');
    }
  };
}
