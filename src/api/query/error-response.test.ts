import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IamError, type IamErrorCode } from '../../shared/index.ts';
import { errorResponse, statusOf } from './error-response.ts';

const statuses: [IamErrorCode, number][] = [
  ['NoSuchEntity', 404],
  ['EntityAlreadyExists', 409],
  ['DeleteConflict', 409],
  ['LimitExceeded', 409],
  ['ValidationError', 400],
  ['InvalidAction', 400],
  ['MissingAuthenticationToken', 403],
  ['InvalidClientTokenId', 403],
  ['SignatureDoesNotMatch', 403],
  ['IncompleteSignature', 400],
  ['RequestExpired', 400],
  ['MalformedQueryString', 404],
  ['ServiceUnavailable', 503],
];
for (const [code, status] of statuses) {
  test(`${code} is HTTP ${status}`, () => assert.equal(statusOf(code), status));
}

test('an IamError becomes a Sender ErrorResponse with code and message', () => {
  const r = errorResponse(new IamError('NoSuchEntity', 'The user with name <x> cannot be found.'), 'iam', 'rid');
  assert.equal(r.status, 404);
  assert.equal(
    r.body,
    '<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">' +
      '<Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The user with name &lt;x&gt; cannot be found.</Message></Error>' +
      '<RequestId>rid</RequestId></ErrorResponse>',
  );
});

test('anything else is a Receiver InternalFailure 500 carrying no detail', () => {
  const r = errorResponse(new Error('database password is hunter2'), 'sts', 'rid');
  assert.equal(r.status, 500);
  assert.equal(r.code, 'InternalFailure');
  assert.match(r.body, /<Type>Receiver<\/Type><Code>InternalFailure<\/Code><\/Error><RequestId>rid<\/RequestId>/);
  assert.doesNotMatch(r.body, /hunter2/);
});
