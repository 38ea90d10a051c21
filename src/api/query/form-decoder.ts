import { IamError } from '../../shared/index.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const PLUS = 0x2b;
const PCT = 0x25;
const AMP = 0x26;
const EQ = 0x3d;

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
  // One pass over the characters: pairs split on '&', the name on its first '=', and each side flagged when it
  // needs decoding (what NEEDS_DECODING matches), so plain ASCII components are sliced once and not tested again.
  const n = text.length;
  let i = 0;
  while (i < n) {
    const start = i;
    let eq = -1;
    let plainName = true;
    let plainValue = true;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === AMP) break;
      if (c === EQ && eq < 0) eq = i;
      else if (c === PCT || c === PLUS || (c >= 0x80 && c <= 0xff)) {
        if (eq < 0) plainName = false;
        else plainValue = false;
      }
    }
    const end = i++;
    if (end === start) continue;
    const rawName = text.slice(start, eq < 0 ? end : eq);
    const name = plainName ? rawName : decodeText(rawName);
    const value = eq < 0 ? '' : plainValue ? text.slice(eq + 1, end) : decodeText(text.slice(eq + 1, end));
    if (name === '') throw new IamError('MalformedQueryString', 'The request contains a parameter with no name.');
    if (into.has(name)) {
      throw new IamError('InvalidParameterValue', `The parameter ${name} appears more than once in the request.`);
    }
    into.set(name, value);
  }
  return into;
}
