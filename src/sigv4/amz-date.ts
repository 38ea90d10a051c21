const SHORT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
// RFC 7231 IMF-fixdate, the only `Date` header form SigV4 clients send.
const IMF_FIXDATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number): Date | undefined {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Date.UTC rolls 31 February over into March: a rolled-over date is not a real date.
  return date.getUTCDate() === d && date.getUTCMonth() === mo - 1 ? date : undefined;
}

/** The ASCII digits value[start..start+count) as a number, or -1 if any is not a digit 0-9. */
function digits(value: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

// Every request carries one; concurrent requests often carry the same second.
let lastAmzDate = '';
let lastAmzTime = 0;

/** Parses `YYYYMMDD'T'HHMMSS'Z'` (X-Amz-Date) strictly; undefined when malformed or not a real instant. */
export function parseAmzDate(value: string): Date | undefined {
  if (value === lastAmzDate) return new Date(lastAmzTime);
  // Exactly 16 characters (so no index below is out of range), T and Z in place, digits everywhere else.
  if (value.length !== 16 || value.charCodeAt(8) !== 84 || value.charCodeAt(15) !== 90) return undefined;
  const y = digits(value, 0, 4);
  const mo = digits(value, 4, 2);
  const d = digits(value, 6, 2);
  const h = digits(value, 9, 2);
  const mi = digits(value, 11, 2);
  const s = digits(value, 13, 2);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) return undefined;
  const date = utc(y, mo, d, h, mi, s);
  if (date !== undefined) {
    lastAmzDate = value;
    lastAmzTime = date.getTime();
  }
  return date;
}

/** True when `value` is a real calendar day written `YYYYMMDD` (the credential-scope date). */
export function isShortDate(value: string): boolean {
  const m = SHORT_DATE.exec(value);
  return m !== null && utc(+m[1]!, +m[2]!, +m[3]!, 0, 0, 0) !== undefined;
}

/** Parses an HTTP `Date` header (IMF-fixdate), the fallback AWS accepts when X-Amz-Date is absent. */
export function parseHttpDate(value: string): Date | undefined {
  if (!IMF_FIXDATE.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** Formats an instant as `YYYYMMDD'T'HHMMSS'Z'`. */
export function formatAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}
