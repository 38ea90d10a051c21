import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type IncomingRequest,
  MISSING_AUTHENTICATION_TOKEN_MESSAGE,
  parseSignature,
  type SigV4Failure,
} from './index.ts';

const SIG = 'a'.repeat(64);
const CRED = 'AKIAIOSFODNN7EXAMPLE/20261122/us-east-1/iam/aws4_request';
const GOOD_AUTH = `AWS4-HMAC-SHA256 Credential=${CRED}, SignedHeaders=content-type;host;x-amz-date, Signature=${SIG}`;

function withAuth(authorization: string | undefined, extra: Record<string, string> = {}): IncomingRequest {
  const headers: Record<string, string> = { host: 'iam.local', 'x-amz-date': '20261122T120000Z', ...extra };
  if (authorization !== undefined) headers.authorization = authorization;
  return { method: 'POST', path: '/', query: '', headers };
}

const PRESIGNED: Record<string, string> = {
  'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
  'X-Amz-Credential': CRED,
  'X-Amz-Date': '20261122T120000Z',
  'X-Amz-Expires': '60',
  'X-Amz-SignedHeaders': 'host',
  'X-Amz-Signature': SIG,
};

function presigned(params: Record<string, string | undefined>): IncomingRequest {
  const merged = { ...PRESIGNED, ...params };
  const query = Object.entries(merged)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
  return { method: 'GET', path: '/', query: `Action=GetCallerIdentity&${query}`, headers: { host: 'sts.local' } };
}

describe('parseSignature reads valid signatures', () => {
  it('the Authorization header gives scope, signed headers, signature and time', () => {
    const parsed = parseSignature(withAuth(GOOD_AUTH, { 'x-amz-security-token': 'tok' }));
    assert.deepEqual(parsed, {
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      date: '20261122',
      region: 'us-east-1',
      service: 'iam',
      signedHeaders: ['content-type', 'host', 'x-amz-date'],
      signature: SIG,
      requestTime: new Date('2026-11-22T12:00:00Z'),
      amzDate: '20261122T120000Z',
      timeSource: 'x-amz-date',
      presigned: false,
      securityToken: 'tok',
    });
  });

  it('extra spaces and no spaces after commas are both accepted', () => {
    const parsed = parseSignature(
      withAuth(`AWS4-HMAC-SHA256   Credential=${CRED},SignedHeaders=host;x-amz-date ,  Signature=${SIG}`),
    );
    assert.ok(!('ok' in parsed));
    assert.deepEqual(parsed.signedHeaders, ['host', 'x-amz-date']);
  });

  it('a presigned query gives expiry and token', () => {
    const parsed = parseSignature(presigned({ 'X-Amz-Security-Token': 'a+b/c=' }));
    assert.ok(!('ok' in parsed));
    assert.equal(parsed.presigned, true);
    assert.equal(parsed.expiresSeconds, 60);
    assert.equal(parsed.securityToken, 'a+b/c=');
    assert.equal(parsed.timeSource, 'query');
  });

  it('parsing the same header again gives an equal answer that shares no list with the first', () => {
    const first = parseSignature(withAuth(GOOD_AUTH));
    assert.ok(!('ok' in first));
    first.signedHeaders.push('x-injected');
    first.signedHeaders[0] = 'changed';
    const second = parseSignature(withAuth(GOOD_AUTH, { 'x-amz-date': '20261122T120001Z' }));
    assert.ok(!('ok' in second));
    assert.deepEqual(second.signedHeaders, ['content-type', 'host', 'x-amz-date']);
    assert.equal(second.amzDate, '20261122T120001Z');
    assert.equal(second.accessKeyId, 'AKIAIOSFODNN7EXAMPLE');
  });

  it('a remembered credential or header list is still refused in another header when that one is wrong', () => {
    assert.ok(!('ok' in parseSignature(withAuth(GOOD_AUTH))));
    const badDate = parseSignature(withAuth(GOOD_AUTH, { 'x-amz-date': '20261122T250000Z' }));
    assert.equal('ok' in badDate && badDate.code, 'IncompleteSignature');
  });

  it('a presigned query without X-Amz-Expires has no expiry (the skew window applies)', () => {
    const parsed = parseSignature(presigned({ 'X-Amz-Expires': undefined }));
    assert.ok(!('ok' in parsed));
    assert.equal(parsed.expiresSeconds, undefined);
  });
});

describe('parseSignature refuses', () => {
  const cases: { name: string; req: IncomingRequest; code: SigV4Failure['code']; message: string | RegExp }[] = [
    {
      name: 'no Authorization header and no presigned query is MissingAuthenticationToken',
      req: withAuth(undefined),
      code: 'MissingAuthenticationToken',
      message: MISSING_AUTHENTICATION_TOKEN_MESSAGE,
    },
    {
      name: 'an empty Authorization header is MissingAuthenticationToken',
      req: withAuth('   '),
      code: 'MissingAuthenticationToken',
      message: MISSING_AUTHENTICATION_TOKEN_MESSAGE,
    },
    {
      name: 'a header with only the algorithm lists every missing part',
      req: withAuth('AWS4-HMAC-SHA256', {}),
      code: 'IncompleteSignature',
      message:
        "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' " +
        "parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256",
    },
    {
      name: 'a missing Credential is IncompleteSignature naming Credential',
      req: withAuth(`AWS4-HMAC-SHA256 SignedHeaders=host, Signature=${SIG}`),
      code: 'IncompleteSignature',
      message: `Authorization header requires 'Credential' parameter. Authorization=AWS4-HMAC-SHA256 SignedHeaders=host, Signature=${SIG}`,
    },
    {
      name: 'a missing Signature is IncompleteSignature naming Signature',
      req: withAuth(`AWS4-HMAC-SHA256 Credential=${CRED}, SignedHeaders=host`),
      code: 'IncompleteSignature',
      message: /^Authorization header requires 'Signature' parameter\. Authorization=/,
    },
    {
      name: 'a missing SignedHeaders is IncompleteSignature naming SignedHeaders',
      req: withAuth(`AWS4-HMAC-SHA256 Credential=${CRED}, Signature=${SIG}`),
      code: 'IncompleteSignature',
      message: /^Authorization header requires 'SignedHeaders' parameter\. Authorization=/,
    },
    {
      name: 'no X-Amz-Date and no Date header is IncompleteSignature naming both',
      req: { method: 'POST', path: '/', query: '', headers: { host: 'h', authorization: GOOD_AUTH } },
      code: 'IncompleteSignature',
      message: /^Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header\./,
    },
    {
      name: 'a part without an equal sign is IncompleteSignature quoting it',
      req: withAuth(`AWS4-HMAC-SHA256 Credential=${CRED}, SignedHeaders, Signature=${SIG}`),
      code: 'IncompleteSignature',
      message: /^'SignedHeaders' not a valid key=value pair \(missing equal-sign\) in Authorization header: /,
    },
    {
      name: 'a repeated parameter is IncompleteSignature',
      req: withAuth(`${GOOD_AUTH}, Signature=${SIG}`),
      code: 'IncompleteSignature',
      message: /more than one 'Signature' parameter/,
    },
    {
      name: 'SigV4a is InvalidSignatureAlgorithm',
      req: withAuth(
        `AWS4-ECDSA-P256-SHA256 Credential=AKID/20261122/iam/aws4_request, SignedHeaders=host, Signature=30`,
      ),
      code: 'InvalidSignatureAlgorithm',
      message:
        "Unsupported AWS 'algorithm': 'AWS4-ECDSA-P256-SHA256'. Only 'AWS4-HMAC-SHA256' (Signature Version 4) is accepted.",
    },
    {
      name: 'SigV2 header (AWS AKID:sig) is InvalidSignatureAlgorithm',
      req: withAuth('AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg='),
      code: 'InvalidSignatureAlgorithm',
      message: /^Unsupported AWS 'algorithm': 'AWS'/,
    },
    {
      name: 'SigV2 query signature is InvalidSignatureAlgorithm',
      req: {
        method: 'GET',
        path: '/',
        query: 'Action=ListUsers&AWSAccessKeyId=AKID&SignatureVersion=2&SignatureMethod=HmacSHA256&Signature=abc%3D',
        headers: { host: 'h' },
      },
      code: 'InvalidSignatureAlgorithm',
      message: /^Signature Version 2 is not supported/,
    },
    {
      name: 'a Bearer header is IncompleteSignature without echoing the token',
      req: withAuth('Bearer secret-token-value'),
      code: 'IncompleteSignature',
      message: /Authorization=Bearer$/,
    },
    {
      name: 'a credential with 4 parts is IncompleteSignature',
      req: withAuth(`AWS4-HMAC-SHA256 Credential=AKID/20261122/iam/aws4_request, SignedHeaders=host, Signature=${SIG}`),
      code: 'IncompleteSignature',
      message:
        "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKID/20261122/iam/aws4_request'",
    },
    {
      name: 'a credential date that is not YYYYMMDD is IncompleteSignature',
      req: withAuth(GOOD_AUTH.replace('20261122', '2026-11-22')),
      code: 'IncompleteSignature',
      message: "Credential should be scoped to a valid date in YYYYMMDD format, not '2026-11-22'.",
    },
    {
      name: 'a credential date that does not exist (20260231) is IncompleteSignature',
      req: withAuth(GOOD_AUTH.replace('20261122', '20260231')),
      code: 'IncompleteSignature',
      message: "Credential should be scoped to a valid date in YYYYMMDD format, not '20260231'.",
    },
    {
      name: 'a credential region with capitals is IncompleteSignature',
      req: withAuth(GOOD_AUTH.replace('us-east-1', 'US_EAST_1')),
      code: 'IncompleteSignature',
      message: "Credential should be scoped to a valid region, not 'US_EAST_1'.",
    },
    {
      name: 'an empty credential service is IncompleteSignature',
      req: withAuth(GOOD_AUTH.replace('/iam/', '//')),
      code: 'IncompleteSignature',
      message: "Credential should be scoped to a valid service, not ''.",
    },
    {
      name: 'a wrong credential terminator is IncompleteSignature',
      req: withAuth(GOOD_AUTH.replace('aws4_request', 'aws4_requests')),
      code: 'IncompleteSignature',
      message: "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws4_requests'.",
    },
    {
      name: 'an empty access key id is IncompleteSignature',
      req: withAuth(GOOD_AUTH.replace('AKIAIOSFODNN7EXAMPLE', '')),
      code: 'IncompleteSignature',
      message: /^Credential must start with an access key id/,
    },
    {
      name: 'an X-Amz-Date in extended ISO format is IncompleteSignature',
      req: withAuth(GOOD_AUTH, { 'x-amz-date': '2026-11-22T12:00:00Z' }),
      code: 'IncompleteSignature',
      message: `X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`,
    },
    {
      name: 'an X-Amz-Date at hour 24 is IncompleteSignature',
      req: withAuth(GOOD_AUTH, { 'x-amz-date': '20261122T240000Z' }),
      code: 'IncompleteSignature',
      message: /ISO8601 Long Format/,
    },
    {
      name: 'a Date header that is not an HTTP date is IncompleteSignature',
      req: {
        method: 'POST',
        path: '/',
        query: '',
        headers: { host: 'h', authorization: GOOD_AUTH, date: '2026-11-22' },
      },
      code: 'IncompleteSignature',
      message: /^Date must be an HTTP date/,
    },
    {
      name: 'an invalid signed header name is IncompleteSignature',
      req: withAuth(GOOD_AUTH.replace('content-type;host', 'content type;host')),
      code: 'IncompleteSignature',
      message: "SignedHeaders contains an invalid header name: 'content type'.",
    },
    {
      name: 'a header signed twice is IncompleteSignature',
      req: withAuth(GOOD_AUTH.replace('content-type;host', 'host;host')),
      code: 'IncompleteSignature',
      message: "SignedHeaders lists 'host' more than once.",
    },
    {
      name: 'header and query auth together are IncompleteSignature',
      req: { ...presigned({}), headers: { host: 'h', authorization: GOOD_AUTH } },
      code: 'IncompleteSignature',
      message: /^Only one auth mechanism allowed/,
    },
    {
      name: 'a presigned query missing algorithm and signature lists both',
      req: presigned({ 'X-Amz-Algorithm': undefined, 'X-Amz-Signature': undefined }),
      code: 'IncompleteSignature',
      message:
        "AWS query-string parameters must include 'X-Amz-Algorithm'. AWS query-string parameters must include " +
        "'X-Amz-Signature'. Re-examine the query-string parameters.",
    },
    {
      name: 'a presigned query missing credential, signed headers and date lists all three',
      req: presigned({ 'X-Amz-Credential': undefined, 'X-Amz-SignedHeaders': undefined, 'X-Amz-Date': undefined }),
      code: 'IncompleteSignature',
      message:
        "AWS query-string parameters must include 'X-Amz-Credential'. AWS query-string parameters must include " +
        "'X-Amz-SignedHeaders'. AWS query-string parameters must include 'X-Amz-Date'. Re-examine the " +
        'query-string parameters.',
    },
    {
      name: 'a presigned SigV4a algorithm is InvalidSignatureAlgorithm',
      req: presigned({ 'X-Amz-Algorithm': 'AWS4-ECDSA-P256-SHA256' }),
      code: 'InvalidSignatureAlgorithm',
      message: "X-Amz-Algorithm only supports 'AWS4-HMAC-SHA256', not 'AWS4-ECDSA-P256-SHA256'.",
    },
    {
      name: 'a presigned X-Amz-Date in the wrong format is IncompleteSignature',
      req: presigned({ 'X-Amz-Date': '20261122120000' }),
      code: 'IncompleteSignature',
      message: /ISO8601 Long Format/,
    },
    {
      name: 'X-Amz-Expires over a week is IncompleteSignature',
      req: presigned({ 'X-Amz-Expires': '604801' }),
      code: 'IncompleteSignature',
      message: 'X-Amz-Expires must be less than a week (in seconds) that is 604800',
    },
    {
      name: 'X-Amz-Expires negative is IncompleteSignature',
      req: presigned({ 'X-Amz-Expires': '-1' }),
      code: 'IncompleteSignature',
      message: 'X-Amz-Expires must be non-negative',
    },
    {
      name: 'X-Amz-Expires zero is IncompleteSignature',
      req: presigned({ 'X-Amz-Expires': '0' }),
      code: 'IncompleteSignature',
      message: 'X-Amz-Expires must be at least 1 second',
    },
    {
      name: 'X-Amz-Expires not a number is IncompleteSignature',
      req: presigned({ 'X-Amz-Expires': '1e3' }),
      code: 'IncompleteSignature',
      message: 'X-Amz-Expires should be a number',
    },
    {
      name: 'a presigned parameter given twice is IncompleteSignature',
      req: { ...presigned({}), query: `${presigned({}).query}&X-Amz-Signature=${SIG}` },
      code: 'IncompleteSignature',
      message: "AWS query-string parameter 'X-Amz-Signature' appears more than once.",
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = parseSignature(c.req);
      assert.ok('ok' in result, 'expected a failure');
      assert.equal(result.code, c.code);
      if (typeof c.message === 'string') assert.equal(result.message, c.message);
      else assert.match(result.message, c.message);
    });
  }

  it('never throws on arbitrary header and query text', () => {
    const junk = [
      '',
      '=',
      '==',
      ',',
      'AWS4-HMAC-SHA256 ,,,',
      'AWS4-HMAC-SHA256 Credential=/////',
      '%',
      '%zz',
      '\u0000',
    ];
    for (const a of junk) {
      for (const q of junk) {
        const result = parseSignature({ method: 'GET', path: '/', query: q, headers: { host: 'h', authorization: a } });
        assert.equal(typeof result, 'object');
      }
    }
  });
});

describe('the usual header layout and every other layout read alike', () => {
  const usual = parseSignature(withAuth(GOOD_AUTH));
  const variants = [
    `AWS4-HMAC-SHA256  Credential=${CRED},SignedHeaders=content-type;host;x-amz-date,Signature=${SIG}`,
    `AWS4-HMAC-SHA256 Signature=${SIG}, Credential=${CRED}, SignedHeaders=content-type;host;x-amz-date`,
    `AWS4-HMAC-SHA256 Credential= ${CRED} , SignedHeaders=content-type;host;x-amz-date, Signature=${SIG},`,
    `AWS4-HMAC-SHA256\tCredential=${CRED}, SignedHeaders=content-type;host;x-amz-date, Signature=${SIG}`,
  ];
  for (const variant of variants) {
    it(`${JSON.stringify(variant.slice(0, 40))}... gives the same signature as the usual layout`, () => {
      assert.deepEqual(parseSignature(withAuth(variant)), usual);
    });
  }
  it('a usual-looking header with a comma inside a value still gets the general wording', () => {
    const failure = parseSignature(
      withAuth(`AWS4-HMAC-SHA256 Credential=${CRED}, SignedHeaders=host,x, Signature=${SIG}`),
    ) as SigV4Failure;
    assert.equal(failure.code, 'IncompleteSignature');
    assert.match(failure.message, /'x' not a valid key=value pair/);
  });
  it('a usual-looking header with an empty or repeated part is refused as before', () => {
    const empty = parseSignature(withAuth(`AWS4-HMAC-SHA256 Credential=, SignedHeaders=host, Signature=${SIG}`));
    assert.match((empty as SigV4Failure).message, /requires 'Credential' parameter/);
    const twice = parseSignature(
      withAuth(`AWS4-HMAC-SHA256 Credential=${CRED}, SignedHeaders=host, Signature=${SIG}, Signature=${SIG}`),
    );
    assert.equal((twice as SigV4Failure).code, 'IncompleteSignature');
  });
});
