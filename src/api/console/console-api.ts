import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SIGN_IN_FAILED, type SignInService } from '../../identity/index.ts';
import type { Clock } from '../../shared/index.ts';
import type { SessionTokenCodec } from '../../sts/index.ts';
import { ConsoleError, consoleErrorReply } from './console-error.ts';
import { CONSOLE_SESSION_SECONDS, consoleSession } from './console-session.ts';
import { decodeSignIn } from './sign-in-input.ts';

/** What the console API asks of the server. */
export type ConsoleApiOptions = {
  signIn: SignInService;
  tokens: SessionTokenCodec;
  clock: Clock;
  /** Session lifetime in seconds (default {@link CONSOLE_SESSION_SECONDS}). */
  sessionSeconds?: number;
  /** Successes are recorded here (failures are logged by the sign-in service with their reason); never secrets. */
  logger?: { info(object: object, message: string): void; error(object: object, message: string): void };
};

/** Largest sign-in body: a few short strings. */
const BODY_LIMIT = 8 * 1024;

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new ConsoleError('ValidationError', 400, 'The request body is not valid JSON.');
  }
}

/**
 * `POST /v1/sign-in` for the web console: unsigned JSON in, a short session out. An IAM user sends `{ account,
 * userName, password, mfaCode? }`, the root user `{ email, password, mfaCode? }`; `newPassword` changes the password
 * first (required when it expired or must be reset). Success: `{ accountId, arn, principalType, mfaAuthenticated,
 * passwordChanged, credentials: { accessKeyId, secretAccessKey, sessionToken, expiration } }`, never cached.
 */
export function registerConsoleApi(app: FastifyInstance, options: ConsoleApiOptions): void {
  const seconds = options.sessionSeconds ?? CONSOLE_SESSION_SECONDS;

  async function signIn(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const send = (status: number, body: unknown) =>
      reply.code(status).header('content-type', 'application/json').header('cache-control', 'no-store').send(JSON.stringify(body));
    try {
      const result = await options.signIn.signIn(decodeSignIn(parseJson(raw), request.ip));
      if (result.status === 'password-change-required') {
        throw new ConsoleError(
          'PasswordChangeRequired',
          403,
          'Your password has expired or must be reset. Sign in again with newPassword set to a new password.',
        );
      }
      const credentials = consoleSession(result, options.clock.now(), options.tokens, seconds);
      const arn = result.principal.kind === 'user' ? result.principal.userArn : `arn:${result.partition}:iam::${result.accountId}:root`;
      options.logger?.info(
        { accountId: result.accountId, arn, sourceIp: request.ip, mfa: result.mfaAuthenticatedAt !== undefined, requestId: request.id },
        'console sign-in succeeded',
      );
      await send(200, {
        accountId: result.accountId,
        arn,
        principalType: result.principal.kind,
        mfaAuthenticated: result.mfaAuthenticatedAt !== undefined,
        passwordChanged: result.passwordChanged,
        credentials: {
          accessKeyId: credentials.AccessKeyId,
          secretAccessKey: credentials.SecretAccessKey,
          sessionToken: credentials.SessionToken,
          expiration: credentials.Expiration.toISOString(),
        },
      });
    } catch (error) {
      const { status, body } = consoleErrorReply(error, request.id, SIGN_IN_FAILED);
      if (status >= 500) options.logger?.error({ err: error, requestId: request.id }, 'console sign-in failure');
      await send(status, body);
    }
  }

  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, body, done) => done(null, body));
    // Fastify's own failures (body too large, bad content length) get the same JSON envelope.
    scope.setErrorHandler(async (error: { statusCode?: number; message: string }, request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      const message = status === 413 ? `The request body is larger than ${BODY_LIMIT} bytes.` : 'The request could not be read.';
      const code = status >= 500 ? 'InternalFailure' : 'ValidationError';
      await reply.code(status).header('content-type', 'application/json')
        .send(JSON.stringify({ error: { code, message, subject: 'caller', requestId: request.id } }));
    });
    scope.post('/v1/sign-in', signIn);
  });
}
