/**
 * Region → partition, from botocore's partitions.json patterns (api-surface.md, signing region). The patterns are
 * disjoint; a region that matches none falls back to `aws`, as botocore does. Checked most specific first.
 */
const PARTITIONS: readonly (readonly [RegExp, string])[] = [
  [/^us-gov-\w+-\d+$/, 'aws-us-gov'],
  [/^us-isob-\w+-\d+$/, 'aws-iso-b'],
  [/^us-isof-\w+-\d+$/, 'aws-iso-f'],
  [/^us-iso-\w+-\d+$/, 'aws-iso'],
  [/^eu-isoe-\w+-\d+$/, 'aws-iso-e'],
  [/^eusc-(de)-\w+-\d+$/, 'aws-eusc'],
  [/^cn-\w+-\d+$/, 'aws-cn'],
  [/^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/, 'aws'],
];

/** Pseudo-regions botocore signs IAM with against the real global endpoints. */
const GLOBAL_REGIONS: Readonly<Record<string, string>> = {
  'aws-global': 'aws',
  'aws-cn-global': 'aws-cn',
  'aws-us-gov-global': 'aws-us-gov',
  'aws-iso-global': 'aws-iso',
  'aws-iso-b-global': 'aws-iso-b',
  'aws-iso-f-global': 'aws-iso-f',
};

// Every request asks; a client signs for one or two regions. Bounded: emptied when full.
const known = new Map<string, string>();

/** The partition ARNs use for a request signed for `region`. */
export function partitionOf(region: string): string {
  let partition = known.get(region);
  if (partition === undefined) {
    partition = matchPartition(region);
    if (known.size >= 256) known.clear();
    known.set(region, partition);
  }
  return partition;
}

function matchPartition(region: string): string {
  const global = Object.hasOwn(GLOBAL_REGIONS, region) ? GLOBAL_REGIONS[region] : undefined;
  if (global) return global;
  for (const [pattern, partition] of PARTITIONS) if (pattern.test(region)) return partition;
  return 'aws';
}

/** `arn` with its partition element replaced (ARNs of stored principals are written for `aws`). */
export function withPartition(arn: string, partition: string): string {
  if (!arn.startsWith('arn:')) return arn;
  const end = arn.indexOf(':', 4);
  return end < 0 || arn.slice(4, end) === partition ? arn : `arn:${partition}${arn.slice(end)}`;
}
