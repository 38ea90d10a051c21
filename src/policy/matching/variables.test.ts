// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written ${key}, not template placeholders.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTemplate, resolveToString } from './variables.ts';

const ctx = new Map<string, readonly string[]>([
  ['aws:username', ['alice']],
  ['aws:tagkeys', ['a', 'b']],
]);

type Case = [name: string, source: string, enabled: boolean, expected: string | undefined];
const cases: Case[] = [
  ['a variable takes the context value', 'home/${aws:username}', true, 'home/alice'],
  ['variable names are case-insensitive', 'home/${AWS:UserName}', true, 'home/alice'],
  ['a missing variable leaves the string unresolved', '${aws:userid}', true, undefined],
  ['a multivalued key cannot be a variable', '${aws:TagKeys}', true, undefined],
  ['a default is used when the key is missing', "${aws:userid, 'nobody'}", true, 'nobody'],
  ['a default is ignored when the key is present', "${aws:username, 'nobody'}", true, 'alice'],
  ['${*} ${?} ${$} are literal characters', '${*}${?}${$}', true, '*?$'],
  ['without Version 2012-10-17 variables are literal text', 'home/${aws:username}', false, 'home/${aws:username}'],
  ['an unterminated ${ is literal', 'a${b', true, 'a${b'],
];

describe('policy variables', () => {
  for (const [name, source, enabled, expected] of cases) {
    it(name, () => {
      assert.equal(resolveToString(parseTemplate(source, enabled), ctx), expected);
    });
  }
});
