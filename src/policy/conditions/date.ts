import type { ValueCompiler } from './value-test.ts';

const EPOCH = /^[+-]?\d+(?:\.\d+)?$/;
const ISO = /^\d{4}(?:-\d{2}(?:-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2})?)?)?)?$/;

/** Parses a date as IAM accepts it: epoch seconds, or a W3C ISO 8601 form (date-only, with offset). Milliseconds. */
export function parseDate(text: string): number | undefined {
  const t = text.trim();
  if (EPOCH.test(t)) return Number(t) * 1000;
  if (!ISO.test(t)) return undefined;
  // Date-only and year-month forms are UTC in Date.parse; a time without offset is taken as UTC too.
  let normal = t.replace(' ', 'T');
  if (/T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/.test(normal)) normal += 'Z';
  normal = normal.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(normal);
  return Number.isNaN(ms) ? undefined : ms;
}

function date(compare: (request: number, policy: number) => boolean): ValueCompiler {
  return (policyValue) => {
    const policy = parseDate(policyValue);
    if (policy === undefined) return undefined;
    return (v) => {
      const request = parseDate(v);
      return request !== undefined && compare(request, policy);
    };
  };
}

/** `DateEquals` (and, negated, `DateNotEquals`): compares instants; no variables, no wildcards. */
export const dateEquals = date((r, p) => r === p);
/** `DateLessThan`. */
export const dateLessThan = date((r, p) => r < p);
/** `DateLessThanEquals`. */
export const dateLessThanEquals = date((r, p) => r <= p);
/** `DateGreaterThan`. */
export const dateGreaterThan = date((r, p) => r > p);
/** `DateGreaterThanEquals`. */
export const dateGreaterThanEquals = date((r, p) => r >= p);
