import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  CONTENT_SHA256_MISMATCH_MESSAGE,
  type IncomingRequest,
  parseSignature,
  REQUEST_EXPIRED_MESSAGE,
  SIGNATURE_DOES_NOT_MATCH_MESSAGE,
  type SigV4Failure,
  SigningKeyCache,
  signingKey,
  hashPayload,
  type VerifyOptions,
  verifySignature,
} from './index.ts';
import { signWithSdk, TEST_SECRET_ACCESS_KEY, type TestSignInput } from './test-signer.ts';

const SIGNED_AT = new Date('2026-11-22T12:00:00Z');
const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
const IAM_POST: TestSignInput = { body: 'Action=ListUsers&Version=2010-05-08', headers: FORM };

function at(seconds: number): Date {
  return new Date(SIGNED_AT.getTime() + seconds * 1000);
}

/** parse + verify, the way api/ chains them. */
function check(
  req: IncomingRequest,
  options: Partial<VerifyOptions> = {},
  secret = TEST_SECRET_ACCESS_KEY,
): { ok: true } | SigV4Failure {
  const parsed = parseSignature(req);
  if ('ok' in parsed) return parsed;
  return verifySignature(req, parsed, secret, { now: at(30), ...options });
}

describe('verifySignature round trips with the SDK signer', () => {
  const cases: { name: string; input: TestSignInput; options?: Partial<VerifyOptions> }[] = [
    { name: 'IAM POST form body is accepted', input: IAM_POST },
    { name: 'IAM POST with x-amz-content-sha256 signed is accepted', input: { ...IAM_POST, applyChecksum: true } },
    {
      name: 'STS POST with a session token is accepted',
      input: { ...IAM_POST, service: 'sts', region: 'eu-west-3', sessionToken: 'FwoGZXIvYXdzEJr//+token==' },
    },
    {
      name: 'GET with a query (repeated keys, spaces, reserved characters) is accepted',
      input: {
        method: 'GET',
        body: undefined,
        query: { Action: 'ListUsers', PathPrefix: '/division a/', 'Tag.1': ['z', 'a'], Marker: "~!'()*" },
      },
    },
    {
      name: 'presigned GET (STS GetCallerIdentity, aws-iam-authenticator style) is accepted',
      input: {
        method: 'GET',
        service: 'sts',
        query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
        headers: { 'x-k8s-aws-id': 'cluster-1' },
        presignExpiresIn: 60,
      },
    },
    {
      name: 'presigned URL with a session token is accepted',
      input: { method: 'GET', service: 'sts', sessionToken: 'tok/+=', presignExpiresIn: 900 },
    },
    {
      name: 'S3 unsigned payload with special characters and double slashes in the path is accepted',
      input: {
        method: 'PUT',
        service: 's3',
        region: 'ap-southeast-2',
        path: '/bucket//a%20b/c%2Bd/%E2%82%AC/./x',
        headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
        body: 'anything',
        uriEscapePath: false,
      },
      options: { uriEscapePath: false, allowUnsignedPayload: true },
    },
    {
      name: 'S3 streaming payload seed signature is accepted',
      input: {
        method: 'PUT',
        service: 's3',
        path: '/bucket/key',
        headers: { 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'x-amz-decoded-content-length': '5' },
        uriEscapePath: false,
      },
      options: { uriEscapePath: false, allowUnsignedPayload: true },
    },
    {
      name: 'S3 PUT with a hashed body is accepted',
      input: { method: 'PUT', service: 's3', path: '/b/k', body: 'hello', applyChecksum: true, uriEscapePath: false },
      options: { uriEscapePath: false, allowUnsignedPayload: true },
    },
    {
      name: 'S3 presigned GET signs UNSIGNED-PAYLOAD and is accepted',
      input: {
        method: 'GET',
        service: 's3',
        path: '/bucket/photos/2026/a%20b.jpg',
        headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
        presignExpiresIn: 604800,
        uriEscapePath: false,
      },
      options: { uriEscapePath: false, allowUnsignedPayload: true, now: at(604000) },
    },
    {
      name: 'non-S3 path is normalised and double-encoded like the SDK (execute-api)',
      input: { method: 'GET', service: 'execute-api', region: 'us-west-2', path: '/prod/a%20b/./c/../d//e/' },
    },
    {
      name: 'cn-north-1 IAM scope is accepted (any region in an IAM scope)',
      input: { ...IAM_POST, region: 'cn-north-1' },
    },
    { name: 'binary body is accepted', input: { method: 'POST', body: new Uint8Array([0, 255, 10, 13, 128]) } },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const req = await signWithSdk({ signingDate: SIGNED_AT, ...c.input });
      assert.deepEqual(check(req, c.options), { ok: true });
    });
  }

  it('a precomputed payloadHash replaces hashing the body', async () => {
    const req = await signWithSdk(IAM_POST);
    const { body: _body, ...rest } = req;
    const hash = hashPayload(IAM_POST.body);
    assert.deepEqual(check({ ...rest, payloadHash: hash }), { ok: true });
  });

  it('a request signed with only the Date header (no X-Amz-Date) is accepted', () => {
    // SDKs always send X-Amz-Date, so this one is signed by hand from the SigV4 specification.
    const date = 'Sun, 22 Nov 2026 12:00:00 GMT';
    const body = 'Action=ListUsers&Version=2010-05-08';
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    const canonical = `POST\n/\n\ndate:${date}\nhost:localhost\n\ndate;host\n${sha(body)}`;
    const toSign = `AWS4-HMAC-SHA256\n20261122T120000Z\n20261122/us-east-1/iam/aws4_request\n${sha(canonical)}`;
    const key = signingKey(TEST_SECRET_ACCESS_KEY, '20261122', 'us-east-1', 'iam');
    const signature = createHmac('sha256', key).update(toSign).digest('hex');
    const req: IncomingRequest = {
      method: 'POST',
      path: '/',
      query: '',
      body,
      headers: {
        host: 'localhost',
        date,
        authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/us-east-1/iam/aws4_request, SignedHeaders=date;host, Signature=${signature}`,
      },
    };
    assert.deepEqual(check(req), { ok: true });
    const unsignedDate = {
      ...req,
      headers: { ...req.headers, authorization: String(req.headers.authorization).replace('date;host', 'host') },
    };
    assert.equal(
      (check(unsignedDate) as SigV4Failure).message,
      "'Date' must be a 'SignedHeader' in the AWS Authorization.",
    );
  });
});

describe('verifySignature failures', () => {
  type Case = {
    name: string;
    input?: TestSignInput;
    alter?: (req: IncomingRequest) => IncomingRequest;
    options?: Partial<VerifyOptions>;
    secret?: string;
    code: SigV4Failure['code'];
    message: string | RegExp;
  };
  const header = (req: IncomingRequest, name: string, value: string | undefined): IncomingRequest => ({
    ...req,
    headers: { ...req.headers, [name]: value },
  });
  const cases: Case[] = [
    {
      name: 'body tampered is SignatureDoesNotMatch',
      alter: (r) => ({ ...r, body: 'Action=ListUsers&Version=2010-05-09' }),
      code: 'SignatureDoesNotMatch',
      message: SIGNATURE_DOES_NOT_MATCH_MESSAGE,
    },
    {
      name: 'signed header tampered is SignatureDoesNotMatch',
      alter: (r) => header(r, 'content-type', 'application/x-www-form-urlencoded'),
      code: 'SignatureDoesNotMatch',
      message: SIGNATURE_DOES_NOT_MATCH_MESSAGE,
    },
    {
      name: 'the right signature in upper-case hex is SignatureDoesNotMatch (signatures are lower-case hex)',
      alter: (r) => {
        const auth = String(r.headers['authorization']);
        const at = auth.indexOf('Signature=') + 'Signature='.length;
        return header(r, 'authorization', auth.slice(0, at) + auth.slice(at).toUpperCase());
      },
      code: 'SignatureDoesNotMatch',
      message: SIGNATURE_DOES_NOT_MATCH_MESSAGE,
    },
    {
      name: 'a signature one hex digit short is SignatureDoesNotMatch',
      alter: (r) => header(r, 'authorization', String(r.headers['authorization']).slice(0, -1)),
      code: 'SignatureDoesNotMatch',
      message: SIGNATURE_DOES_NOT_MATCH_MESSAGE,
    },
    {
      name: 'a signature with a non-hex digit is SignatureDoesNotMatch',
      alter: (r) => header(r, 'authorization', `${String(r.headers['authorization']).slice(0, -1)}g`),
      code: 'SignatureDoesNotMatch',
      message: SIGNATURE_DOES_NOT_MATCH_MESSAGE,
    },
    {
      name: 'host tampered is SignatureDoesNotMatch',
      alter: (r) => header(r, 'host', 'evil.example'),
      code: 'SignatureDoesNotMatch',
      message: SIGNATURE_DOES_NOT_MATCH_MESSAGE,
    },
    {
      name: 'query tampered is SignatureDoesNotMatch',
      input: { method: 'GET', query: { Action: 'GetUser', UserName: 'alice' } },
      alter: (r) => ({ ...r, query: r.query.replace('alice', 'admin') }),
      code: 'SignatureDoesNotMatch',
      message: SIGNATURE_DOES_NOT_MATCH_MESSAGE,
    },
    {
      name: 'query parameter added is SignatureDoesNotMatch',
      input: { method: 'GET', query: { Action: 'GetUser' } },
      alter: (r) => ({ ...r, query: `${r.query}&UserName=admin` }),
      code: 'SignatureDoesNotMatch',
      message: SIGNATURE_DOES_NOT_MATCH_MESSAGE,
    },
    {
      name: 'path tampered is SignatureDoesNotMatch',
      input: { method: 'GET', path: '/a/b' },
      alter: (r) => ({ ...r, path: '/a/c' }),
      code: 'SignatureDoesNotMatch',
      message: SIGNATURE_DOES_NOT_MATCH_MESSAGE,
    },
    {
      name: 'method changed is SignatureDoesNotMatch',
      alter: (r) => ({ ...r, method: 'PUT' }),
      code: 'SignatureDoesNotMatch',
      message: SIGNATURE_DOES_NOT_MATCH_MESSAGE,
    },
    {
      name: 'wrong secret is SignatureDoesNotMatch',
      secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEz',
      code: 'SignatureDoesNotMatch',
      message: SIGNATURE_DOES_NOT_MATCH_MESSAGE,
    },
    {
      name: 'signature not hex is SignatureDoesNotMatch',
      alter: (r) => header(r, 'authorization', String(r.headers.authorization).replace(/Signature=.*/, 'Signature=zz')),
      code: 'SignatureDoesNotMatch',
      message: SIGNATURE_DOES_NOT_MATCH_MESSAGE,
    },
    {
      name: 'signed header removed from the request is SignatureDoesNotMatch',
      alter: (r) => header(r, 'content-type', undefined),
      code: 'SignatureDoesNotMatch',
      message: SIGNATURE_DOES_NOT_MATCH_MESSAGE,
    },
    {
      name: 'signed headers named like Object.prototype members are absent, not a crash',
      alter: (r) =>
        header(
          r,
          'authorization',
          String(r.headers.authorization).replace(
            'content-type;host;x-amz-date',
            '__proto__;constructor;host;x-amz-date',
          ),
        ),
      code: 'SignatureDoesNotMatch',
      message: SIGNATURE_DOES_NOT_MATCH_MESSAGE,
    },
    {
      name: 'host not signed is IncompleteSignature',
      alter: (r) =>
        header(
          r,
          'authorization',
          String(r.headers.authorization).replace('content-type;host;x-amz-date', 'x-amz-date'),
        ),
      code: 'IncompleteSignature',
      message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    },
    {
      name: 'x-amz-date not signed is IncompleteSignature',
      alter: (r) =>
        header(r, 'authorization', String(r.headers.authorization).replace('content-type;host;x-amz-date', 'host')),
      code: 'IncompleteSignature',
      message: "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.",
    },
    {
      name: 'scope date different from X-Amz-Date is SignatureDoesNotMatch with the date message',
      alter: (r) => header(r, 'authorization', String(r.headers.authorization).replace('/20261122/', '/20261121/')),
      code: 'SignatureDoesNotMatch',
      message:
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20261121' != " +
        "'20261122', from '20261122T120000Z'.",
    },
    {
      name: 'signed 15 minutes and 1 second ago is RequestExpired',
      options: { now: at(901) },
      code: 'RequestExpired',
      message: 'Signature expired: 20261122T120000Z is now earlier than 20261122T120001Z (20261122T121501Z - 15 min.)',
    },
    {
      name: 'signed 15 minutes and 1 second in the future is RequestExpired',
      options: { now: at(-901) },
      code: 'RequestExpired',
      message:
        'Signature not yet current: 20261122T120000Z is still later than 20261122T115959Z (20261122T114459Z + 15 min.)',
    },
    {
      name: 'a smaller maxSkewSeconds is honoured',
      options: { now: at(301), maxSkewSeconds: 300 },
      code: 'RequestExpired',
      message: /- 5 min\.\)$/,
    },
    {
      name: 'presigned URL past X-Amz-Expires is RequestExpired',
      input: { method: 'GET', presignExpiresIn: 60 },
      options: { now: at(61) },
      code: 'RequestExpired',
      message: REQUEST_EXPIRED_MESSAGE,
    },
    {
      name: 'presigned URL used long before its date is RequestExpired',
      input: { method: 'GET', presignExpiresIn: 60 },
      options: { now: at(-901) },
      code: 'RequestExpired',
      message: /^Signature not yet current/,
    },
    {
      name: 'presigned query tampered is SignatureDoesNotMatch',
      input: { method: 'GET', query: { Action: 'GetCallerIdentity' }, presignExpiresIn: 60 },
      alter: (r) => ({ ...r, query: r.query.replace('X-Amz-Expires=60', 'X-Amz-Expires=600') }),
      code: 'SignatureDoesNotMatch',
      message: SIGNATURE_DOES_NOT_MATCH_MESSAGE,
    },
    {
      name: 'declared x-amz-content-sha256 that differs from the body is XAmzContentSHA256Mismatch',
      input: { ...IAM_POST, applyChecksum: true },
      alter: (r) => ({ ...r, body: 'Action=DeleteUser' }),
      code: 'XAmzContentSHA256Mismatch',
      message: CONTENT_SHA256_MISMATCH_MESSAGE,
    },
    {
      name: 'UNSIGNED-PAYLOAD sent to IAM (unsigned payloads not allowed) is XAmzContentSHA256Mismatch',
      input: { ...IAM_POST, headers: { ...FORM, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } },
      code: 'XAmzContentSHA256Mismatch',
      message: CONTENT_SHA256_MISMATCH_MESSAGE,
    },
    {
      name: 'S3 declared hash that is neither a hash nor a known keyword is IncompleteSignature',
      input: { method: 'PUT', service: 's3', path: '/b/k', headers: { 'x-amz-content-sha256': 'abc' } },
      options: { allowUnsignedPayload: true, uriEscapePath: false },
      code: 'IncompleteSignature',
      message: /^x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-/,
    },
    {
      name: 'S3-style path verified with non-S3 rules is SignatureDoesNotMatch',
      input: { method: 'GET', service: 's3', path: '/bucket/a%20b', uriEscapePath: false },
      code: 'SignatureDoesNotMatch',
      message: SIGNATURE_DOES_NOT_MATCH_MESSAGE,
    },
    {
      name: 'credential scoped to another service than required is SignatureDoesNotMatch',
      options: { service: 'sts' },
      code: 'SignatureDoesNotMatch',
      message: "Credential should be scoped to correct service: 'sts'.",
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const signed = await signWithSdk({ signingDate: SIGNED_AT, ...IAM_POST, ...c.input });
      const req = c.alter === undefined ? signed : c.alter(signed);
      const result = check(req, c.options, c.secret);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.code, c.code);
      if (typeof c.message === 'string') assert.equal(result.message, c.message);
      else assert.match(result.message, c.message);
    });
  }

  it('a mismatch reports the canonical request and string to sign, never the secret', async () => {
    const req = await signWithSdk(IAM_POST);
    const result = check({ ...req, body: 'x' });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.match(result.canonicalRequest ?? '', /^POST\n\/\n\ncontent-type:/);
    assert.match(
      result.stringToSign ?? '',
      /^AWS4-HMAC-SHA256\n20261122T120000Z\n20261122\/us-east-1\/iam\/aws4_request\n/,
    );
    assert.ok(!JSON.stringify(result).includes(TEST_SECRET_ACCESS_KEY));
  });

  it('the signing-key cache derives a key once per secret, date, region and service', async () => {
    const cache = new SigningKeyCache();
    const first = await signWithSdk(IAM_POST);
    const second = await signWithSdk({ ...IAM_POST, body: 'Action=GetUser&Version=2010-05-08' });
    const otherRegion = await signWithSdk({ ...IAM_POST, region: 'eu-west-1' });
    assert.deepEqual(check(first, { keyCache: cache }), { ok: true });
    assert.equal(cache.derivations, 1);
    assert.deepEqual(check(second, { keyCache: cache }), { ok: true });
    assert.equal(cache.derivations, 1);
    assert.deepEqual(check(otherRegion, { keyCache: cache }), { ok: true });
    assert.equal(cache.derivations, 2);
    // A wrong secret misses the cache (different fingerprint) and fails.
    assert.equal(check(first, { keyCache: cache }, 'not-the-secret').ok, false);
    assert.equal(cache.derivations, 3);
  });
});

describe("AWS's documented examples verify", () => {
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const s3 = { uriEscapePath: false, allowUnsignedPayload: true } as const;
  const cases: { name: string; req: IncomingRequest; secret: string; options: VerifyOptions }[] = [
    {
      name: 'IAM ListUsers GET (General Reference SigV4 walkthrough)',
      secret: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      options: { now: new Date('2015-08-30T12:40:00Z') },
      req: {
        method: 'GET',
        path: '/',
        query: 'Action=ListUsers&Version=2010-05-08',
        headers: {
          host: 'iam.amazonaws.com',
          'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
          'x-amz-date': '20150830T123600Z',
          authorization:
            'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, ' +
            'SignedHeaders=content-type;host;x-amz-date, ' +
            'Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
        },
      },
    },
    {
      name: 'S3 GET object with Range (S3 API Reference header example)',
      secret,
      options: { now: new Date('2013-05-24T00:01:00Z'), ...s3 },
      req: {
        method: 'GET',
        path: '/test.txt',
        query: '',
        headers: {
          host: 'examplebucket.s3.amazonaws.com',
          range: 'bytes=0-9',
          'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
          'x-amz-date': '20130524T000000Z',
          authorization:
            'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,' +
            'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,' +
            'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
        },
      },
    },
    {
      name: 'S3 presigned GET, no declared payload hash (S3 API Reference query example)',
      secret,
      options: { now: new Date('2013-05-24T23:00:00Z'), ...s3 },
      req: {
        method: 'GET',
        path: '/test.txt',
        query:
          'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request' +
          '&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host' +
          '&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
        headers: { host: 'examplebucket.s3.amazonaws.com' },
      },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const parsed = parseSignature(c.req);
      assert.ok(!('ok' in parsed));
      assert.deepEqual(verifySignature(c.req, parsed, c.secret, c.options), { ok: true });
    });
  }

  it('the S3 presigned example is refused one second after X-Amz-Expires', () => {
    const req = cases[2]!.req;
    const parsed = parseSignature(req);
    assert.ok(!('ok' in parsed));
    const result = verifySignature(req, parsed, secret, { now: new Date('2013-05-25T00:00:01Z'), ...s3 });
    assert.equal(result.ok, false);
    assert.equal((result as SigV4Failure).code, 'RequestExpired');
  });
});
