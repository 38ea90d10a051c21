import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { IamError } from '../shared/index.ts';
import { StsValidation } from './sts-validation.ts';

const VERSION = 2;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HKDF_INFO = Buffer.from('iamd/sts/authorization-message/v1', 'utf8');
/** The model's limit on `EncodedMessage`. */
const MAX_MESSAGE_CHARS = 10_240;

/** AWS's description of a message it cannot decode. */
export const INVALID_AUTHORIZATION_MESSAGE = 'The message could not be decoded: it is malformed or was not issued here.';

/** Seals denial details into an opaque message and opens them again for DecodeAuthorizationMessage. */
export interface AuthorizationMessageCodec {
  /** The encoded message carrying `details` (a JSON-serialisable object). */
  encode(details: object): string;
  /** The decoded JSON text; throws `InvalidAuthorizationMessageException` for anything not sealed by this key. */
  decode(message: string): string;
}

/**
 * Creates the codec for one master key (AES-256-GCM under an HKDF-derived key of its own), so any iamd node
 * sharing the master key decodes what another emitted, and nobody else can read or forge one.
 */
export function createAuthorizationMessageCodec(masterKey: Buffer): AuthorizationMessageCodec {
  if (masterKey.length !== 32) throw new Error('master key must be 32 bytes');
  const key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.from('iamd', 'utf8'), HKDF_INFO, 32));
  const invalid = () => new IamError('InvalidAuthorizationMessageException', INVALID_AUTHORIZATION_MESSAGE);
  return Object.freeze({
    encode(details: object): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(details), 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.of(VERSION), iv, body, cipher.getAuthTag()]).toString('base64url');
    },
    decode(message: string): string {
      if (!/^[A-Za-z0-9_-]+$/.test(message)) throw invalid();
      const raw = Buffer.from(message, 'base64url');
      if (raw.length < 1 + IV_BYTES + TAG_BYTES + 1 || raw[0] !== VERSION) throw invalid();
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(1, 1 + IV_BYTES));
        decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
        return Buffer.concat([decipher.update(raw.subarray(1 + IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw invalid();
      }
    },
  });
}

/** DecodeAuthorizationMessage: validates `EncodedMessage` (1–10240 characters) and decodes it. */
export function decodeAuthorizationMessage(
  codec: AuthorizationMessageCodec | undefined,
  input: { readonly EncodedMessage?: string },
): { DecodedMessage: string } {
  const v = new StsValidation();
  v.string(input.EncodedMessage, 'encodedMessage', { min: 1, max: MAX_MESSAGE_CHARS }, true);
  v.throwIfAny();
  if (codec === undefined) throw new IamError('InvalidAuthorizationMessageException', INVALID_AUTHORIZATION_MESSAGE);
  return { DecodedMessage: codec.decode(input.EncodedMessage!) };
}
