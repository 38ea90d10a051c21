import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allow, stmt, V } from './test-support.ts';
import { hasErrors, validatePolicy } from './validate-policy.ts';

describe('validatePolicy', () => {
  it('says where and what, with the input quoted, and a suggestion', () => {
    const [f] = validatePolicy(stmt(allow({ Condition: { StringLikee: { 'aws:username': 'a' } } })), {
      kind: 'identity',
    });
    assert.equal(f?.message, 'statement 0: unknown condition operator `StringLikee`; did you mean `StringLike`?');
    assert.equal(f?.pointer, '/Statement/0/Condition/StringLikee');
    assert.deepEqual([f?.line, f?.column], [9, 9]);
  });

  it('returns the parse findings when the text does not parse', () => {
    const findings = validatePolicy('{"Statement": [', { kind: 'identity' });
    assert.equal(findings[0]?.code, 'json-syntax');
    assert.ok(hasErrors(findings));
  });

  it('validates an already parsed document (no line numbers)', () => {
    const findings = validatePolicy(
      {
        version: V,
        statementIsArray: true,
        statements: [
          { index: 0, effect: 'Allow', action: ['*'], resource: ['*'], conditions: [], pointer: '/Statement/0' },
        ],
      },
      { kind: 'identity' },
    );
    assert.deepEqual(
      findings.map((f) => [f.code, f.line]),
      [['full-access', undefined]],
    );
  });

  it('orders findings errors first', () => {
    const findings = validatePolicy(stmt({ Effect: 'Allow', Action: ['*', 's*:Get'], Resource: '*' }), {
      kind: 'identity',
    });
    assert.deepEqual(
      findings.map((f) => f.severity),
      ['error', 'security-warning', 'suggestion'],
    );
  });
});
