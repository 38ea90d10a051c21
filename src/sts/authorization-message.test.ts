import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IamError } from '../shared/index.ts';
import { createAuthorizationMessageCodec, decodeAuthorizationMessage } from './authorization-message.ts';

const codec = createAuthorizationMessageCodec(Buffer.alloc(32, 3));
const other = createAuthorizationMessageCodec(Buffer.alloc(32, 4));

test('an encoded message decodes to the JSON it carries', () => {
  const details = { allowed: false, explicitDeny: true, context: { action: 'iam:ListUsers' } };
  const message = codec.encode(details);
  assert.deepEqual(JSON.parse(decodeAuthorizationMessage(codec, { EncodedMessage: message }).DecodedMessage), details);
});

test('messages that were not sealed here are InvalidAuthorizationMessageException', () => {
  const good = codec.encode({ a: 1 });
  const flipped = `${good.slice(0, 20)}${good[20] === 'A' ? 'B' : 'A'}${good.slice(21)}`;
  const cases: [string, string][] = [
    ['another master key', other.encode({ a: 1 })],
    ['a changed character', flipped],
    ['not base64url', 'abc def'],
    ['too short', 'AQ'],
    ['a line break', `${good}\n`],
  ];
  for (const [name, message] of cases) {
    assert.throws(
      () => decodeAuthorizationMessage(codec, { EncodedMessage: message }),
      (e: unknown) => e instanceof IamError && e.code === 'InvalidAuthorizationMessageException',
      name,
    );
  }
});

test('a missing or oversized message is a ValidationError; no codec decodes nothing', () => {
  const cases: [string, string | undefined][] = [
    ['missing', undefined],
    ['empty', ''],
    ['oversized', 'A'.repeat(10_241)],
  ];
  for (const [name, message] of cases) {
    assert.throws(
      () => decodeAuthorizationMessage(codec, message === undefined ? {} : { EncodedMessage: message }),
      (e: unknown) => e instanceof IamError && e.code === 'ValidationError',
      name,
    );
  }
  assert.throws(
    () => decodeAuthorizationMessage(undefined, { EncodedMessage: codec.encode({}) }),
    (e: unknown) => e instanceof IamError && e.code === 'InvalidAuthorizationMessageException',
  );
});
