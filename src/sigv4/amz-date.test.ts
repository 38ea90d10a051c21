import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatAmzDate, isShortDate, parseAmzDate, parseHttpDate } from './amz-date.ts';

describe('parseAmzDate', () => {
  const cases: { raw: string; expected: string | undefined }[] = [
    { raw: '20261122T120000Z', expected: '2026-11-22T12:00:00.000Z' },
    { raw: '20240229T235959Z', expected: '2024-02-29T23:59:59.000Z' },
    { raw: '20250229T000000Z', expected: undefined },
    { raw: '20261322T000000Z', expected: undefined },
    { raw: '20261122T240000Z', expected: undefined },
    { raw: '20261122T126000Z', expected: undefined },
    { raw: '20261122T120000', expected: undefined },
    { raw: '2026-11-22T12:00:00Z', expected: undefined },
    { raw: ' 20261122T120000Z', expected: undefined },
    { raw: '', expected: undefined },
  ];
  for (const c of cases) {
    it(`${JSON.stringify(c.raw)} is ${c.expected ?? 'refused'}`, () => {
      assert.equal(parseAmzDate(c.raw)?.toISOString(), c.expected);
    });
  }

  it('formatAmzDate is the inverse', () => {
    assert.equal(formatAmzDate(new Date('2026-01-02T03:04:05.678Z')), '20260102T030405Z');
  });
});

describe('isShortDate and parseHttpDate', () => {
  const shorts: [string, boolean][] = [
    ['20261122', true],
    ['20260231', false],
    ['2026112', false],
    ['2026-11-22', false],
  ];
  for (const [raw, ok] of shorts) {
    it(`${raw} is ${ok ? 'a' : 'not a'} credential date`, () => assert.equal(isShortDate(raw), ok));
  }

  it('an IMF-fixdate Date header is read', () => {
    assert.equal(parseHttpDate('Sun, 22 Nov 2026 12:00:00 GMT')?.toISOString(), '2026-11-22T12:00:00.000Z');
  });

  it('other date forms are refused', () => {
    assert.equal(parseHttpDate('2026-11-22T12:00:00Z'), undefined);
    assert.equal(parseHttpDate('Sunday, 22-Nov-26 12:00:00 GMT'), undefined);
  });
});
