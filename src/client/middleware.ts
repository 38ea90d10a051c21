import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createAuthorizeGate, type GateOptions, type IamdVerdict } from './authorize-gate.ts';

/** An express-style request: node's request, maybe with a body a body parser read (a Buffer is hashed). */
export type ExpressLikeRequest = IncomingMessage & { body?: unknown; iamd?: IamdVerdict };

/**
 * An express-compatible middleware `(req, res, next)`: asks iamd about the request, sets `req.iamd` (principal,
 * decision, reasons) and calls `next()` on Allow, and otherwise answers with an S3-style XML error.
 */
export function iamdMiddleware(
  options: GateOptions<ExpressLikeRequest>,
): (req: ExpressLikeRequest, res: ServerResponse, next: (error?: unknown) => void) => void {
  const gate = createAuthorizeGate(options);
  return (req, res, next) => {
    gate(req, req, req.body).then(
      (result) => {
        if (result.ok) {
          req.iamd = result.verdict;
          next();
          return;
        }
        res.statusCode = result.status;
        res.setHeader('content-type', result.contentType);
        res.end(result.body);
      },
      (error: unknown) => next(error),
    );
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the iamd hook when the request was allowed: the principal and iamd's full answer. */
    iamd: IamdVerdict | null;
  }
}

/**
 * The fastify form: adds a `preHandler` hook to `app` (call it inside the scope whose routes it should guard) that
 * asks iamd once the body is parsed, sets `request.iamd` on Allow, and otherwise replies with S3-style XML.
 */
export function registerIamdFastify(app: FastifyInstance, options: GateOptions<FastifyRequest>): void {
  const gate = createAuthorizeGate(options);
  if (!app.hasRequestDecorator('iamd')) app.decorateRequest('iamd', null);
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const result = await gate(request, request.raw, request.body);
    if (result.ok) {
      request.iamd = result.verdict;
      return;
    }
    await reply.code(result.status).header('content-type', result.contentType).send(result.body);
    return reply;
  });
}
