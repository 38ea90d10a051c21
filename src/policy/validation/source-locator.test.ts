import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sourceLocator } from './source-locator.ts';

const text =
  '{\n  "Statement": [\n    { "Effect": "Allow", "Action": ["a:b", "c:d"],\n      "Condition": { "StringEquals": { "aws:PrincipalTag/team": "x" } } }\n  ]\n}';

describe('sourceLocator', () => {
  const cases: [string, [number, number] | undefined][] = [
    ['', [1, 1]],
    ['/Statement', [2, 3]],
    ['/Statement/0', [3, 5]],
    ['/Statement/0/Effect', [3, 7]],
    ['/Statement/0/Action/1', [3, 44]],
    ['/Statement/0/Condition/StringEquals/aws:PrincipalTag~1team', [4, 40]],
    ['/Statement/0/Resource/3', [3, 5]],
  ];
  for (const [pointer, expected] of cases) {
    it(`locates \`${pointer}\` at ${expected?.join(':')} (nearest existing ancestor)`, () => {
      const at = sourceLocator(text).locate(pointer);
      assert.deepEqual(at ? [at.line, at.column] : undefined, expected);
    });
  }

  it('does not throw on malformed text and still locates what it read', () => {
    const locator = sourceLocator('{"Statement": [ {"Effect": ');
    assert.deepEqual(locator.locate('/Statement/0/Effect'), { line: 1, column: 18 });
  });
});
