import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkConditionValue } from './condition-values.ts';
import type { OperatorValueType } from './operator-catalog.ts';
import { parseOperator } from './operator-catalog.ts';

describe('checkConditionValue', () => {
  const cases: [OperatorValueType, string, string | undefined][] = [
    ['Numeric', '10', undefined],
    ['Numeric', '-1.5', undefined],
    ['Numeric', '1e3', 'bad-numeric-value'],
    ['Numeric', '', 'bad-numeric-value'],
    ['Date', '2026', undefined],
    ['Date', '2026-01-31T12:00:00.5+01:00', undefined],
    ['Date', '1767225600', undefined],
    ['Date', 'yesterday', 'bad-date-value'],
    ['Date', '2026-00-10', 'bad-date-value'],
    ['Bool', 'true', undefined],
    ['Bool', 'TRUE', 'bad-bool-value'],
    ['Bool', 'yes', 'bad-bool-value'],
    ['Null', 'false', undefined],
    ['Null', '0', 'bad-null-value'],
    ['Binary', 'QmluYXJ5', undefined],
    ['Binary', 'not base64!', 'bad-binary-value'],
    ['IpAddress', '203.0.113.5', undefined],
    ['IpAddress', '203.0.113.0/24', undefined],
    ['IpAddress', '0.0.0.0/0', undefined],
    ['IpAddress', '2001:db8::/32', undefined],
    ['IpAddress', '203.0.113.5/24', 'cidr-host-bits'],
    ['IpAddress', '256.0.0.1', 'bad-ip-value'],
    ['IpAddress', '10.0.0.0/', 'bad-ip-value'],
    ['IpAddress', '2001:db8::/129', 'bad-ip-value'],
    ['Arn', 'arn:aws:iam::111111111111:role/x', undefined],
    ['Arn', 'role/x', 'bad-arn-value'],
    ['String', 'anything*', undefined],
  ];
  for (const [type, value, code] of cases) {
    it(`${type} \`${value}\` gives ${code ?? 'no problem'}`, () => {
      assert.equal(checkConditionValue(type, value)?.code, code);
    });
  }
});

describe('parseOperator', () => {
  const cases: [string, string | undefined, string | undefined][] = [
    ['StringEquals', 'StringEquals', undefined],
    ['ForAnyValue:StringLikeIfExists', 'StringLike', undefined],
    ['NullIfExists', 'Null', undefined],
    ['StringLikee', undefined, 'StringLike'],
    ['stringequals', undefined, 'StringEquals'],
    ['ForAllValue:StringEquals', undefined, 'ForAllValues:StringEquals'],
    ['Bogus', undefined, undefined],
  ];
  for (const [written, base, suggestion] of cases) {
    it(`\`${written}\` parses to ${base ?? `nothing (suggests ${suggestion})`}`, () => {
      const parsed = parseOperator(written);
      if (base) assert.equal(parsed.ok && parsed.base.name, base);
      else assert.deepEqual(parsed, suggestion ? { ok: false, suggestion } : { ok: false, suggestion: undefined });
    });
  }
});
