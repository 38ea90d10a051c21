import type { SessionFacts, StsService } from '../../sts/index.ts';
import { callerOfSession } from '../../sts/index.ts';
import { type Clock, IamError } from '../../shared/index.ts';
import {
  type IncomingRequest,
  parseSignature,
  type SigV4FailureCode,
  SigningKeyCache,
  verifySignature,
} from '../../sigv4/index.ts';
import type { Authenticated } from './authenticator.ts';

/** Who signed a request, plus the session's facts when it was signed with temporary credentials. */
export type AuthenticatedRequest = Authenticated & { readonly session?: SessionFacts };

/** What the Query API authenticates with. */
export interface RequestAuthenticator {
  authenticate(req: IncomingRequest): Promise<AuthenticatedRequest>;
}

const FAILURE_CODES = {
  MissingAuthenticationToken: 'MissingAuthenticationToken',
  IncompleteSignature: 'IncompleteSignature',
  InvalidSignatureAlgorithm: 'IncompleteSignature',
  SignatureDoesNotMatch: 'SignatureDoesNotMatch',
  RequestExpired: 'RequestExpired',
  XAmzContentSHA256Mismatch: 'SignatureDoesNotMatch',
  InvalidClientTokenId: 'InvalidClientTokenId',
} as const satisfies Record<SigV4FailureCode, string>;

/** True when the request carries a session token (header, or a presigned URL's query). */
export function carriesSessionToken(req: IncomingRequest): boolean {
  return req.headers['x-amz-security-token'] !== undefined || /(?:^|&)X-Amz-Security-Token=/.test(req.query);
}

/**
 * SigV4 with temporary credentials in front of the long-term authenticator: a request carrying
 * `x-amz-security-token` has its token opened (no database read: the token carries the session, sealed under the
 * master key), then its signature verified with the session's secret. A malformed, tampered or foreign token is
 * `InvalidClientTokenId`; an expired one `ExpiredToken`. Every other request goes to `longTerm`.
 */
export class SessionAuthenticator implements RequestAuthenticator {
  readonly #longTerm: RequestAuthenticator;
  readonly #sts: Pick<StsService, 'openSessionToken'>;
  readonly #clock: Clock;
  readonly #keyCache = new SigningKeyCache();

  constructor(options: {
    longTerm: RequestAuthenticator;
    sts: Pick<StsService, 'openSessionToken'>;
    clock: Clock;
  }) {
    this.#longTerm = options.longTerm;
    this.#sts = options.sts;
    this.#clock = options.clock;
  }

  authenticate(req: IncomingRequest): Promise<AuthenticatedRequest> {
    // Not async: handing the long-term authenticator's promise on as it is spares the microtask hops of wrapping it.
    if (!carriesSessionToken(req)) return this.#longTerm.authenticate(req);
    return this.#authenticateSession(req);
  }

  async #authenticateSession(req: IncomingRequest): Promise<AuthenticatedRequest> {
    const parsed = parseSignature(req);
    if ('ok' in parsed) throw new IamError(FAILURE_CODES[parsed.code], parsed.message);
    const { accessKeyId, region, service } = parsed;
    // parseSignature read the token from the header or the presigned query.
    const facts = this.#sts.openSessionToken(parsed.securityToken ?? '', accessKeyId);
    const verified = verifySignature(req, parsed, facts.secretAccessKey, {
      now: this.#clock.now(),
      keyCache: this.#keyCache,
      secretOwner: facts,
    });
    if (!verified.ok) throw new IamError(FAILURE_CODES[verified.code], verified.message);
    return { accountId: facts.accountId, region, service, caller: callerOfSession(facts), session: facts };
  }
}
