/** The six colon-separated parts of an ARN; the resource part keeps any further colons. */
export interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
  /** `arn` itself, the first part. */
  readonly prefix: string;
}

// Head segments (`arn`, partition, service, region, account) repeat across ARNs: sharing one string per value keeps
// prepared requests small and lets the matcher's comparisons hit the same, cached, string objects.
const SEGMENT_LIMIT = 8192;
const segments = new Map<string, string>();

function shared(text: string): string {
  if (text === '') return '';
  const known = segments.get(text);
  if (known !== undefined) return known;
  if (segments.size < SEGMENT_LIMIT) segments.set(text, text);
  return text;
}

/** Splits an ARN at its first five colons; undefined when it has fewer than six parts. */
export function parseArn(arn: string): ArnParts | undefined {
  const c0 = arn.indexOf(':');
  if (c0 < 0) return undefined;
  const c1 = arn.indexOf(':', c0 + 1);
  if (c1 < 0) return undefined;
  const c2 = arn.indexOf(':', c1 + 1);
  if (c2 < 0) return undefined;
  const c3 = arn.indexOf(':', c2 + 1);
  if (c3 < 0) return undefined;
  const c4 = arn.indexOf(':', c3 + 1);
  if (c4 < 0) return undefined;
  return {
    prefix: c0 === 3 && arn.startsWith('arn') ? 'arn' : arn.slice(0, c0),
    partition: c1 - c0 === 4 && arn.startsWith('aws', c0 + 1) ? 'aws' : shared(arn.slice(c0 + 1, c1)),
    service: shared(arn.slice(c1 + 1, c2)),
    region: shared(arn.slice(c2 + 1, c3)),
    account: shared(arn.slice(c3 + 1, c4)),
    resource: arn.slice(c4 + 1),
  };
}
