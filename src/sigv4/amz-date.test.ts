import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
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
    { raw: '2026112aT120000Z', expected: undefined },
    { raw: '+0261122T120000Z', expected: undefined },
    { raw: '20261122T12000/Z', expected: undefined },
    { raw: '20261122\u00D4120000Z', expected: undefined },
    { raw: '2026112\uFF12T120000Z', expected: undefined },
    { raw: '20261122T120000Z ', expected: undefined },
  ];
  for (const c of cases) {
    it(`${JSON.stringify(c.raw)} is ${c.expected ?? 'refused'}`, () => {
      assert.equal(parseAmzDate(c.raw)?.toISOString(), c.expected);
    });
  }

  it('agrees with the strict pattern on any 16 characters near the format, and twice in a row', () => {
    const pattern = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
    const unit = fc.constantFrom('0', '1', '2', '3', '5', '9', 'T', 'Z', '/', ':', 'a', '\u0660');
    fc.assert(
      fc.property(fc.string({ unit, minLength: 15, maxLength: 17 }), fc.date({ noInvalidDate: true }), (junk, d) => {
        for (const raw of [junk, formatAmzDate(d)]) {
          const m = pattern.exec(raw);
          const viaPattern = m === null ? undefined : Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
          const parsed = parseAmzDate(raw);
          if (parsed !== undefined) assert.equal(parsed.getTime(), viaPattern);
          else if (m !== null)
            assert.ok(
              +m[2]! > 12 ||
                +m[4]! > 23 ||
                +m[5]! > 59 ||
                +m[6]! > 59 ||
                +m[3]! < 1 ||
                new Date(viaPattern!).getUTCDate() !== +m[3]!,
            );
          assert.equal(parseAmzDate(raw)?.getTime(), parsed?.getTime());
        }
      }),
      { numRuns: 500 },
    );
  });

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
