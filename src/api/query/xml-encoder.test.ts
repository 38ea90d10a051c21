import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodePolicyDocument, encodeResult, isoTimestamp, xmlText } from './xml-encoder.ts';

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
});
