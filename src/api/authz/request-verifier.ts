import type { CredentialResolver } from '../../identity/index.ts';
import type { Clock } from '../../shared/index.ts';
import { type IncomingRequest, parseSignature, type SigningKeyCache, verifySignature } from '../../sigv4/index.ts';
import { AuthzError, invalidSessionToken, requestFailure, unknownAccessKey } from './authz-error.ts';
import type { PrincipalResolver, ResolvedPrincipal } from './principal-resolver.ts';

/** What the signature said besides who signed: the facts request context keys come from. */
export type SignatureFacts = {
  readonly region: string;
  readonly service: string;
  readonly presigned: boolean;
  readonly accessKeyId: string;
  /** The x-amz-content-sha256 header as sent, if any. */
  readonly contentSha256?: string;
};

/** A verified forwarded request: its principal (anonymous when unsigned) and, when signed, the signature's facts. */
export type VerifiedRequest = { readonly resolved: ResolvedPrincipal; readonly signature?: SignatureFacts };

/** What verification needs: memory-only lookups, the clock, and one signing-key cache per server. */
export type RequestVerifierDeps = {
  readonly credentials: CredentialResolver;
  readonly clock: Clock;
  readonly keyCache: SigningKeyCache;
  readonly resolver: PrincipalResolver;
};

const S3_SCOPE = /\/\d{8}\/[^/]+\/s3\/aws4_request/;

/** Whether a request that failed to parse was meant for S3 (to pick S3's error names). */
function scopedToS3(req: IncomingRequest): boolean {
  const auth = req.headers.authorization;
  if (typeof auth === 'string') return S3_SCOPE.test(auth);
  try {
    return S3_SCOPE.test(decodeURIComponent(req.query.slice(0, 4096)));
  } catch {
    return false;
  }
}

/**
 * Verifies a request the platform received, on the platform's behalf: SigV4 with S3's rules when the credential
 * scope names `s3` (path not encoded twice, UNSIGNED-PAYLOAD and STREAMING-* accepted), the usual rules otherwise.
 * A request with no signature at all is anonymous; only a resource policy naming `"Principal": "*"` can allow it.
 * Throws AuthzError (subject `request`) with the code the platform should answer with.
 */
export async function verifyForwardedRequest(
  req: IncomingRequest,
  deps: RequestVerifierDeps,
): Promise<VerifiedRequest> {
  const parsed = parseSignature(req);
  if ('ok' in parsed) {
    if (parsed.code === 'MissingAuthenticationToken') return { resolved: deps.resolver.anonymous() };
    throw requestFailure(parsed, scopedToS3(req));
  }
  const s3 = parsed.service === 's3';
  // Session credentials are not wired to the verifier yet: a token iamd cannot open is invalid, never ignored.
  if (parsed.securityToken !== undefined) throw invalidSessionToken(s3);
  const credential = await deps.credentials.resolve(parsed.accessKeyId);
  if (credential === undefined || credential.status !== 'Active') throw unknownAccessKey(s3);
  const now = deps.clock.now();
  const verified = verifySignature(req, parsed, credential.secretAccessKey, {
    now,
    keyCache: deps.keyCache,
    uriEscapePath: !s3,
    allowUnsignedPayload: s3,
  });
  if (!verified.ok) throw requestFailure(verified, s3);
  deps.credentials.recordUse(parsed.accessKeyId, { service: parsed.service, region: parsed.region, at: now });
  const declared = req.headers['x-amz-content-sha256'];
  // A user deleted since its key was read is, to the client, a key that no longer exists.
  const resolved = await deps.resolver.ofCaller(credential.caller).catch((error: unknown) => {
    throw error instanceof AuthzError && error.code === 'NoSuchEntity' ? unknownAccessKey(s3) : error;
  });
  return {
    resolved,
    signature: {
      region: parsed.region,
      service: parsed.service,
      presigned: parsed.presigned,
      accessKeyId: parsed.accessKeyId,
      ...(typeof declared === 'string' ? { contentSha256: declared } : {}),
    },
  };
}
