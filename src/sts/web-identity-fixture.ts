import { type CryptoKey, exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';
import type { OidcFetch } from './oidc-fetch.ts';

/** A test OpenID Connect issuer (not a test file itself): its keys, its documents and a token signer. */
export class TestIssuer {
  readonly issuer: string;
  /** Every URL fetched, in order (to count discovery and JWKS fetches). */
  readonly fetched: string[] = [];
  /** When set, every fetch fails (issuer unreachable). */
  down = false;
  /** When set, the discovery document names this issuer instead (a document that is not the issuer's). */
  discoveryIssuer?: string;
  #keys: { kid: string; privateKey: CryptoKey; jwk: JWK }[] = [];

  private constructor(issuer: string) {
    this.issuer = issuer;
  }

  /** An issuer with one RS256 key `k1`. */
  static async create(issuer = 'https://issuer.example.com'): Promise<TestIssuer> {
    const i = new TestIssuer(issuer);
    await i.addKey('k1');
    return i;
  }

  /** Publishes one more key (key rotation). */
  async addKey(kid: string): Promise<void> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    this.#keys.push({ kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } });
  }

  /** The discovery document. */
  discovery(): object {
    return { issuer: this.discoveryIssuer ?? this.issuer, jwks_uri: `${this.issuer}/jwks`, id_token_signing_alg_values_supported: ['RS256'] };
  }

  /** The JWKS document. */
  jwks(): object {
    return { keys: this.#keys.map((k) => k.jwk) };
  }

  /** An in-process fetcher serving the two documents. */
  readonly fetch: OidcFetch = async (url) => {
    this.fetched.push(url);
    if (this.down) throw new Error('connection refused');
    if (url === `${this.issuer}/.well-known/openid-configuration`) return this.discovery();
    if (url === `${this.issuer}/jwks`) return this.jwks();
    throw new Error(`404 ${url}`);
  };

  /**
   * A signed token: `iss` this issuer, `aud`/`sub` given, `iat` = `now`, `exp` = now + 10 minutes unless set;
   * `kid` chooses the key (default the first) and `signWith` another private key (a forged signature).
   */
  async token(
    claims: JWTPayload,
    now: Date,
    options: { kid?: string; signWith?: CryptoKey; expiresIn?: number } = {},
  ): Promise<string> {
    const key = this.#keys.find((k) => k.kid === (options.kid ?? this.#keys[0]!.kid)) ?? this.#keys[0]!;
    const t = Math.floor(now.getTime() / 1000);
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? key.kid, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setIssuedAt(t)
      .setExpirationTime(t + (options.expiresIn ?? 600))
      .sign(options.signWith ?? key.privateKey);
  }
}
