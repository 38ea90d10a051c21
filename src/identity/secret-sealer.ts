import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Seals secrets at rest (secret access keys, later MFA seeds). `context` is bound as additional authenticated
 * data (e.g. the access key id), so a sealed value moved to another row does not open.
 */
export interface SecretSealer {
  seal(plaintext: string, context?: string): string;
  /** Throws an Error (never returning garbage) when the key is wrong or the value was tampered with. */
  open(sealed: string, context?: string): string;
}

const VERSION = 'v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM sealer: `v1:<base64 of iv | ciphertext | tag>`, a fresh random 96-bit IV per seal. */
export function createSealer(masterKey: Buffer): SecretSealer {
  if (masterKey.length !== 32) throw new Error('master key must be 32 bytes');
  const key = Buffer.from(masterKey);
  return Object.freeze({
    seal(plaintext: string, context = ''): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return VERSION + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
    },
    open(sealed: string, context = ''): string {
      if (!sealed.startsWith(VERSION)) throw new Error('sealed value has an unknown format version');
      const raw = Buffer.from(sealed.slice(VERSION.length), 'base64');
      if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('sealed value is truncated');
      const iv = raw.subarray(0, IV_BYTES);
      const tag = raw.subarray(raw.length - TAG_BYTES);
      const body = raw.subarray(IV_BYTES, raw.length - TAG_BYTES);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        throw new Error('sealed value could not be opened: wrong master key or tampered data');
      }
    },
  });
}
