const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
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

/** Parses `YYYYMMDD'T'HHMMSS'Z'` (X-Amz-Date) strictly; undefined when malformed or not a real instant. */
export function parseAmzDate(value: string): Date | undefined {
  const m = ISO_BASIC.exec(value);
  if (m === null) return undefined;
  return utc(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
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
