import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { XMLBuilder } from 'fast-xml-parser';
import { buildXml, encodePolicyDocument, encodeResult, isoTimestamp, NAMESPACES, xmlText } from './xml-encoder.ts';

test('a result is wrapped in OpResponse/OpResult with the namespace and request id', () => {
  const xml = encodeResult(
    'GetUser',
    'iam',
    { User: { UserName: 'a', CreateDate: new Date('2026-11-22T11:24:01.123Z') } },
    'rid',
  );
  assert.equal(
    xml,
    '<?xml version="1.0" encoding="UTF-8"?>\n<GetUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">' +
      '<GetUserResult><User><UserName>a</UserName><CreateDate>2026-11-22T11:24:01Z</CreateDate></User></GetUserResult>' +
      '<ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></GetUserResponse>',
  );
});

test('an action with no output has only ResponseMetadata', () => {
  const xml = encodeResult('DeleteUser', 'iam', {}, 'rid');
  assert.match(
    xml,
    /<DeleteUserResponse [^>]*><ResponseMetadata><RequestId>rid<\/RequestId><\/ResponseMetadata><\/DeleteUserResponse>$/,
  );
});

test('lists become member elements, empty lists an empty element, maps entry/key/value', () => {
  const xml = encodeResult(
    'X',
    'sts',
    { L: ['a', 'b'], E: [], M: new Map([['Users', 5]]), B: false, U: undefined },
    'r',
  );
  assert.match(xml, /xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"/);
  assert.match(xml, /<L><member>a<\/member><member>b<\/member><\/L><E><\/E>/);
  assert.match(xml, /<M><entry><key>Users<\/key><value>5<\/value><\/entry><\/M><B>false<\/B><\/XResult>/);
});

test('text is escaped and characters XML cannot carry are replaced', () => {
  const xml = encodeResult('X', 'iam', { V: 'a<b>&"\u0001' }, 'r');
  assert.match(xml, /<V>a&lt;b&gt;&amp;"\uFFFD<\/V>/);
  assert.equal(xmlText('ok\uD800x'), 'ok\uFFFDx');
});

test('policy documents are RFC 3986 encoded, space as %20', () => {
  assert.equal(encodePolicyDocument('{"A": "b*(c)!\'"}'), '%7B%22A%22%3A%20%22b%2A%28c%29%21%27%22%7D');
  const xml = encodeResult('GetUserPolicy', 'iam', { PolicyDocument: '{"a": 1}' }, 'r');
  assert.match(xml, /<PolicyDocument>%7B%22a%22%3A%201%7D<\/PolicyDocument>/);
});

test('timestamps are whole-second ISO 8601 UTC', () => {
  assert.equal(isoTimestamp(new Date(Date.UTC(2026, 10, 22, 1, 2, 3, 999))), '2026-11-22T01:02:03Z');
  assert.equal(isoTimestamp(new Date('+012026-01-02T03:04:05.678Z')), '+012026-01-02T03:04:05Z');
});

test('a repeated timestamp is formatted the same, and a new one replaces it', () => {
  const a = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
  const b = new Date(Date.UTC(2027, 5, 6, 7, 8, 9));
  for (let i = 0; i < 3; i++) {
    assert.equal(isoTimestamp(a), '2026-01-02T03:04:05Z');
    assert.equal(isoTimestamp(new Date(a.getTime())), '2026-01-02T03:04:05Z');
    assert.equal(isoTimestamp(b), '2027-06-06T07:08:09Z');
  }
  assert.throws(() => isoTimestamp(new Date(Number.NaN)), RangeError);
});

// The encoder before it wrote strings directly: fast-xml-parser's builder over an intermediate tree. Kept as an
// oracle so the wire format provably did not change.
const oracleBuilder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: false,
  processEntities: false,
});
const POLICY_MEMBERS = new Set(['AssumeRolePolicyDocument', 'PolicyDocument', 'Document']);
function oracleNode(value: unknown, name: string): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return xmlText(POLICY_MEMBERS.has(name) ? encodePolicyDocument(value) : value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return isoTimestamp(value);
  if (Array.isArray(value)) return value.length === 0 ? '' : { member: value.map((v) => oracleNode(v, 'member')) };
  if (value instanceof Map) {
    if (value.size === 0) return '';
    return { entry: [...value].map(([k, v]) => ({ key: oracleNode(k, 'key'), value: oracleNode(v, 'value') })) };
  }
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value as object)) {
    const node = oracleNode(member, key);
    if (node !== undefined) out[key] = node;
  }
  return out;
}
function oracleEncode(action: string, service: 'iam' | 'sts', output: object, requestId: string): string {
  const result = oracleNode(output, `${action}Result`) as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  if (Object.keys(result).length > 0) body[`${action}Result`] = result;
  body['ResponseMetadata'] = { RequestId: xmlText(requestId) };
  const root = { [`${action}Response`]: { '@_xmlns': NAMESPACES[service], ...body } };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${oracleBuilder.build(root)}`;
}

test('any output shape encodes exactly as the fast-xml-parser builder encoded it', () => {
  const name = fc.constantFrom('UserName', 'Arn', 'PolicyDocument', 'Document', 'Tags', 'Key', 'Value', 'member');
  const text = fc.string({
    unit: fc.constantFrom('a', ' ', '&', '<', '>', '"', "'", '{', '%', '\u0001', '\uD800', 'é'),
  });
  const scalar = fc.oneof(
    text,
    fc.integer(),
    fc.boolean(),
    fc.constant(undefined),
    fc.constant(null),
    fc.date({ min: new Date(0), max: new Date('2100-01-01'), noInvalidDate: true }),
  );
  const { shape } = fc.letrec<{ shape: unknown }>((tie) => ({
    shape: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      fc.array(tie('shape'), { maxLength: 3 }),
      fc.dictionary(name, tie('shape'), { maxKeys: 4 }),
      fc.array(fc.tuple(text, tie('shape')), { maxLength: 2 }).map((pairs) => new Map(pairs)),
    ),
  }));
  const output = fc.dictionary(name, shape, { maxKeys: 5 });
  fc.assert(
    fc.property(output, fc.constantFrom('iam' as const, 'sts' as const), text, (o, service, requestId) => {
      // Both throw (URIError) on a policy document holding a lone surrogate: agreement too.
      const attempt = (f: () => string) => {
        try {
          return f();
        } catch (error) {
          return `threw ${(error as Error).name}`;
        }
      };
      assert.equal(
        attempt(() => encodeResult('GetUser', service, o, requestId)),
        attempt(() => oracleEncode('GetUser', service, o, requestId)),
      );
    }),
    { numRuns: 400 },
  );
});

test('an error tree is written like the builder wrote it', () => {
  const tree = { Error: { Type: 'Sender', Code: 'NoSuchEntity', Message: xmlText("user 'a' & <b>") }, RequestId: 'r' };
  const built = oracleBuilder.build({ ErrorResponse: { '@_xmlns': NAMESPACES.iam, ...tree } });
  const expected = `<?xml version="1.0" encoding="UTF-8"?>\n${built}`;
  assert.equal(buildXml('ErrorResponse', 'iam', tree), expected);
});

test('a policy document with a lone surrogate is encoded, not a failure', () => {
  assert.equal(encodePolicyDocument('{"a":"\ud800"}'), '%7B%22a%22%3A%22%EF%BF%BD%22%7D');
});
