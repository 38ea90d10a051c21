import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { statementSpans } from './statement-positions.ts';

describe('statementSpans', () => {
  it('finds each element of a Statement array with 1-based lines and columns', () => {
    const text =
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow", "Action": "*", "Resource": "*"},\n    {"Effect": "Deny", "Action": "iam:*", "Resource": ["a", "b"]}\n  ]\n}';
    assert.deepEqual(statementSpans(text), [
      { start: { Line: 4, Column: 5 }, end: { Line: 4, Column: 56 } },
      { start: { Line: 5, Column: 5 }, end: { Line: 5, Column: 66 } },
    ]);
  });

  it('finds a single Statement object after other members, escapes and nesting included', () => {
    const text =
      '{"Id":"x\\"}","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}}';
    const spans = statementSpans(text);
    assert.equal(spans.length, 1);
    assert.deepEqual(spans[0]!.start, { Line: 1, Column: 26 });
    assert.deepEqual(spans[0]!.end, { Line: 1, Column: text.length });
  });

  const broken: [string, string][] = [
    ['not an object', '[1]'],
    ['truncated', '{"Statement": [{"Effect": "Allow"'],
    ['empty', ''],
    ['no statement', '{"Version": "2012-10-17"}'],
  ];
  for (const [name, text] of broken) {
    it(`returns what it could read, never throws, when the text is ${name}`, () => {
      assert.ok(Array.isArray(statementSpans(text)));
    });
  }
});
