import type { Caller, CredentialResolver } from '../../identity/index.ts';
import { type IamErrorCode, IamError, type Clock } from '../../shared/index.ts';
import {
  type IncomingRequest,
  type SigV4FailureCode,
  SigningKeyCache,
  parseSignature,
  verifySignature,
} from '../../sigv4/index.ts';

/** How each verifier failure is answered (the verifier's codes are plain strings; ours are a closed union). */
const FAILURE_CODES = {
  MissingAuthenticationToken: 'MissingAuthenticationToken',
  IncompleteSignature: 'IncompleteSignature',
  InvalidSignatureAlgorithm: 'IncompleteSignature',
  SignatureDoesNotMatch: 'SignatureDoesNotMatch',
  RequestExpired: 'RequestExpired',
  XAmzContentSHA256Mismatch: 'SignatureDoesNotMatch',
  InvalidClientTokenId: 'InvalidClientTokenId',
} as const satisfies Record<SigV4FailureCode, IamErrorCode>;

/** AWS's wording (IAM and STS) for an unknown or inactive access key. */
const INVALID_TOKEN = 'The security token included in the request is invalid.';

/** Who signed a request, as far as the Query API needs it. */
export type Authenticated = {
  accountId: string;
  caller: Caller;
  /** Credential-scope region and service, as the client signed them. */
  region: string;
  service: string;
};

/** Options of the authenticator. `devAccountId` turns on dev mode's acceptance of unknown keys. */
export type AuthenticatorOptions = {
  credentials: CredentialResolver;
  clock: Clock;
  /** Dev mode: requests signed with a key iamd does not know are the root user of this account. */
  devAccountId?: string;
};

/**
 * SigV4 authentication of Query requests: parse, look the key up (memory only: the resolver caches), verify with a
 * cached signing key, record the key's use. Throws IamError with AWS's code and wording on any failure.
 */
export class Authenticator {
  readonly #credentials: CredentialResolver;
  readonly #clock: Clock;
  readonly #devAccountId: string | undefined;
  readonly #keyCache = new SigningKeyCache();

  constructor(options: AuthenticatorOptions) {
    this.#credentials = options.credentials;
    this.#clock = options.clock;
    this.#devAccountId = options.devAccountId;
  }

  /** Authenticates `req`; the result names the account and caller the request acts as. */
  async authenticate(req: IncomingRequest): Promise<Authenticated> {
    const parsed = parseSignature(req);
    if ('ok' in parsed) throw new IamError(FAILURE_CODES[parsed.code], parsed.message);
    const { accessKeyId, region, service } = parsed;
    const credential = await this.#credentials.resolve(accessKeyId);
    if (credential === undefined) {
      if (this.#devAccountId === undefined) throw new IamError('InvalidClientTokenId', INVALID_TOKEN);
      // Dev mode: an unknown key is the default account's root user; its signature is not checked.
      const accountId = this.#devAccountId;
      return { accountId, region, service, caller: rootCaller(accountId) };
    }
    if (credential.status !== 'Active') throw new IamError('InvalidClientTokenId', INVALID_TOKEN);
    const now = this.#clock.now();
    // The resolved credential is immutable and cached: as the secret's owner it spares a fingerprint hash per request.
    const verified = verifySignature(req, parsed, credential.secretAccessKey, {
      now,
      keyCache: this.#keyCache,
      secretOwner: credential,
    });
    if (!verified.ok) throw new IamError(FAILURE_CODES[verified.code], verified.message);
    this.#credentials.recordUse(accessKeyId, { service, region, at: now });
    return { accountId: credential.accountId, region, service, caller: credential.caller };
  }
}

/** The root user of an account as a caller. */
export function rootCaller(accountId: string): Caller {
  return { type: 'root', accountId, arn: `arn:aws:iam::${accountId}:root`, userId: accountId };
}
