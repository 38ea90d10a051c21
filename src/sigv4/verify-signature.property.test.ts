import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type IncomingRequest, parseSignature, SigningKeyCache, verifySignature } from './index.ts';
import { signWithSdk, TEST_SECRET_ACCESS_KEY, type TestSignInput } from './test-signer.ts';

const SIGNED_AT = new Date('2026-11-22T12:00:00Z');
const NOW = new Date('2026-11-22T12:05:00Z');
const cache = new SigningKeyCache();

// Characters that stress encoding: unreserved, reserved, space, percent, plus, non-ASCII. No '.' so that non-S3
// path normalisation only ever removes empty segments.
const CHARS = [..."abzAZ09-_~ !*()'+=&?#%/:@$,;€é😀"];
const text = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...CHARS), minLength: min, maxLength: max });
const printable = fc.string({
  unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 20,
});

const escapeSegment = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

type Shape = { input: TestSignInput; s3: boolean; payloadSigned: boolean };

const shape: fc.Arbitrary<Shape> = fc
  .record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
    scope: fc.constantFrom(
      ['iam', 'us-east-1'],
      ['sts', 'eu-west-3'],
      ['s3', 'ap-southeast-2'],
      ['execute-api', 'cn-north-1'],
    ),
    segments: fc.array(text(0, 6), { maxLength: 4 }),
    query: fc.dictionary(
      text(1, 5).filter((k) => !/^x-amz-/i.test(k) && k !== 'Signature'),
      fc.oneof(text(0, 6), fc.array(text(0, 4), { minLength: 1, maxLength: 3 })),
      { maxKeys: 4 },
    ),
    headers: fc.dictionary(fc.constantFrom('x-amz-meta-a', 'x-amz-meta-b', 'x-custom'), printable, { maxKeys: 3 }),
    body: fc.oneof(fc.string({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 })),
    unsigned: fc.boolean(),
    presign: fc.option(fc.integer({ min: 400, max: 604800 }), { nil: undefined }),
    token: fc.option(
      printable.filter((t) => t.length > 0),
      { nil: undefined },
    ),
  })
  .map((g) => {
    const s3 = g.scope[0] === 's3';
    // S3 presigners always sign UNSIGNED-PAYLOAD (declared in a hoisted x-amz-content-sha256).
    const unsigned = s3 && (g.unsigned || g.presign !== undefined);
    const headers: Record<string, string> = { ...g.headers };
    if (unsigned) headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
    const input: TestSignInput = {
      method: g.method,
      service: g.scope[0]!,
      region: g.scope[1]!,
      path: `/${g.segments.map(escapeSegment).join('/')}`,
      query: g.query,
      headers,
      body: g.body,
      uriEscapePath: !s3,
      applyChecksum: !unsigned,
      signingDate: SIGNED_AT,
      ...(g.presign === undefined ? {} : { presignExpiresIn: g.presign }),
      ...(g.token === undefined ? {} : { sessionToken: g.token }),
    };
    return { input, s3, payloadSigned: !unsigned };
  });

function accepts(req: IncomingRequest, s3: boolean): boolean {
  const parsed = parseSignature(req);
  if ('ok' in parsed) return false;
  return verifySignature(req, parsed, TEST_SECRET_ACCESS_KEY, {
    now: NOW,
    keyCache: cache,
    uriEscapePath: !s3,
    allowUnsignedPayload: s3,
  }).ok;
}

/** Positions of letters and digits that are not inside a %XX escape: changing one always changes the meaning. */
function plainPositions(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '%') i += 2;
    else if (/[A-Za-z0-9]/.test(s[i]!)) out.push(i);
  }
  return out;
}

function replaceAt(s: string, i: number, pick: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.replace(s[i]!, '');
  return s.slice(0, i) + alphabet[pick % alphabet.length] + s.slice(i + 1);
}

describe('SigV4 properties', () => {
  it('anything the SDK signs verifies', async () => {
    await fc.assert(
      fc.asyncProperty(shape, async ({ input, s3 }) => {
        const req = await signWithSdk(input);
        assert.ok(accepts(req, s3), `refused ${JSON.stringify(req)}`);
      }),
      { numRuns: 150 },
    );
  });

  it('changing one byte of the body, a signed header value, the path or the query makes verification fail', async () => {
    await fc.assert(
      fc.asyncProperty(
        shape,
        fc.constantFrom('body', 'header', 'path', 'query'),
        fc.nat(),
        fc.nat(),
        async ({ input, s3, payloadSigned }, target, where, pick) => {
          const req = await signWithSdk(input);
          let changed: IncomingRequest | undefined;
          if (target === 'body' && payloadSigned) {
            const bytes =
              typeof req.body === 'string' ? new TextEncoder().encode(req.body) : new Uint8Array(req.body ?? []);
            const mutated = bytes.length === 0 ? new Uint8Array([pick % 256]) : Uint8Array.from(bytes);
            if (bytes.length > 0) mutated[where % bytes.length]! ^= (pick % 255) + 1;
            changed = { ...req, body: mutated };
          } else if (target === 'header') {
            // Presigning hoists x-amz-* headers into the query; the rest stay signed headers.
            const signed = Object.keys(input.headers ?? {}).filter(
              (n) => typeof req.headers[n] === 'string' && plainPositions(req.headers[n]).length > 0,
            );
            if (signed.length > 0) {
              const name = signed[where % signed.length]!;
              const value = req.headers[name] as string;
              const positions = plainPositions(value);
              changed = {
                ...req,
                headers: { ...req.headers, [name]: replaceAt(value, positions[pick % positions.length]!, where) },
              };
            }
          } else if (target === 'path') {
            const positions = plainPositions(req.path);
            if (positions.length > 0)
              changed = { ...req, path: replaceAt(req.path, positions[where % positions.length]!, pick) };
          } else if (target === 'query') {
            const positions = plainPositions(req.query);
            if (positions.length > 0)
              changed = { ...req, query: replaceAt(req.query, positions[where % positions.length]!, pick) };
          }
          fc.pre(changed !== undefined);
          assert.ok(!accepts(changed!, s3), `accepted a changed ${target}: ${JSON.stringify(changed)}`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('arbitrary headers, paths and queries never make parse or verify throw', () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('AWS4-HMAC-SHA256 ', 'Credential=', 'AKID/20261122/us-east-1/iam/aws4_request', ',', ';', '/'),
      fc.constantFrom('SignedHeaders=host;x-amz-date', 'Signature=', 'X-Amz-Algorithm=AWS4-HMAC-SHA256', '&', '=', '%'),
      fc.constantFrom('X-Amz-Credential=a%2F20261122%2Fr%2Fs%2Faws4_request', 'X-Amz-Expires=', '__proto__', '%zz'),
    );
    const text = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, text, text, text, (authorization, query, path, date) => {
        const req: IncomingRequest = {
          method: 'GET',
          path,
          query,
          headers: { host: 'h', authorization, 'x-amz-date': date.length % 2 ? '20261122T120000Z' : date },
        };
        const parsed = parseSignature(req);
        if (!('ok' in parsed)) verifySignature(req, parsed, 'secret', { now: NOW });
      }),
      { numRuns: 500 },
    );
  });
});
