import type { ValueCompiler } from './value-test.ts';

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

/** Parses an integer or decimal as IAM accepts it; undefined otherwise. */
export function parseNumeric(text: string): number | undefined {
  const t = text.trim();
  return NUMBER.test(t) ? Number(t) : undefined;
}

function numeric(compare: (request: number, policy: number) => boolean): ValueCompiler {
  return (policyValue) => {
    const policy = parseNumeric(policyValue);
    if (policy === undefined) return undefined;
    return (v) => {
      const request = parseNumeric(v);
      return request !== undefined && compare(request, policy);
    };
  };
}

/** `NumericEquals` (and, negated, `NumericNotEquals`): `10 == 10.0`; no variables. */
export const numericEquals = numeric((r, p) => r === p);
/** `NumericLessThan`. */
export const numericLessThan = numeric((r, p) => r < p);
/** `NumericLessThanEquals`. */
export const numericLessThanEquals = numeric((r, p) => r <= p);
/** `NumericGreaterThan`. */
export const numericGreaterThan = numeric((r, p) => r > p);
/** `NumericGreaterThanEquals`. */
export const numericGreaterThanEquals = numeric((r, p) => r >= p);
