import type { JWTPayload } from 'jose';
import { IamError, isIamError } from '../shared/index.ts';
import { type RequestKeys, roleSessionKeys } from './role-session.ts';
import { checkSessionShape, type SessionTag } from './session-inputs.ts';
import { STS_RULES, StsValidation } from './sts-validation.ts';
import { audiencesOf, type VerifiedWebIdentity } from './web-identity-token.ts';

/** The claim an IdP uses to pass session tags (IAM User Guide, "Passing session tags using AssumeRoleWithWebIdentity"). */
export const TAGS_CLAIM = 'https://aws.amazon.com/tags';
/** The claim an IdP uses to set the source identity. */
export const SOURCE_IDENTITY_CLAIM = 'https://aws.amazon.com/source_identity';

/** Session tags, transitive keys and source identity the token asks for. */
export interface TokenSessionShape {
  readonly Tags?: readonly SessionTag[];
  readonly TransitiveTagKeys?: readonly string[];
  readonly SourceIdentity?: string;
}

const badClaim = (message: string) => new IamError('InvalidIdentityToken', message);

/**
 * Reads `https://aws.amazon.com/tags` (`{ principal_tags: { Key: [value] }, transitive_tag_keys: [Key] }`, each value
 * a one-element list) and `https://aws.amazon.com/source_identity`, checked with the same limits as AssumeRole's
 * parameters. A malformed claim is InvalidIdentityToken.
 */
export function tokenSessionShape(payload: JWTPayload): TokenSessionShape {
  const out: { Tags?: SessionTag[]; TransitiveTagKeys?: string[]; SourceIdentity?: string } = {};
  const claim = payload[TAGS_CLAIM];
  if (claim !== undefined) {
    if (typeof claim !== 'object' || claim === null || Array.isArray(claim))
      throw badClaim(`The ${TAGS_CLAIM} claim must be an object with principal_tags and transitive_tag_keys.`);
    const { principal_tags: principalTags, transitive_tag_keys: transitive } = claim as Record<string, unknown>;
    if (principalTags !== undefined) {
      if (typeof principalTags !== 'object' || principalTags === null || Array.isArray(principalTags))
        throw badClaim(`${TAGS_CLAIM}: principal_tags must map each tag key to a list with one value.`);
      out.Tags = Object.entries(principalTags as Record<string, unknown>).map(([Key, value]) => {
        const Value = Array.isArray(value) && value.length === 1 ? value[0] : value;
        if (typeof Value !== 'string')
          throw badClaim(`${TAGS_CLAIM}: the value of principal tag '${Key}' must be a list with one string.`);
        return { Key, Value };
      });
    }
    if (transitive !== undefined) {
      if (!Array.isArray(transitive) || !transitive.every((k) => typeof k === 'string'))
        throw badClaim(`${TAGS_CLAIM}: transitive_tag_keys must be a list of tag keys.`);
      out.TransitiveTagKeys = transitive;
    }
  }
  const source = payload[SOURCE_IDENTITY_CLAIM];
  if (source !== undefined) {
    if (typeof source !== 'string') throw badClaim(`The ${SOURCE_IDENTITY_CLAIM} claim must be a string.`);
    out.SourceIdentity = source;
  }
  const v = new StsValidation();
  checkSessionShape(v, out);
  v.string(out.SourceIdentity, 'sourceIdentity', STS_RULES.sourceIdentity);
  try {
    v.throwIfAny();
  } catch (e) {
    throw isIamError(e) ? badClaim(`The session tags or source identity in the web identity token are invalid: ${e.message}`) : e;
  }
  return out;
}

/**
 * The request keys of the trust decision: the provider's claim keys (`<url>:aud` is `azp` when the token has one,
 * with `<url>:oaud` then holding `aud`; `<url>:sub`; `<url>:amr` when present), `aws:FederatedProvider`,
 * `sts:RoleSessionName`, the tag and source-identity keys, and the API layer's keys.
 */
export function webIdentityKeys(
  now: Date,
  requestKeys: RequestKeys,
  r: {
    sessionName: string;
    providerArn: string;
    verified: VerifiedWebIdentity;
    tags: Readonly<Record<string, string>>;
    transitiveTagKeys: readonly string[];
    sourceIdentity: string | undefined;
  },
): Record<string, string | readonly string[]> {
  const p = r.verified.payload;
  const url = r.verified.url;
  const aud = audiencesOf(p);
  const azp = typeof p['azp'] === 'string' ? p['azp'] : undefined;
  const keys = roleSessionKeys(now, requestKeys, r);
  keys['aws:FederatedProvider'] = r.providerArn;
  keys[`${url}:sub`] = r.verified.subject;
  keys[`${url}:aud`] = azp ?? (aud.length === 1 ? aud[0]! : aud);
  if (azp !== undefined && aud.length > 0) keys[`${url}:oaud`] = aud.length === 1 ? aud[0]! : aud;
  const amr = p['amr'];
  if (typeof amr === 'string') keys[`${url}:amr`] = amr;
  else if (Array.isArray(amr)) keys[`${url}:amr`] = amr.filter((a): a is string => typeof a === 'string');
  return keys;
}
