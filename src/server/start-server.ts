import Fastify, { type FastifyInstance } from 'fastify';
import { type Logger, pino } from 'pino';
import {
  Authenticator,
  malformedHttpResponse,
  registerAuthzApi,
  registerConsoleApi,
  registerOpsRoutes,
  registerQueryApi,
  SessionAuthenticator,
} from '../api/index.ts';
import type { DefaultAccount, IdentityServices, RootCredentials } from '../identity/index.ts';
import { type Clock, newRequestId, systemClock } from '../shared/index.ts';
import {
  type AuthorizationMessageCodec,
  createOidcFetch,
  issuerRewrite,
  createStsService,
  JwksCache,
  type OidcFetch,
  type SessionTokenCodec,
} from '../sts/index.ts';
import { openIdentity } from './open-identity.ts';
import { readRootCredentials, writeRootCredentials } from './root-credentials-file.ts';
import type { ServerConfig } from './server-config.ts';

/** Largest Query request body (bytes): far above any IAM input (policy documents are at most 10 KiB). */
export const BODY_LIMIT = 1024 * 1024;

/** A running iamd. */
export type RunningServer = {
  /** `http://host:port`, with the port actually bound (config port 0 → a free one). */
  url: string;
  accountId: string;
  /** The default account's root credentials when iamd knows them (configured, generated, or from the file). */
  rootCredentials?: RootCredentials;
  services: IdentityServices;
  storeKind: 'sqlite' | 'postgres';
  close(): Promise<void>;
};

/** Options that tests and embedders pass; production uses the defaults. */
export type StartOptions = {
  clock?: Clock;
  logger?: Logger;
  /** Fetches OpenID Connect issuers' discovery documents and JWKS (default: https only, see sts createOidcFetch). */
  oidcFetch?: OidcFetch;
};

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`: never a password in a log. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * Makes sure the default account exists and finds its root credentials: the configured ones, the ones generated
 * just now (written once to `<dataDir>/root-credentials.json`, 0600), or the ones that file holds from before.
 */
async function ensureDefaultAccount(
  config: ServerConfig,
  services: IdentityServices,
): Promise<{ defaults: DefaultAccount; rootCredentials?: RootCredentials; note: string }> {
  const configured =
    config.rootAccessKeyId && config.rootSecretAccessKey
      ? { accessKeyId: config.rootAccessKeyId, secretAccessKey: config.rootSecretAccessKey }
      : undefined;
  const rootLogin = {
    ...(config.rootEmail !== undefined ? { rootEmail: config.rootEmail } : {}),
    ...(config.rootPassword !== undefined ? { rootPassword: config.rootPassword } : {}),
  };
  const ensured = await services.accounts.ensureDefaultAccount({
    accountId: config.accountId,
    rootAccessKeyId: configured?.accessKeyId,
    rootSecretAccessKey: configured?.secretAccessKey,
    ...rootLogin,
  });
  let rootCredentials = configured;
  let note = configured ? 'from IAMD_ROOT_ACCESS_KEY_ID' : 'generated at first start';
  if (!configured && ensured.created && ensured.rootCredentials) {
    rootCredentials = ensured.rootCredentials;
    const file = await writeRootCredentials(config.dataDir, { accountId: config.accountId, ...rootCredentials });
    note = `generated; secret written to ${file}`;
  }
  rootCredentials ??= await readRootCredentials(config.dataDir, config.accountId);
  // Dev-mode reset re-creates the account with these, so the credentials in use keep working.
  const defaults: DefaultAccount = {
    accountId: config.accountId,
    rootAccessKeyId: rootCredentials?.accessKeyId,
    rootSecretAccessKey: rootCredentials?.secretAccessKey,
    ...rootLogin,
  };
  return { defaults, rootCredentials, note };
}

/** The fastify app: operational routes, then the Query API (which answers every other path). */
function buildApp(
  config: ServerConfig,
  deps: {
    services: IdentityServices;
    clock: Clock;
    log: Logger;
    defaults: DefaultAccount;
    storeKind: string;
    sessionTokens: SessionTokenCodec;
    authorizationMessages: AuthorizationMessageCodec;
    webIdentityKeys: JwksCache;
  },
): FastifyInstance {
  const { services, log } = deps;
  const app = Fastify({
    // No fastify logger: it would build a child logger for every request. Failures are logged by api/ itself.
    logger: false,
    genReqId: () => newRequestId(),
    // aws:SourceIp is the socket address unless a trusted proxy is configured (IAMD_TRUST_PROXY).
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    bodyLimit: BODY_LIMIT,
    return503OnClosing: true,
    clientErrorHandler: (_error, socket) => {
      if (socket.writable) socket.end(malformedHttpResponse(newRequestId()));
      else socket.destroy();
    },
  });
  registerOpsRoutes(app, {
    ready: async () => (await services.accounts.listAccounts()).length > 0,
    info: { mode: config.dev ? 'dev' : 'standard', store: deps.storeKind, accountId: config.accountId },
    reset: config.dev
      ? async () => {
          await services.accounts.reset(deps.defaults);
          log.warn({ accountId: config.accountId }, 'dev mode: all state wiped back to a fresh default account');
        }
      : undefined,
  });
  const sts = createStsService({
    roles: services.roles,
    policies: services.policies,
    managedPolicies: services.managedPolicies,
    tokens: deps.sessionTokens,
    clock: deps.clock,
    mfa: services.mfa,
    messages: deps.authorizationMessages,
    oidcProviders: services.oidcProviders,
    webIdentityKeys: deps.webIdentityKeys,
  });
  registerAuthzApi(app, {
    services,
    clock: deps.clock,
    bodyLimit: BODY_LIMIT,
    logger: log,
    sessions: { sts, managedPolicies: services.managedPolicies, roleUsage: services.roleUsage },
    ...(config.dev ? { devAccountId: config.accountId } : {}),
  });
  registerConsoleApi(app, { signIn: services.signIn, tokens: deps.sessionTokens, clock: deps.clock, logger: log });
  const longTerm = new Authenticator({
    credentials: services.credentials,
    clock: deps.clock,
    devAccountId: config.dev ? config.accountId : undefined,
  });
  registerQueryApi(app, {
    services,
    authenticator: new SessionAuthenticator({ longTerm, sts, clock: deps.clock }),
    sessions: { sts, managedPolicies: services.managedPolicies, roleUsage: services.roleUsage },
    bodyLimit: BODY_LIMIT,
    logger: log,
    clock: deps.clock,
  });
  return app;
}

/**
 * The composition root: opens the store (migrating it), wires the identity services, makes sure the default
 * account exists, and serves the Query API with fastify. Closing stops the listener (requests in flight finish),
 * waits for background last-used writes, then closes the store.
 */
/** Fetches issuers over https; in dev mode IAMD_OIDC_ISSUER_MAP may send chosen issuers to local URLs. */
function issuerFetch(config: ServerConfig): OidcFetch {
  return createOidcFetch(config.oidcIssuerMap === undefined ? {} : { rewrite: issuerRewrite(config.oidcIssuerMap) });
}

export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const clock = options.clock ?? systemClock;
  const log = options.logger ?? pino({ level: config.logLevel, name: 'iamd' });
  const identity = await openIdentity(config, { clock, logger: log, watch: { pollMs: config.cachePollMs } });
  const { services, storeKind } = identity;
  let app: FastifyInstance | undefined;
  try {
    const { defaults, rootCredentials, note } = await ensureDefaultAccount(config, services);
    const running = buildApp(config, {
      services,
      clock,
      log,
      defaults,
      storeKind,
      sessionTokens: identity.sessionTokens,
      authorizationMessages: identity.authorizationMessages,
      webIdentityKeys: new JwksCache({ fetchJson: options.oidcFetch ?? issuerFetch(config), clock }),
    });
    app = running;
    const url = (await running.listen({ host: config.host, port: config.port })).replace('[::1]', 'localhost');
    const mode = config.dev ? 'dev' : 'standard';
    log.info(
      {
        url,
        mode,
        store: storeKind,
        database: config.databaseUrl ? redactUrl(config.databaseUrl) : `${config.dataDir}/iamd.sqlite`,
        dataDir: config.dataDir,
        masterKey: identity.masterKeySource,
        accountId: config.accountId,
        rootAccessKeyId: rootCredentials?.accessKeyId ?? '(see the credentials file written at first start)',
        rootCredentials: note,
      },
      `iamd listening on ${url} (${mode} mode${config.dev ? ': unknown access keys act as the root user' : ''})`,
    );
    return {
      url,
      accountId: config.accountId,
      rootCredentials,
      services,
      storeKind,
      close: async () => {
        await running.close();
        // Last-used records are written in the background: let them land before the store closes.
        await services.credentials.flush();
        await services.roleUsage.flush();
        await identity.close();
      },
    };
  } catch (error) {
    // A failed start (port taken, bad store) leaves nothing open behind it.
    await app?.close().catch(() => undefined);
    await identity.close();
    throw error;
  }
}
