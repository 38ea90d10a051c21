/**
 * Removes `aws-chunked` framing from an unsigned streamed upload (`STREAMING-UNSIGNED-PAYLOAD-TRAILER`):
 * `<hex size>\r\n<bytes>\r\n` repeated, then a zero-size chunk and trailer headers (the trailing checksum is not
 * checked by this example). Undefined when the framing is broken.
 */
export function decodeChunked(raw: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = raw.indexOf('\r\n', at);
    if (eol < 0) return undefined;
    const sizeText = raw.subarray(at, eol).toString('latin1').split(';')[0]!;
    if (!/^[0-9a-fA-F]{1,8}$/.test(sizeText)) return undefined;
    const size = Number.parseInt(sizeText, 16);
    if (size === 0) return Buffer.concat(parts);
    const end = eol + 2 + size;
    if (end + 2 > raw.length || raw[end] !== 13 || raw[end + 1] !== 10) return undefined;
    parts.push(raw.subarray(eol + 2, end));
    at = end + 2;
  }
}
