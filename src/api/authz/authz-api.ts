import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type AuthorizationIdentity, createAuthorizer } from '../../authorization/index.ts';
import type { Caller, CredentialResolver, SecurityStatusService } from '../../identity/index.ts';
import { simulate } from '../../policy/index.ts';
import type { Clock } from '../../shared/index.ts';
import { type IncomingRequest, SigningKeyCache } from '../../sigv4/index.ts';
import { Authenticator } from '../query/authenticator.ts';
import type { SessionSupport } from '../query/authorization-hook.ts';
import { type RequestAuthenticator, SessionAuthenticator } from '../query/session-authenticator.ts';
import type { SessionFacts } from '../../sts/index.ts';
import { AuthzError, badInput, errorReply } from './authz-error.ts';
import { decodeAuthorize, decodeAuthorizeBatch } from './authorize-input.ts';
import { AUTHORIZE_ACTION, AuthorizeService, SECURITY_STATUS_ACTION } from './authorize-service.ts';
import { AUTHZ_OPENAPI } from './openapi.ts';
import { PrincipalResolver } from './principal-resolver.ts';
import { PolicySets } from './policy-sets.ts';

/** What the authorize API asks of the server. */
export type AuthzApiOptions = {
  services: { credentials: CredentialResolver; security: SecurityStatusService } & AuthorizationIdentity;
  clock: Clock;
  bodyLimit: number;
  /** Dev mode: API callers signing with an unknown key act as this account's root (as on the Query API). */
  devAccountId?: string;
  /** Unexpected failures are logged here (never secrets). */
  logger?: { error(object: object, message: string): void };
  /**
   * Temporary credentials (STS): with it, API callers and forwarded requests may sign with `ASIA…` keys plus
   * `x-amz-security-token`; without it every session token is refused as invalid.
   */
  sessions?: SessionSupport;
};

/** The service name API callers sign for. */
export const AUTHZ_SIGNING_SERVICE = 'iamd';

// The authorizer's principal cache is the only part used here; the IAM action catalog is never consulted.
const NO_CATALOG = { action: () => undefined, resourceType: () => undefined };

/** The raw request as the verifier needs it. */
function incoming(request: FastifyRequest, body: Buffer): IncomingRequest {
  const url = request.raw.url ?? '/';
  const cut = url.indexOf('?');
  return {
    method: request.method,
    path: cut < 0 ? url : url.slice(0, cut),
    query: cut < 0 ? '' : url.slice(cut + 1),
    headers: request.headers,
    body,
  };
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw badInput('The request body is not valid JSON.');
  }
}

/**
 * `POST /v1/authorize`, `POST /v1/authorize/batch`, `POST /v1/simulate`, `POST /v1/security/status` (the
 * caller's own account, action `iamd:GetSecurityStatus`) and `GET /v1/openapi.json`. Each POST is
 * signed with SigV4 for service `iamd` (any region) by an iamd principal allowed `iamd:Authorize`; bodies are read
 * raw so the caller's signature covers exactly the bytes received. Errors are `{ error: { code, message, subject,
 * requestId } }`; `subject` says whether the forwarded request (`request`) or the API caller (`caller`) failed.
 */
export function registerAuthzApi(app: FastifyInstance, options: AuthzApiOptions): void {
  const { services, clock } = options;
  const authorizer = createAuthorizer({ identity: services, clock, catalog: NO_CATALOG });
  const keyCache = new SigningKeyCache();
  const sessions = options.sessions;
  const resolver = new PrincipalResolver(authorizer.core.cache, sessions?.managedPolicies);
  const onSessionUse = roleUseRecorder(sessions, clock);
  const service = new AuthorizeService({
    credentials: services.credentials,
    clock,
    keyCache,
    resolver,
    policySets: new PolicySets(),
    ...(sessions !== undefined ? { sts: sessions.sts, onSessionUse } : {}),
  });
  const longTerm = new Authenticator({
    credentials: services.credentials,
    clock,
    ...(options.devAccountId !== undefined ? { devAccountId: options.devAccountId } : {}),
  });
  // The same authenticator as the Query API's: a session token is opened and checked before the long-term path.
  const authenticator: RequestAuthenticator =
    sessions === undefined ? longTerm : new SessionAuthenticator({ longTerm, sts: sessions.sts, clock });
  app.addHook('onClose', async () => authorizer.close());

  /** Authenticates the API caller, checks `action` (iamd:Authorize by default), then runs `work` on the JSON body. */
  const route =
    (work: (body: unknown, caller: Caller) => unknown, action = AUTHORIZE_ACTION) =>
    async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      try {
        const who = await authenticator.authenticate(incoming(request, raw));
        if (who.service !== AUTHZ_SIGNING_SERVICE) {
          throw new AuthzError(
            'SignatureDoesNotMatch',
            403,
            `Credential should be scoped to correct service: '${AUTHZ_SIGNING_SERVICE}'.`,
          );
        }
        if (who.session !== undefined) onSessionUse(who.session, who.region);
        const caller =
          who.session === undefined
            ? await resolver.ofCaller(who.caller)
            : await resolver.ofSession(who.session, clock.now());
        service.requirePermission(caller, action);
        const out = await work(parseJson(raw), who.caller);
        await reply.code(200).header('content-type', 'application/json').send(JSON.stringify(out));
      } catch (error) {
        const { status, body } = errorReply(error, request.id);
        if (status >= 500) options.logger?.error({ err: error, requestId: request.id }, 'authorize API failure');
        await reply.code(status).header('content-type', 'application/json').send(JSON.stringify(body));
      }
    };

  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: options.bodyLimit }, (_req, body, done) =>
      done(null, body),
    );
    scope.get('/v1/openapi.json', async (_request, reply) =>
      reply.header('content-type', 'application/json').send(AUTHZ_OPENAPI),
    );
    scope.post(
      '/v1/authorize',
      route((body) => service.authorize(decodeAuthorize(body))),
    );
    scope.post(
      '/v1/authorize/batch',
      route((body) => service.authorizeBatch(decodeAuthorizeBatch(body))),
    );
    scope.post(
      '/v1/security/status',
      route((_body, caller) => services.security.securityStatus(caller.accountId, clock.now()), SECURITY_STATUS_ACTION),
    );
    scope.post(
      '/v1/simulate',
      route((body) => {
        const result = simulate(body);
        if (!result.ok) throw badInput(result.errors.map((e) => `${e.path || '(scenario)'}: ${e.message}`).join('; '));
        return result;
      }),
    );
  });
}

/**
 * RoleLastUsed for role sessions seen here (as API callers or in forwarded requests): at most one write a minute
 * per role, in the background, like the Query API's.
 */
function roleUseRecorder(
  sessions: SessionSupport | undefined,
  clock: Clock,
): (facts: SessionFacts, region: string) => void {
  const last = new Map<string, number>();
  return (facts, region) => {
    const p = facts.principal;
    if (p.kind !== 'role-session' || sessions?.roleUsage === undefined) return;
    const now = clock.now();
    const previous = last.get(p.roleId);
    if (previous !== undefined && now.getTime() - previous < 60_000) return;
    if (last.size > 10_000) last.clear();
    last.set(p.roleId, now.getTime());
    sessions.roleUsage.recordUse(p.roleId, { at: now, region });
  };
}
