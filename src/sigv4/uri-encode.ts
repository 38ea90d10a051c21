const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

// SigV4 keeps exactly the RFC 3986 unreserved characters; every other byte becomes %XX with upper-case hex.
const KEEP = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~') KEEP[c.charCodeAt(0)] = 1;
const HEX = Array.from({ length: 256 }, (_, b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`);
const SAFE = /^[A-Za-z0-9\-_.~]*$/;

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/**
 * Decodes %XX escapes to raw bytes. A `%` not followed by two hex digits stays a literal `%` (it is re-encoded as
 * `%25`), and `+` stays a plus: SigV4 clients encode spaces as `%20`.
 */
export function percentDecode(raw: string): Uint8Array {
  if (!raw.includes('%')) return encoder.encode(raw);
  const text = encoder.encode(raw);
  const out = new Uint8Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const b = text[i]!;
    if (b === 37 && i + 2 < text.length) {
      const hi = hexValue(text[i + 1]!);
      const lo = hexValue(text[i + 2]!);
      if (hi >= 0 && lo >= 0) {
        out[n++] = hi * 16 + lo;
        i += 2;
        continue;
      }
    }
    out[n++] = b;
  }
  return out.subarray(0, n);
}

/** Percent-decodes to a string (invalid UTF-8 becomes U+FFFD); for reading X-Amz-* parameter values. */
export function percentDecodeToString(raw: string): string {
  return raw.includes('%') ? decoder.decode(percentDecode(raw)) : raw;
}

/** SigV4 URI-encoding of raw bytes: unreserved characters kept, everything else `%XX`. */
export function uriEncodeBytes(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += KEEP[b] === 1 ? String.fromCharCode(b) : HEX[b];
  return out;
}

/** SigV4 URI-encoding of a string's UTF-8 bytes (lone surrogates become U+FFFD rather than throwing). */
export function uriEncode(text: string): string {
  return SAFE.test(text) ? text : uriEncodeBytes(encoder.encode(text));
}

/** Decodes the escapes in `raw` and encodes the bytes canonically: `%7e` and `~` both become `~`. */
export function canonicalEscape(raw: string): string {
  return SAFE.test(raw) ? raw : uriEncodeBytes(percentDecode(raw));
}
