import type { IncomingRequest } from './incoming-request.ts';
import { type ParsedSignature, parseSignature } from './parse-signature.ts';
import { invalidClientTokenId, type SigV4Failure } from './sigv4-failure.ts';
import { type VerifyOptions, verifySignature } from './verify-signature.ts';

/**
 * The whole check in one call: parse, look the access key up, verify. `lookupSecret` returns the secret access key
 * of an active key, or undefined for an unknown or inactive one (then `InvalidClientTokenId`). It must be
 * synchronous and in memory: the hot path never waits on a database.
 */
export function authenticateRequest(
  req: IncomingRequest,
  lookupSecret: (accessKeyId: string, parsed: ParsedSignature) => string | undefined,
  options: VerifyOptions,
): { ok: true; parsed: ParsedSignature } | SigV4Failure {
  const parsed = parseSignature(req);
  if ('ok' in parsed) return parsed;
  const secret = lookupSecret(parsed.accessKeyId, parsed);
  if (secret === undefined) return invalidClientTokenId();
  const verified = verifySignature(req, parsed, secret, options);
  return verified.ok ? { ok: true, parsed } : verified;
}
