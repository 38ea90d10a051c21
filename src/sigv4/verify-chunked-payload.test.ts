import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type IncomingRequest,
  parseSignature,
  type ParsedSignature,
  SigningKeyCache,
  type SigV4Failure,
  verifyChunkedPayload,
  verifySignature,
} from './index.ts';

// The S3 API Reference example "Transfer payload in multiple chunks": 66560 bytes of 'a' in chunks of 65536, 1024
// and 0 bytes, with its published seed and chunk signatures.
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SEED = '4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9';
const CHUNKS: [number, string][] = [
  [65536, 'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648'],
  [1024, '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497'],
  [0, 'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9'],
];

function chunkedBody(chunks: [number, string][] = CHUNKS, fill = 'a'): string {
  return chunks
    .map(([size, sig]) => `${size.toString(16)};chunk-signature=${sig}\r\n${fill.repeat(size)}\r\n`)
    .join('');
}

function request(body: string, extra: Record<string, string> = {}): IncomingRequest {
  return {
    method: 'PUT',
    path: '/examplebucket/chunkObject.txt',
    query: '',
    body,
    headers: {
      host: 's3.amazonaws.com',
      'x-amz-date': '20130524T000000Z',
      'x-amz-storage-class': 'REDUCED_REDUNDANCY',
      'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
      'content-encoding': 'aws-chunked',
      'x-amz-decoded-content-length': '66560',
      'content-length': '66824',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=' +
        'content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;' +
        `x-amz-storage-class,Signature=${SEED}`,
      ...extra,
    },
  };
}

function parsedOf(req: IncomingRequest): ParsedSignature {
  const parsed = parseSignature(req);
  assert.ok(!('ok' in parsed));
  return parsed;
}

describe('verifyChunkedPayload', () => {
  it("accepts AWS's documented chunked upload, seed and every chunk, and returns the payload", () => {
    const req = request(chunkedBody());
    const parsed = parsedOf(req);
    const options = { now: new Date('2013-05-24T00:05:00Z'), uriEscapePath: false, allowUnsignedPayload: true };
    assert.deepEqual(verifySignature(req, parsed, SECRET, options), { ok: true });
    const result = verifyChunkedPayload(req, parsed, SECRET, { keyCache: new SigningKeyCache() });
    assert.equal(result.ok, true);
    if (!result.ok) return;
    assert.equal(result.payload.length, 66560);
    assert.ok(result.payload.every((b) => b === 97));
  });

  const refusals: {
    name: string;
    body: string;
    extra?: Record<string, string>;
    code: SigV4Failure['code'];
    message: RegExp;
  }[] = [
    {
      name: 'a changed byte in a chunk is SignatureDoesNotMatch',
      body: chunkedBody().replace('aaaa\r\n', 'aaab\r\n'),
      code: 'SignatureDoesNotMatch',
      message: /^The request signature we calculated/,
    },
    {
      name: 'chunks reordered are SignatureDoesNotMatch',
      body: chunkedBody([CHUNKS[1]!, CHUNKS[0]!, CHUNKS[2]!]),
      code: 'SignatureDoesNotMatch',
      message: /^The request signature we calculated/,
    },
    {
      name: 'a missing final chunk is malformed',
      body: chunkedBody(CHUNKS.slice(0, 2)),
      code: 'IncompleteSignature',
      message: /no CRLF/,
    },
    {
      name: 'bytes after the final chunk are malformed',
      body: `${chunkedBody()}extra`,
      code: 'IncompleteSignature',
      message: /follow the final zero-size chunk/,
    },
    {
      name: 'a chunk shorter than declared is malformed',
      body: chunkedBody().slice(0, 1000),
      code: 'IncompleteSignature',
      message: /shorter than its declared size/,
    },
    {
      name: 'a header without chunk-signature is malformed',
      body: '10000\r\n',
      code: 'IncompleteSignature',
      message: /not <hex size>;chunk-signature=<64 hex>/,
    },
    {
      name: 'a decoded length that disagrees is malformed',
      body: chunkedBody(),
      extra: { 'x-amz-decoded-content-length': '66561' },
      code: 'IncompleteSignature',
      message: /x-amz-decoded-content-length is 66561 but the chunks hold 66560 bytes/,
    },
    {
      name: 'a body declared UNSIGNED-PAYLOAD has no chunk signatures',
      body: chunkedBody(),
      extra: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      code: 'IncompleteSignature',
      message: /^Only STREAMING-AWS4-HMAC-SHA256-PAYLOAD bodies carry chunk signatures\.$/,
    },
  ];
  for (const c of refusals) {
    it(c.name, () => {
      const req = request(c.body, c.extra);
      const result = verifyChunkedPayload(req, parsedOf(request(chunkedBody())), SECRET);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.code, c.code);
      assert.match(result.message, c.message);
    });
  }

  it('the wrong secret fails on the first chunk', () => {
    const req = request(chunkedBody());
    const result = verifyChunkedPayload(req, parsedOf(req), 'not-the-secret');
    assert.equal(!result.ok && result.code, 'SignatureDoesNotMatch');
  });
});
