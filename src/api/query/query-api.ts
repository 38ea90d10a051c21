import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthorizationIdentity } from '../../authorization/index.ts';
import type { RequestContext } from '../../identity/index.ts';
import { type Clock, IamError, systemClock } from '../../shared/index.ts';
import type { IncomingRequest } from '../../sigv4/index.ts';
import type { ActionCall, QueryServices } from './action-handler.ts';
import { findAction, findUnsignedAction, serviceOfAction, UNSIGNED_ACTIONS, VERSIONS } from './action-table.ts';
import { QueryAuthorization, type SessionSupport, type TransportFacts } from './authorization-hook.ts';
import { errorResponse } from './error-response.ts';
import { decodeForm } from './form-decoder.ts';
import { partitionOf, withPartition } from './partition.ts';
import type { RequestAuthenticator } from './session-authenticator.ts';
import { encodeResult, type QueryService } from './xml-encoder.ts';

/** What the Query API needs from the composition root. */
export type QueryApiOptions = {
  /** The services handlers call, and the policy sources enforcement reads (IdentityServices has both). */
  services: QueryServices & AuthorizationIdentity;
  /** The clock of the request context's time keys (aws:CurrentTime); the system clock by default. */
  clock?: Clock;
  /** The long-term authenticator, or a SessionAuthenticator in front of it for temporary credentials. */
  authenticator: RequestAuthenticator;
  /** STS wiring (the service, managed session policies, RoleLastUsed); without it STS token actions answer InvalidAction. */
  sessions?: SessionSupport;
  /** Largest request body accepted, in bytes (bigger → InvalidParameterValue). */
  bodyLimit: number;
  /** Where unexpected failures are reported (fastify's per-request loggers are off: they cost on every request). */
  logger: { error(details: object, message: string): void };
};

const EMPTY = Buffer.alloc(0);

function send(reply: FastifyReply, status: number, body: string, requestId: string): FastifyReply {
  return reply.code(status).header('content-type', 'text/xml').header('x-amzn-RequestId', requestId).send(body);
}

/** True when the request carries any SigV4 material (header or presigned query). */
function isSigned(req: IncomingRequest, params: Map<string, string>): boolean {
  return req.headers['authorization'] !== undefined || params.has('X-Amz-Signature') || params.has('X-Amz-Credential');
}

/** Answers one Query request: decode, route, authenticate, dispatch, encode. Throws IamError on failure. */
async function answer(
  options: QueryApiOptions,
  authorization: QueryAuthorization,
  request: FastifyRequest,
  requestId: string,
  setService: (s: QueryService) => void,
): Promise<string> {
  const url = request.raw.url ?? '/';
  const q = url.indexOf('?');
  const body = Buffer.isBuffer(request.body) ? request.body : EMPTY;
  const req: IncomingRequest = {
    method: request.method,
    path: q < 0 ? url : url.slice(0, q),
    query: q < 0 ? '' : url.slice(q + 1),
    headers: request.headers,
    body,
  };
  const params = decodeForm(req.query);
  decodeForm(body, params);
  const action = params.get('Action');
  if (action !== undefined) setService(serviceOfAction(action));
  if (action !== undefined && UNSIGNED_ACTIONS.has(action) && !isSigned(req, params)) {
    // Unsigned STS federation calls: routed on Action alone; there is no caller, sts/ verifies the token.
    setService('sts');
    const version = params.get('Version');
    if (version === undefined) throw new IamError('MissingParameter', 'The request must contain the parameter Version.');
    const unsigned = version === VERSIONS.sts ? findUnsignedAction(action) : undefined;
    if (unsigned === undefined) throw new IamError('InvalidAction', `Could not find operation ${action} for version ${version}`);
    const requestKeys: Record<string, string> = { 'aws:SecureTransport': request.protocol === 'https' ? 'true' : 'false' };
    if (request.ip !== undefined) requestKeys['aws:SourceIp'] = request.ip;
    const output = await unsigned({ params, requestKeys, ...(options.sessions ? { sts: options.sessions.sts } : {}) });
    return encodeResult(action, 'sts', output, requestId);
  }
  const auth = await options.authenticator.authenticate(req);
  if (action === undefined || action === '') {
    throw new IamError('MissingAction', 'The request must contain the parameter Action.');
  }
  const service: QueryService | undefined = auth.service === 'iam' || auth.service === 'sts' ? auth.service : undefined;
  if (service === undefined) {
    throw new IamError(
      'SignatureDoesNotMatch',
      `Credential should be scoped to correct service: '${serviceOfAction(action)}'. `,
    );
  }
  setService(service);
  const version = params.get('Version');
  if (version === undefined) throw new IamError('MissingParameter', 'The request must contain the parameter Version.');
  const handler = version === VERSIONS[service] ? findAction(service, action) : undefined;
  if (handler === undefined) {
    throw new IamError('InvalidAction', `Could not find operation ${action} for version ${version}`);
  }
  const partition = partitionOf(auth.region);
  const arn = withPartition(auth.caller.arn, partition);
  // The resolved caller is immutable and shared: copied only when its ARN changes partition.
  const caller = arn === auth.caller.arn ? auth.caller : { ...auth.caller, arn };
  const ctx: RequestContext = { accountId: auth.accountId, partition, region: auth.region, requestId, caller };
  // Enforcement: every IAM and STS call is authorized before its handler runs (docs/enforcement.md).
  const transport = { sourceIp: request.ip, secure: request.protocol === 'https' };
  const checked = authorization.check(ctx, service, action, params, transport, auth.session);
  const services = checked instanceof Promise ? await checked : checked;
  // Assigned, not spread: conditional spreads cost more per request than the rest of building the call.
  const call: Writable<ActionCall> = { ctx, params, services };
  // Only STS (AssumeRole's trust decision) reads request keys; IAM requests skip building them.
  if (service === 'sts') call.requestKeys = stsRequestKeys(transport, auth.region);
  if (auth.session !== undefined) call.session = auth.session;
  const output = await handler(call);
  return encodeResult(action, service, output, requestId);
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** `aws:SecureTransport`, `aws:RequestedRegion` and `aws:SourceIp` (when known) for sts/. */
function stsRequestKeys(transport: TransportFacts, region: string): Record<string, string> {
  const keys: Record<string, string> = {
    'aws:SecureTransport': transport.secure ? 'true' : 'false',
    'aws:RequestedRegion': region,
  };
  if (transport.sourceIp !== undefined) keys['aws:SourceIp'] = transport.sourceIp;
  return keys;
}

/**
 * The raw HTTP answer to a request node could not even parse (bad Content-Length, garbage request line): an AWS
 * ErrorResponse rather than fastify's JSON, written straight to the socket, which is then closed.
 */
export function malformedHttpResponse(requestId: string): string {
  const { status, body } = errorResponse(
    new IamError('InvalidParameterValue', 'The request is not a well-formed HTTP request.'),
    'iam',
    requestId,
  );
  return (
    `HTTP/1.1 ${status} Bad Request\r\nContent-Type: text/xml\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
    `x-amzn-RequestId: ${requestId}\r\nConnection: close\r\n\r\n${body}`
  );
}

/**
 * Registers the AWS Query protocol for IAM and STS on `app`: POST form bodies and GET query strings on any path,
 * every body read as raw bytes (the signature covers them), XML answers, and one error handler that turns every
 * failure, including fastify's own (body too large, bad content length), into an AWS ErrorResponse.
 */
export function registerQueryApi(app: FastifyInstance, options: QueryApiOptions): void {
  const authorization = new QueryAuthorization(options.services, options.clock ?? systemClock, options.sessions);
  app.addHook('onClose', async () => authorization.close());
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: options.bodyLimit }, (_req, body, done) => {
    done(null, body);
  });

  const fail = (error: unknown, service: QueryService, requestId: string, reply: FastifyReply): void => {
    try {
      if (!(error instanceof IamError)) options.logger.error({ err: error, requestId }, 'query request failed');
      const rendered = errorResponse(error, service, requestId);
      send(reply, rendered.status, rendered.body, requestId);
    } catch (failure) {
      // What a throwing async handler did before: fastify's error handler (below) answers.
      reply.send(failure);
    }
  };
  // Not async, and returns nothing: fastify then waits for reply.send instead of chaining on a returned promise
  // (one microtask hop and fastify's thenable wrapper less per request).
  const handle = (request: FastifyRequest, reply: FastifyReply): void => {
    const requestId = request.id;
    let service: QueryService = 'iam';
    answer(options, authorization, request, requestId, (s) => {
      service = s;
    }).then(
      (xml) => {
        try {
          send(reply, 200, xml, requestId);
        } catch (error) {
          fail(error, service, requestId, reply);
        }
      },
      (error: unknown) => fail(error, service, requestId, reply),
    );
  };
  // '/' (what SDKs send) as a static route too: found faster than through the wildcard.
  app.post('/', handle);
  app.get('/', handle);
  app.post('/*', handle);
  app.get('/*', handle);

  app.setErrorHandler((error: { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    const failure =
      status === 413
        ? new IamError(
            'InvalidParameterValue',
            `The request body exceeds the maximum size of ${options.bodyLimit} bytes.`,
          )
        : status < 500
          ? new IamError(
              'InvalidParameterValue',
              `The request could not be read (${error.code ?? 'malformed request'}).`,
            )
          : error;
    if (status >= 500) options.logger.error({ err: error, requestId: request.id }, 'request failed');
    const rendered = errorResponse(failure, 'iam', request.id);
    return send(reply, rendered.status, rendered.body, request.id);
  });
  app.setNotFoundHandler((request, reply) => {
    const failure = new IamError('InvalidAction', `${request.method} requests are not supported; use POST or GET.`);
    const rendered = errorResponse(failure, 'iam', request.id);
    return send(reply, rendered.status, rendered.body, request.id);
  });
}
