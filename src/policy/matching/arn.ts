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

/** Splits an ARN at its first five colons; undefined when it has fewer than six parts. */
export function parseArn(arn: string): ArnParts | undefined {
  const cut: number[] = [];
  let from = 0;
  for (let n = 0; n < 5; n++) {
    const at = arn.indexOf(':', from);
    if (at < 0) return undefined;
    cut.push(at);
    from = at + 1;
  }
  return {
    prefix: arn.slice(0, cut[0]),
    partition: arn.slice(cut[0]! + 1, cut[1]),
    service: arn.slice(cut[1]! + 1, cut[2]),
    region: arn.slice(cut[2]! + 1, cut[3]),
    account: arn.slice(cut[3]! + 1, cut[4]),
    resource: arn.slice(cut[4]! + 1),
  };
}
