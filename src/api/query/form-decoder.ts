import { IamError } from '../../shared/index.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const PLUS = 0x2b;
const PCT = 0x25;

function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  return -1;
}

/** Decodes one `application/x-www-form-urlencoded` component (bytes start..end) as strict UTF-8. */
function decodeComponent(bytes: Uint8Array, start: number, end: number): string {
  const out = new Uint8Array(end - start);
  let n = 0;
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b === PLUS) out[n++] = 0x20;
    else if (b === PCT) {
      const hi = i + 2 < end ? hexValue(bytes[i + 1]!) : -1;
      const lo = hi >= 0 ? hexValue(bytes[i + 2]!) : -1;
      if (lo < 0) throw new IamError('MalformedQueryString', 'The query string contains an invalid percent-encoding.');
      out[n++] = hi * 16 + lo;
      i += 2;
    } else out[n++] = b;
  }
  try {
    return utf8.decode(out.subarray(0, n));
  } catch {
    throw new IamError('MalformedQueryString', 'The request contains a parameter that is not valid UTF-8.');
  }
}

const NEEDS_DECODING = /[%+\u0080-\u00ff]/;

/** Decodes one component given as a latin1 string (one char per byte): plain ASCII is returned as is. */
function decodeText(text: string): string {
  return NEEDS_DECODING.test(text) ? decodeComponent(Buffer.from(text, 'latin1'), 0, text.length) : text;
}

/**
 * Parses a form body or query string into parameters. Strict, because AWS is: malformed percent-escapes and
 * bytes that are not UTF-8 give MalformedQueryString, a parameter given twice gives InvalidParameterValue.
 * `into` lets a GET request's query and its (empty) body share one map.
 */
export function decodeForm(raw: Uint8Array | string, into: Map<string, string> = new Map()): Map<string, string> {
  // latin1 maps each byte to one char, so splitting on '&' and '=' is byte-exact and UTF-8 is decoded per component.
  // A Buffer (what fastify hands over) is read as it is; other byte arrays get a Buffer view first.
  const text =
    typeof raw === 'string'
      ? raw
      : (Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength)).toString('latin1');
  if (text.length === 0) return into;
  for (const pair of text.split('&')) {
    if (pair.length === 0) continue;
    const eq = pair.indexOf('=');
    const name = decodeText(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decodeText(pair.slice(eq + 1));
    if (name === '') throw new IamError('MalformedQueryString', 'The request contains a parameter with no name.');
    if (into.has(name)) {
      throw new IamError('InvalidParameterValue', `The parameter ${name} appears more than once in the request.`);
    }
    into.set(name, value);
  }
  return into;
}
