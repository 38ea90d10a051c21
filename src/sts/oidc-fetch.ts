import { IamError } from '../shared/index.ts';

/**
 * Fetches a JSON document from an OpenID Connect issuer (its discovery document, then its JWKS). Injected so tests
 * and embedders can serve an issuer locally; failures throw anything, the verifier turns them into
 * IDPCommunicationError.
 */
export type OidcFetch = (url: string) => Promise<unknown>;

/** Options of the default fetcher. */
export interface OidcFetchOptions {
  /** Per-request timeout (default 5 s). */
  readonly timeoutMs?: number;
  /** Largest document accepted (default 512 KiB). */
  readonly maxBytes?: number;
  /**
   * Maps an https issuer URL to where it is really served, for development only (for example
   * `https://issuer.test` → `http://127.0.0.1:9000`); the mapped URL may be plain http.
   */
  readonly rewrite?: (url: string) => string;
}

/** The production fetcher: https only (unless `rewrite` maps a URL elsewhere), no redirects, bounded size and time. */
export function createOidcFetch(options: OidcFetchOptions = {}): OidcFetch {
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxBytes = options.maxBytes ?? 512 * 1024;
  return async (url: string) => {
    if (!url.startsWith('https://')) throw new Error(`refusing to fetch ${url}: issuers are served over https`);
    const target = options.rewrite ? options.rewrite(url) : url;
    const res = await fetch(target, {
      headers: { accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}`);
    const declared = Number(res.headers.get('content-length') ?? '0');
    if (declared > maxBytes) throw new Error(`${url} is larger than ${maxBytes} bytes`);
    const text = await res.text();
    if (Buffer.byteLength(text) > maxBytes) throw new Error(`${url} is larger than ${maxBytes} bytes`);
    return JSON.parse(text) as unknown;
  };
}

/**
 * A rewrite for development: `https://ISSUER=http://HOST:PORT` pairs separated by commas. Longest prefix wins;
 * anything else is fetched as is. Throws on a malformed pair.
 */
export function issuerRewrite(spec: string): (url: string) => string {
  const pairs = spec
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => {
      const i = p.indexOf('=');
      const from = p.slice(0, i);
      const to = p.slice(i + 1);
      if (i < 0 || !from.startsWith('https://') || !/^https?:\/\//.test(to))
        throw new IamError('InvalidParameterValue', `issuer mapping '${p}' must look like https://issuer=http://host:port`);
      return [from.replace(/\/+$/, ''), to.replace(/\/+$/, '')] as const;
    })
    .sort((a, b) => b[0].length - a[0].length);
  return (url) => {
    for (const [from, to] of pairs) if (url === from || url.startsWith(`${from}/`)) return to + url.slice(from.length);
    return url;
  };
}
