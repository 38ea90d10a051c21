import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { test } from 'node:test';
import { ManualClock } from '../shared/index.ts';
import { createAuthorizeGate, forwardedRequestOf, GateRefusal } from './authorize-gate.ts';
import { IamdApiError } from './iamd-api-error.ts';
import { type ExpressLikeRequest, iamdMiddleware } from './middleware.ts';
import type { AuthorizeQuestion, AuthorizeResponse } from './types.ts';

const QUESTION: AuthorizeQuestion = { action: 's3:GetObject', resource: { arn: 'arn:aws:s3:::b/k' } };

function response(decision: 'Allow' | 'Deny'): AuthorizeResponse {
  return {
    decision,
    detail: decision === 'Allow' ? 'Allow' : 'ImplicitDeny',
    action: QUESTION.action,
    resource: QUESTION.resource.arn,
    reasons: [],
    perKind: {},
    missingContextKeys: [],
    message: '',
    principal: {
      arn: 'arn:aws:iam::111122223333:user/a',
      accountId: '111122223333',
      userId: 'AIDA',
      type: 'user',
      tags: {},
    },
  };
}

function raw(headers: Record<string, string> = {}): IncomingMessage {
  return { method: 'GET', url: '/b/k?x=1', headers: { host: 'h', ...headers } } as unknown as IncomingMessage;
}

/** A client that answers from a script and counts calls. */
function scripted(answer: () => AuthorizeResponse) {
  const client = {
    calls: 0,
    authorize: async () => {
      client.calls++;
      return answer();
    },
  };
  return client;
}

const outcomes: { name: string; answer: () => AuthorizeResponse; status?: number; code?: string; errors?: number }[] = [
  { name: 'an Allow passes with the verdict', answer: () => response('Allow') },
  { name: 'a Deny is a 403 AccessDenied', answer: () => response('Deny'), status: 403, code: 'AccessDenied' },
  {
    name: 'a forwarded-request failure is answered with its own code and status',
    answer: () => {
      throw new IamdApiError('SignatureDoesNotMatch', 403, 'The request signature…', 'request');
    },
    status: 403,
    code: 'SignatureDoesNotMatch',
  },
  {
    name: 'the gate’s own failure is a 500 InternalError, reported to onError',
    answer: () => {
      throw new IamdApiError('AccessDenied', 403, 'not allowed iamd:Authorize', 'caller');
    },
    status: 500,
    code: 'InternalError',
    errors: 1,
  },
];
for (const c of outcomes) {
  test(`gate: ${c.name}`, async () => {
    const errors: unknown[] = [];
    const gate = createAuthorizeGate({
      client: scripted(c.answer),
      describe: () => QUESTION,
      onError: (e) => errors.push(e),
    });
    const result = await gate(null, raw(), undefined);
    if (c.status === undefined) {
      assert.ok(result.ok);
      assert.equal(result.verdict.principal.arn, 'arn:aws:iam::111122223333:user/a');
    } else {
      assert.ok(!result.ok);
      assert.equal(result.status, c.status);
      assert.match(result.body, new RegExp(`<Error><Code>${c.code}</Code>`));
    }
    assert.equal(errors.length, c.errors ?? 0);
  });
}

test('gate: describe may refuse with an S3 error before iamd is asked', async () => {
  const client = scripted(() => response('Allow'));
  const gate = createAuthorizeGate({
    client,
    describe: () => {
      throw new GateRefusal('NoSuchBucket', 404, 'The specified bucket does not exist');
    },
  });
  const result = await gate(null, raw(), undefined);
  assert.ok(!result.ok && result.status === 404 && result.body.includes('NoSuchBucket'));
  assert.equal(client.calls, 0);
});

test('gate: with cacheSeconds an identical allowed request is answered from memory, a Deny never is', async () => {
  const clock = new ManualClock();
  let decision: 'Allow' | 'Deny' = 'Allow';
  const client = scripted(() => response(decision));
  const gate = createAuthorizeGate({ client, describe: () => QUESTION, cacheSeconds: 2, clock });
  await gate(null, raw(), undefined);
  await gate(null, raw(), undefined);
  assert.equal(client.calls, 1);
  clock.advance(2000);
  decision = 'Deny';
  assert.equal((await gate(null, raw(), undefined)).ok, false);
  assert.equal((await gate(null, raw(), undefined)).ok, false);
  assert.equal(client.calls, 3);
});

test('forwardedRequestOf hashes a read body, else forwards the declared hash, else nothing', () => {
  const body = Buffer.from('hello');
  const hex = createHash('sha256').update(body).digest('hex');
  assert.equal(forwardedRequestOf(raw(), body).payloadHash, hex);
  assert.equal(forwardedRequestOf(raw({ 'x-amz-content-sha256': hex }), undefined).payloadHash, hex);
  assert.equal(
    forwardedRequestOf(raw({ 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }), undefined).payloadHash,
    undefined,
  );
  assert.equal(forwardedRequestOf(raw(), undefined).path, '/b/k?x=1');
});

test('express middleware: next() with req.iamd on Allow; an XML 403 on Deny', async () => {
  for (const decision of ['Allow', 'Deny'] as const) {
    const middleware = iamdMiddleware({ client: scripted(() => response(decision)), describe: () => QUESTION });
    const req = raw() as ExpressLikeRequest;
    const sent: { status?: number; type?: string; body?: string; next?: boolean } = {};
    const res = {
      set statusCode(s: number) {
        sent.status = s;
      },
      setHeader: (_n: string, v: string) => {
        sent.type = v;
      },
      end: (b: string) => {
        sent.body = b;
      },
    } as unknown as ServerResponse;
    await new Promise<void>((resolve) => {
      middleware(req, res, () => {
        sent.next = true;
        resolve();
      });
      setImmediate(resolve);
    });
    if (decision === 'Allow') {
      assert.equal(sent.next, true);
      assert.equal(req.iamd?.decision, 'Allow');
    } else {
      assert.equal(sent.status, 403);
      assert.equal(sent.type, 'application/xml');
      assert.match(sent.body ?? '', /<Code>AccessDenied<\/Code>/);
    }
  }
});

test('IamdApiError.fromResponse reads the envelope and survives a body that is not one', () => {
  const e = IamdApiError.fromResponse(
    403,
    JSON.stringify({ error: { code: 'InvalidAccessKeyId', message: 'm', subject: 'request', requestId: 'r' } }),
  );
  assert.deepEqual([e.code, e.status, e.subject, e.requestId], ['InvalidAccessKeyId', 403, 'request', 'r']);
  const odd = IamdApiError.fromResponse(502, '<html>');
  assert.deepEqual([odd.code, odd.subject], ['InternalFailure', 'caller']);
});
