import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AuthzError } from './authz-error.ts';
import { decodeAuthorize, decodeAuthorizeBatch, MAX_BATCH } from './authorize-input.ts';

const q = { action: 's3:GetObject', resource: { arn: 'arn:aws:s3:::b/k' } };
const req = { method: 'GET', path: '/b/k', headers: { host: 'h' } };

const rejected: { name: string; body: unknown; code: string; mentions: RegExp }[] = [
  { name: 'a body that is not an object', body: 'x', code: 'ValidationError', mentions: /\(body\)/ },
  { name: 'neither request nor principalArn', body: q, code: 'MissingParameter', mentions: /principalArn/ },
  {
    name: 'both request and principalArn',
    body: { ...q, request: req, principalArn: 'arn' },
    code: 'InvalidParameterCombination',
    mentions: /not both/,
  },
  {
    name: 'an action without a service',
    body: { ...q, principalArn: 'a', action: 'GetObject' },
    code: 'ValidationError',
    mentions: /action/,
  },
  {
    name: 'an unknown member',
    body: { ...q, principalArn: 'a', extra: true },
    code: 'ValidationError',
    mentions: /extra/,
  },
  {
    name: 'a bad account id',
    body: { ...q, principalArn: 'a', resource: { arn: '*', accountId: '12' } },
    code: 'ValidationError',
    mentions: /resource\.accountId/,
  },
  {
    name: 'a payload hash that is not hex',
    body: { ...q, request: { ...req, payloadHash: 'zz' } },
    code: 'ValidationError',
    mentions: /payloadHash/,
  },
  {
    name: 'a context value that is a number',
    body: { ...q, principalArn: 'a', context: { k: 1 } },
    code: 'ValidationError',
    mentions: /context\.k/,
  },
];

for (const c of rejected) {
  test(`decodeAuthorize rejects ${c.name} with ${c.code}`, () => {
    assert.throws(
      () => decodeAuthorize(c.body),
      (e: unknown) => e instanceof AuthzError && e.code === c.code && e.status === 400 && c.mentions.test(e.message),
    );
  });
}

test('decodeAuthorize accepts a forwarded request and keeps the question apart', () => {
  const input = decodeAuthorize({ ...q, request: req, context: { 'aws:SourceIp': '10.0.0.1' } });
  assert.deepEqual(input.subject, { request: req });
  assert.deepEqual(input.question, { ...q, context: { 'aws:SourceIp': '10.0.0.1' } });
});

test(`decodeAuthorizeBatch accepts ${MAX_BATCH} questions and refuses ${MAX_BATCH + 1} or none`, () => {
  const many = (n: number) => ({
    principalArn: 'arn:aws:iam::123456789012:root',
    questions: Array.from({ length: n }, () => q),
  });
  assert.equal(decodeAuthorizeBatch(many(MAX_BATCH)).questions.length, MAX_BATCH);
  assert.throws(() => decodeAuthorizeBatch(many(MAX_BATCH + 1)), /at most 100 questions per batch, got 101/);
  assert.throws(
    () => decodeAuthorizeBatch(many(0)),
    (e: unknown) => e instanceof AuthzError && e.status === 400,
  );
});
