import type { CredentialResolver } from '../../identity/index.ts';
import type { Clock } from '../../shared/index.ts';
import {
  type IncomingRequest,
  type ParsedSignature,
  parseSignature,
  type SigningKeyCache,
  verifySignature,
} from '../../sigv4/index.ts';
import type { SessionFacts, StsService } from '../../sts/index.ts';
import {
  AuthzError,
  invalidSessionToken,
  requestFailure,
  sessionTokenFailure,
  unknownAccessKey,
} from './authz-error.ts';
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
  /** Opens session tokens (no database read); without it a request carrying a token is refused as invalid. */
  readonly sts?: Pick<StsService, 'openSessionToken'>;
  /** Told of each verified request made with session credentials (RoleLastUsed). */
  readonly onSessionUse?: (facts: SessionFacts, region: string) => void;
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
 * Temporary credentials resolve to their session (role session, federated user, GetSessionToken session).
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
  const resolved =
    parsed.securityToken === undefined
      ? await longTermPrincipal(req, parsed, deps, s3)
      : await sessionPrincipalOf(req, parsed, parsed.securityToken, deps, s3);
  const declared = req.headers['x-amz-content-sha256'];
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

/** Verification options for the forwarded request: S3's path and payload rules when signed for `s3`. */
function verifyOptions(deps: RequestVerifierDeps, now: Date, s3: boolean, secretOwner: object) {
  return { now, keyCache: deps.keyCache, uriEscapePath: !s3, allowUnsignedPayload: s3, secretOwner };
}

/** A request signed with a long-term key (an IAM user's or root's `AKIA…`). */
async function longTermPrincipal(
  req: IncomingRequest,
  parsed: ParsedSignature,
  deps: RequestVerifierDeps,
  s3: boolean,
): Promise<ResolvedPrincipal> {
  const credential = await deps.credentials.resolve(parsed.accessKeyId);
  if (credential === undefined || credential.status !== 'Active') throw unknownAccessKey(s3);
  const now = deps.clock.now();
  // The resolved credential is immutable and cached: as the secret's owner it spares a fingerprint hash per request.
  const verified = verifySignature(req, parsed, credential.secretAccessKey, verifyOptions(deps, now, s3, credential));
  if (!verified.ok) throw requestFailure(verified, s3);
  deps.credentials.recordUse(parsed.accessKeyId, { service: parsed.service, region: parsed.region, at: now });
  // A user deleted since its key was read is, to the client, a key that no longer exists.
  return deps.resolver.ofCaller(credential.caller).catch((error: unknown) => {
    throw error instanceof AuthzError && error.code === 'NoSuchEntity' ? unknownAccessKey(s3) : error;
  });
}

/**
 * A request signed with temporary credentials (`ASIA…` + `x-amz-security-token`): the token is opened as the
 * Query API's SessionAuthenticator opens it (sts `openSessionToken`: no database read; expiry checked on every
 * use), then the signature is verified with the session's secret. Without STS wired, the token is refused.
 */
async function sessionPrincipalOf(
  req: IncomingRequest,
  parsed: ParsedSignature,
  token: string,
  deps: RequestVerifierDeps,
  s3: boolean,
): Promise<ResolvedPrincipal> {
  if (deps.sts === undefined) throw invalidSessionToken(s3);
  let facts: SessionFacts;
  try {
    facts = deps.sts.openSessionToken(token, parsed.accessKeyId);
  } catch (error) {
    throw sessionTokenFailure(error, s3);
  }
  const now = deps.clock.now();
  const verified = verifySignature(req, parsed, facts.secretAccessKey, verifyOptions(deps, now, s3, facts));
  if (!verified.ok) throw requestFailure(verified, s3);
  deps.onSessionUse?.(facts, parsed.region);
  return deps.resolver.ofSession(facts, now);
}
