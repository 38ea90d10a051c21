// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written ${key}, not template placeholders.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { evaluateClause } from '../conditions/evaluate-clause.ts';
import { OPERATORS } from '../conditions/operators.ts';
import { simulate } from '../scenario/simulate.ts';
import { parsePolicy } from './parse-policy.ts';

const keys = fc.constantFrom(
  'Version',
  'Statement',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'Principal',
  'Condition',
  'AWS',
  'Sid',
  'x',
);
const policyLike = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(keys, tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('user input never makes the parser or the simulator throw', () => {
  it('parsePolicy returns a result for arbitrary JSON values and their text', () => {
    fc.assert(
      fc.property(policyLike, fc.constantFrom(undefined, 'identity', 'resource', 'trust', 'scp'), (value, kind) => {
        const options = kind === undefined ? {} : { kind: kind as 'identity' };
        const a = parsePolicy(value, options);
        const b = parsePolicy(JSON.stringify(value) ?? '', options);
        return typeof a.ok === 'boolean' && typeof b.ok === 'boolean';
      }),
      { numRuns: 300 },
    );
  });

  it('parsePolicy returns a result for arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = parsePolicy(text);
        return r.ok || r.findings.length > 0;
      }),
      { numRuns: 300 },
    );
  });

  it('simulate returns errors, not exceptions, for arbitrary scenarios', () => {
    fc.assert(
      fc.property(policyLike, (value) => {
        const r = simulate(value);
        assert.equal(typeof r.ok, 'boolean');
        return true;
      }),
      { numRuns: 200 },
    );
  });

  it('simulate evaluates arbitrary policy documents inside a valid scenario without throwing', () => {
    fc.assert(
      fc.property(policyLike, (doc) => {
        const r = simulate({
          request: {
            principal: { type: 'user', arn: 'arn:aws:iam::111111111111:user/a', accountId: '111111111111' },
            action: 's3:GetObject',
            resource: { arn: '*' },
          },
          policies: { identity: [doc] },
        });
        return typeof r.ok === 'boolean';
      }),
      { numRuns: 200 },
    );
  });

  it('condition evaluation returns true, false or unknown for arbitrary operators and values', () => {
    const operator = fc
      .tuple(
        fc.constantFrom('', 'ForAllValues:', 'ForAnyValue:', 'forallvalues:', 'Bogus:'),
        fc.constantFrom(...OPERATORS.map((o) => o.name), 'StringEqualz', ''),
        fc.constantFrom('', 'IfExists'),
      )
      .map((parts) => parts.join(''));
    const value = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('10.0.0.0/8', '2020-01-01', '12', 'true', 'QQ==', 'arn:aws:s3:::b/*', '${aws:username}'),
    );
    fc.assert(
      fc.property(
        operator,
        fc.array(value, { maxLength: 3 }),
        fc.option(fc.oneof(value, fc.array(value, { maxLength: 3 }))),
        (op, values, request) => {
          const context: Record<string, string | string[]> =
            request === null ? {} : { k: request, 'aws:username': 'alice' };
          const r = evaluateClause(op, 'k', values, context);
          return r === true || r === false || r === 'unknown';
        },
      ),
      { numRuns: 500 },
    );
  });
});
