import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isIamError } from '../shared/index.ts';
import { Violations, checkName, checkPage, checkPath } from './validation.ts';

function message(fill: (v: Violations) => void): string | undefined {
  const v = new Violations();
  fill(v);
  try {
    v.throwIfAny();
    return undefined;
  } catch (e) {
    assert.ok(isIamError(e) && e.code === 'ValidationError');
    return e.message;
  }
}

describe('Violations: AWS ValidationError wording', () => {
  const cases: [string, (v: Violations) => void, string | undefined][] = [
    ['a valid name passes', (v) => checkName(v, 'userName', 'alice.b@x', 64), undefined],
    [
      'a 65-character name is too long',
      (v) => checkName(v, 'userName', 'a'.repeat(65), 64),
      `1 validation error detected: Value '${'a'.repeat(65)}' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    ],
    [
      'a name with a space breaks the pattern',
      (v) => checkName(v, 'roleName', 'a b', 64),
      "1 validation error detected: Value 'a b' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    ],
    [
      'an empty name is too short',
      (v) => checkName(v, 'userName', '', 64),
      "1 validation error detected: Value '' at 'userName' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ],
    [
      'two violations are counted and joined with "; "',
      (v) => {
        checkName(v, 'userName', 'a b', 64);
        checkPath(v, 'path', 'nope');
      },
      "2 validation errors detected: Value 'a b' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+; Value 'nope' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)",
    ],
    [
      'a missing required member is null',
      (v) => v.required('userName', undefined),
      "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null",
    ],
    [
      'an enum outside its set lists the set',
      (v) => v.oneOf('status', 'On', ['Active', 'Inactive']),
      "1 validation error detected: Value 'On' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]",
    ],
    [
      'MaxItems above 1000 is out of range',
      (v) => checkPage(v, { MaxItems: 1001 }),
      "1 validation error detected: Value '1001' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000",
    ],
    [
      'MaxItems 0 is out of range',
      (v) => checkPage(v, { MaxItems: 0 }),
      "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1",
    ],
    [
      'a sensitive value is never echoed',
      (v) => v.text('password', 'x'.repeat(200), { max: 128, sensitive: true }),
      "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 128",
    ],
    ['the path / is valid', (v) => checkPath(v, 'path', '/'), undefined],
    ['a nested path is valid', (v) => checkPath(v, 'path', '/a/b-c/'), undefined],
  ];
  for (const [name, fill, expected] of cases) {
    test(name, () => assert.equal(message(fill), expected));
  }
});
