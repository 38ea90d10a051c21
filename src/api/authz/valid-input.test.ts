import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  decodeAuthorize,
  decodeAuthorizeBatch,
  decodeAuthorizeBatchBySchema,
  decodeAuthorizeBySchema,
  MAX_BATCH,
} from './authorize-input.ts';
import { isValidAuthorizeBody, isValidBatchBody } from './valid-input.ts';

// Values near every rule's edges, valid and not, so the two checkers meet on both sides of each rule.
const strings = fc.oneof(
  fc.constantFrom('', 'x', 'GET', 'a'.repeat(16), 'a'.repeat(17), '/b/k', '123456789012', '12345678901', '__proto__'),
  fc.constantFrom('s3:GetObject', 'GetObject', 's3:Get*', 'iam:Get?ser', 's3:', 'e3b0'.repeat(16), 'E3B0'.repeat(16)),
  fc.string({ maxLength: 8 }),
);
const scalars = fc.oneof(strings, fc.integer(), fc.boolean(), fc.constant(null));
const values = fc.oneof(scalars, fc.array(strings, { maxLength: 2 }), fc.array(scalars, { maxLength: 2 }));
const record = (value: fc.Arbitrary<unknown>) =>
  fc.dictionary(fc.oneof(strings, fc.constant('__proto__')), value, { maxKeys: 3 });
const anything = fc.oneof(scalars, values, record(values), fc.constant([]));

/** A valid member most of the time, else anything at all (or missing). */
const mostly = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 6, arbitrary: valid },
    { weight: 1, arbitrary: anything },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
const stringList = fc.oneof(fc.string({ maxLength: 4 }), fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }));
const validRecord = fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), stringList, { maxKeys: 3 });
/** Sometimes one unknown member. */
const extra = fc.oneof(
  { weight: 5, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.dictionary(strings, scalars, { maxKeys: 1 }) },
);

const request = fc.record({
  method: mostly(fc.constantFrom('GET', 'put', 'x'.repeat(16))),
  path: mostly(fc.constantFrom('/b/k', '/b/k?x=1', '/')),
  query: fc.option(mostly(fc.constantFrom('', 'a=1')), { nil: undefined }),
  headers: mostly(validRecord),
  payloadHash: fc.option(mostly(fc.constantFrom('e3b0'.repeat(16), 'E3B0'.repeat(16))), { nil: undefined }),
  body: fc.option(mostly(fc.constantFrom('', 'aGk=')), { nil: undefined }),
  extra,
});
const question = fc.record({
  action: mostly(fc.constantFrom('s3:GetObject', 's3:Get*', 'iam:Get?ser', 'GetObject')),
  resource: mostly(
    fc.record({
      arn: mostly(fc.constantFrom('arn:aws:s3:::b/k', '*')),
      accountId: fc.option(mostly(fc.constantFrom('123456789012', '12345678901')), { nil: undefined }),
      extra,
    }),
  ),
  resourcePolicy: fc.option(mostly(fc.oneof(fc.constant(null), fc.constant('{}'), record(values))), { nil: undefined }),
  context: fc.option(mostly(validRecord), { nil: undefined }),
  extra,
});
const subject = fc.oneof(
  fc.record({ request }),
  fc.record({ principalArn: mostly(fc.constantFrom('arn:aws:iam::123456789012:root', 'x')) }),
  fc.record({ request, principalArn: fc.constant('arn') }),
  fc.constant({}),
);
/** Flattens the generated `extra` members in and drops undefined values, as a JSON body never has them. */
const json = (o: unknown): unknown =>
  JSON.parse(
    JSON.stringify(o, (_key, value: unknown) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value) || !('extra' in value)) return value;
      const { extra: more, ...rest } = value as Record<string, unknown>;
      return { ...rest, ...(more as object) };
    }),
  );

/** Zod's answer, or its error. */
function zodOrError(decode: () => unknown): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: decode() };
  } catch {
    return { ok: false };
  }
}

test('the hand check accepts only single bodies zod accepts, and yields the same value', () => {
  let accepted = 0;
  fc.assert(
    fc.property(subject, question, (who, q) => {
      const body = json({ ...who, ...q });
      if (!isValidAuthorizeBody(body)) return;
      accepted++;
      const zodOnly = zodOrError(() => decodeAuthorizeBySchema(JSON.parse(JSON.stringify(body))));
      assert.ok(zodOnly.ok, `zod refused what the hand check accepted: ${JSON.stringify(body)}`);
      assert.deepEqual(decodeAuthorize(body), zodOnly.value);
    }),
    { numRuns: 3000 },
  );
  assert.ok(accepted > 50, `too few valid bodies generated (${accepted}) to compare`);
});

test('the hand check accepts only batch bodies zod accepts, and yields the same value', () => {
  let accepted = 0;
  fc.assert(
    fc.property(subject, fc.array(question, { maxLength: 2 }), fc.constantFrom({}, { x: 1 }), (who, questions, more) => {
      const body = json({ ...who, questions, ...more });
      if (!isValidBatchBody(body, MAX_BATCH)) return;
      accepted++;
      const zodOnly = zodOrError(() => decodeAuthorizeBatchBySchema(JSON.parse(JSON.stringify(body))));
      assert.ok(zodOnly.ok, `zod refused what the hand check accepted: ${JSON.stringify(body)}`);
      assert.deepEqual(decodeAuthorizeBatch(body), zodOnly.value);
    }),
    { numRuns: 6000 },
  );
  assert.ok(accepted > 5, `too few valid bodies generated (${accepted}) to compare`);
});

test('a typical valid body takes the hand-checked path', () => {
  const body = {
    request: {
      method: 'GET',
      path: '/b/k',
      headers: { host: 'h', 'x-multi': ['a', 'b'] },
      payloadHash: 'e3b0'.repeat(16),
    },
    action: 's3:GetObject',
    resource: { arn: 'arn:aws:s3:::b/k', accountId: '123456789012' },
    resourcePolicy: { Version: '2012-10-17', Statement: [] },
    context: { 'aws:SourceIp': '10.0.0.1', 's3:prefix': ['a/', 'b/'] },
  };
  assert.equal(isValidAuthorizeBody(body), true);
  assert.equal(isValidBatchBody({ principalArn: 'arn', questions: [body].map(({ request: _r, ...q }) => q) }, 1), true);
  assert.equal(isValidBatchBody({ principalArn: 'arn', questions: [] }, 1), false);
});
