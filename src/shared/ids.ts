import { randomBytes } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Unique-id prefixes, from the IAM User Guide "IAM identifiers". */
export type IdPrefix = 'AIDA' | 'AGPA' | 'AROA' | 'ANPA' | 'ANVA' | 'AIPA' | 'ASCA' | 'APKA' | 'ASCC';

function base32(bytes: Uint8Array, length: number): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

function base32Decode(text: string): Uint8Array | undefined {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text) {
    const v = BASE32.indexOf(ch);
    if (v < 0) return undefined;
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

/** A unique id such as `AIDA` + 17 characters (21 in all); SSH key ids are 20. */
export function newUniqueId(prefix: IdPrefix): string {
  const length = prefix === 'APKA' ? 16 : 17;
  return prefix + base32(randomBytes(11), length);
}

/**
 * An access key id that encodes its account, as AWS's new-generation ids do: after the prefix, 80 bits of which
 * bit 79 is 1, bits 78..39 the 40-bit account number, the rest random. `GetAccessKeyInfo` reads it back.
 */
export function newAccessKeyId(kind: 'AKIA' | 'ASIA', accountId: string): string {
  const bytes = randomBytes(10);
  const account = BigInt(accountId);
  const head = (1n << 47n) | (account << 7n) | BigInt(bytes[5]! & 0x7f);
  for (let i = 0; i < 6; i++) bytes[i] = Number((head >> BigInt(8 * (5 - i))) & 0xffn);
  return kind + base32(bytes, 16);
}

/** The account an access key id was issued for, or undefined when it does not encode one. */
export function accountOfAccessKeyId(accessKeyId: string): string | undefined {
  if (!/^[A-Z0-9]{4}[A-Z2-7]{16}$/.test(accessKeyId)) return undefined;
  const bytes = base32Decode(accessKeyId.slice(4));
  if (!bytes || bytes.length < 6) return undefined;
  let head = 0n;
  for (let i = 0; i < 6; i++) head = (head << 8n) | BigInt(bytes[i]!);
  if (head >> 47n !== 1n) return undefined;
  return ((head & 0x7fffffffff80n) >> 7n).toString().padStart(12, '0');
}

/** A 40-character secret access key (base64 alphabet without padding, as AWS's look). */
export function newSecretAccessKey(): string {
  return randomBytes(30).toString('base64').replace(/\+/g, 'x').replace(/\//g, 'Y');
}

/** A request id in AWS's UUID form. */
export function newRequestId(): string {
  return crypto.randomUUID();
}
