import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { errorCode, type RawResponse, rawRequest, signedRequest, startTestServer, type TestServer } from './harness.ts';

/** Every bad request must be answered with an AWS-shaped XML error and a 4xx status. */
function assertAwsError(r: RawResponse, code?: string): void {
  assert.ok(r.status >= 400 && r.status < 500, `status ${r.status}: ${r.body}`);
  assert.match(String(r.headers['content-type']), /^text\/xml/);
  assert.match(
    r.body,
    /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<ErrorResponse xmlns="https:\/\/(iam|sts)\.amazonaws\.com\/doc\/[\d-]+\/"><Error><Type>Sender<\/Type><Code>/,
  );
  assert.match(r.body, /<RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/);
  if (code) assert.equal(errorCode(r.body), code, r.body);
}

describe('bad input always gets an AWS-shaped error, never a 500', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());
  const signed = (body: string | Buffer) => signedRequest(t.port, body, { credentials: t.root });

  const cases: [string, string | Buffer, string][] = [
    [
      'a broken percent-escape is MalformedQueryString',
      'Action=GetUser&Version=2010-05-08&UserName=%zz',
      'MalformedQueryString',
    ],
    [
      'an escaped non-UTF-8 byte is MalformedQueryString',
      'Action=GetUser&Version=2010-05-08&UserName=%C3%28',
      'MalformedQueryString',
    ],
    [
      'raw non-UTF-8 bytes are MalformedQueryString',
      Buffer.concat([Buffer.from('Action=GetUser&Version=2010-05-08&UserName='), Buffer.from([0xff, 0xfe])]),
      'MalformedQueryString',
    ],
    [
      'a duplicate parameter is InvalidParameterValue',
      'Action=GetUser&Version=2010-05-08&UserName=a&UserName=b',
      'InvalidParameterValue',
    ],
    ['a missing required parameter is ValidationError', 'Action=CreateUser&Version=2010-05-08', 'ValidationError'],
    [
      'an unknown parameter is InvalidParameterValue',
      'Action=ListUsers&Version=2010-05-08&Colour=blue',
      'InvalidParameterValue',
    ],
    [
      'a non-numeric MaxItems is ValidationError',
      'Action=ListUsers&Version=2010-05-08&MaxItems=lots',
      'ValidationError',
    ],
    ['MaxItems=0 is ValidationError', 'Action=ListUsers&Version=2010-05-08&MaxItems=0', 'ValidationError'],
    [
      'a 100 000-character user name is ValidationError',
      `Action=CreateUser&Version=2010-05-08&UserName=${'u'.repeat(100_000)}`,
      'ValidationError',
    ],
    ['a garbled marker is an error', 'Action=ListUsers&Version=2010-05-08&Marker=%01%02garbage', ''],
    ['an unknown action is InvalidAction', 'Action=DeleteEverything&Version=2010-05-08', 'InvalidAction'],
    ['a prototype name as action is InvalidAction', 'Action=constructor&Version=2010-05-08', 'InvalidAction'],
    ['an empty body is MissingAction', '', 'MissingAction'],
    ['a JSON body is read as a form and has no action', '{"Action":"GetUser"}', 'MissingAction'],
  ];
  for (const [name, body, code] of cases) {
    test(name, async () => assertAwsError(await signed(body), code || undefined));
  }

  test('a body over 1 MiB is InvalidParameterValue', async () => {
    const r = await signed(`Action=CreateUser&Version=2010-05-08&UserName=${'u'.repeat(1_100_000)}`);
    assertAwsError(r, 'InvalidParameterValue');
  });

  test('an unsigned request with an unknown action is MissingAuthenticationToken (nothing leaks)', async () => {
    assertAwsError(await rawRequest(t.port, { body: 'Action=Nope' }), 'MissingAuthenticationToken');
  });

  test('a well-formed header with a garbage signature is SignatureDoesNotMatch', async () => {
    const date = new Date()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
    const r = await rawRequest(t.port, {
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-amz-date': date,
        authorization: `AWS4-HMAC-SHA256 Credential=${t.root.accessKeyId}/${date.slice(0, 8)}/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
      },
      body: 'Action=GetUser&Version=2010-05-08',
    });
    assertAwsError(r, 'SignatureDoesNotMatch');
  });

  test('a request node cannot parse as HTTP gets an XML error and a closed connection', async () => {
    for (const text of ['POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n', 'GARBAGE\r\n\r\n']) {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(t.port, '127.0.0.1', () => socket.write(text));
        let out = '';
        socket.on('data', (d: Buffer) => {
          out += d.toString();
        });
        socket.on('end', () => resolve(out));
        socket.on('error', reject);
      });
      assert.match(answer, /^HTTP\/1\.1 400 Bad Request\r\n/);
      assert.match(
        answer,
        /\r\n\r\n<\?xml[^>]*>\n<ErrorResponse [^>]*><Error><Type>Sender<\/Type><Code>InvalidParameterValue<\/Code>/,
      );
    }
  });

  test('other methods get an XML error', async () => {
    assertAwsError(await rawRequest(t.port, { method: 'PUT', body: 'x' }));
    assertAwsError(await rawRequest(t.port, { method: 'DELETE' }));
  });

  test('/_iamd/reset does not exist outside dev mode (normal authentication applies)', async () => {
    assertAwsError(await rawRequest(t.port, { path: '/_iamd/reset' }), 'MissingAuthenticationToken');
  });

  test('property: any signed form body gets a 200 or an AWS 4xx error, never a 500', async () => {
    const token = fc.oneof(
      fc.constantFrom(
        'Action',
        'Version',
        'UserName',
        'Tags.member.1.Key',
        'TagKeys',
        'MaxItems',
        '%',
        '=',
        '&',
        '+',
        '%FF',
      ),
      fc.string({ maxLength: 8 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(token, { maxLength: 12 }),
        fc.constantFrom('ListUsers', 'CreateUser', 'TagUser', 'GetUser'),
        async (parts, action) => {
          const r = await signed(`Action=${action}&Version=2010-05-08&${parts.join('')}`);
          assert.ok(r.status < 500, `${r.status}: ${r.body}`);
          if (r.status !== 200) assertAwsError(r);
        },
      ),
      { numRuns: 60 },
    );
  });
});
