import { GateRefusal } from '../../src/client/index.ts';
import type { AuthorizeQuestion } from '../../src/client/index.ts';
import type { ObjectStore } from './object-store.ts';

/** The S3 operations the example serves, with the IAM action each needs. */
export const ACTIONS = {
  CreateBucket: 's3:CreateBucket',
  HeadBucket: 's3:ListBucket',
  ListObjectsV2: 's3:ListBucket',
  PutBucketPolicy: 's3:PutBucketPolicy',
  GetBucketPolicy: 's3:GetBucketPolicy',
  DeleteBucketPolicy: 's3:DeleteBucketPolicy',
  PutObject: 's3:PutObject',
  GetObject: 's3:GetObject',
  HeadObject: 's3:GetObject',
  DeleteObject: 's3:DeleteObject',
} as const;

/** An operation name. */
export type OperationName = keyof typeof ACTIONS;

/** A decoded path-style request: which operation, on which bucket and key, with its query parameters. */
export type S3Operation = {
  readonly name: OperationName;
  readonly bucket: string;
  readonly key?: string;
  readonly query: URLSearchParams;
};

/** Reads `/<bucket>/<key>?<query>` (path-style, as with `forcePathStyle: true`); throws GateRefusal otherwise. */
export function operationOf(method: string, url: string): S3Operation {
  const cut = url.indexOf('?');
  const rawPath = cut < 0 ? url : url.slice(0, cut);
  const query = new URLSearchParams(cut < 0 ? '' : url.slice(cut + 1));
  const slash = rawPath.indexOf('/', 1);
  let bucket: string;
  let key: string | undefined;
  try {
    bucket = decodeURIComponent(slash < 0 ? rawPath.slice(1) : rawPath.slice(1, slash));
    key = slash < 0 || slash === rawPath.length - 1 ? undefined : decodeURIComponent(rawPath.slice(slash + 1));
  } catch {
    throw new GateRefusal('InvalidURI', 400, "Couldn't parse the specified URI.");
  }
  if (bucket === '') throw new GateRefusal('NotImplemented', 501, 'ListBuckets is not implemented by this example.');
  const sub = (name: string) => query.has(name);
  const named = (name: OperationName): S3Operation => ({ name, bucket, ...(key !== undefined ? { key } : {}), query });
  if (key === undefined) {
    if (method === 'PUT') return named(sub('policy') ? 'PutBucketPolicy' : 'CreateBucket');
    if (method === 'GET') return named(sub('policy') ? 'GetBucketPolicy' : 'ListObjectsV2');
    if (method === 'DELETE' && sub('policy')) return named('DeleteBucketPolicy');
    if (method === 'HEAD') return named('HeadBucket');
  } else {
    if (method === 'PUT') return named('PutObject');
    if (method === 'GET') return named('GetObject');
    if (method === 'HEAD') return named('HeadObject');
    if (method === 'DELETE') return named('DeleteObject');
  }
  throw new GateRefusal(
    'NotImplemented',
    501,
    `${method} ${key === undefined ? 'bucket' : 'object'} requests are not implemented by this example.`,
  );
}

/** The request's own condition keys that S3 sends for ListBucket. */
function listContext(query: URLSearchParams): Record<string, string> {
  const context: Record<string, string> = {};
  for (const [param, key] of [
    ['prefix', 's3:prefix'],
    ['delimiter', 's3:delimiter'],
    ['max-keys', 's3:max-keys'],
  ] as const) {
    const value = query.get(param);
    if (value !== null) context[key] = value;
  }
  return context;
}

/**
 * The question for iamd: the action, the bucket or object ARN with the bucket owner's account, the bucket policy,
 * and the request keys iamd cannot know (source address, transport, ListBucket's prefix).
 */
export async function questionOf(
  store: ObjectStore,
  op: S3Operation,
  transport: { sourceIp: string; secure: boolean },
): Promise<AuthorizeQuestion> {
  // CreateBucket names a bucket that is to be the caller's: only the caller's own policies apply, and the handler
  // answers BucketAlreadyExists / BucketAlreadyOwnedByYou after authorization, as S3 does.
  const record = op.name === 'CreateBucket' ? undefined : await store.bucket(op.bucket);
  if (record === undefined && op.name !== 'CreateBucket') {
    throw new GateRefusal('NoSuchBucket', 404, 'The specified bucket does not exist');
  }
  const arn = `arn:aws:s3:::${op.bucket}${op.key === undefined ? '' : `/${op.key}`}`;
  return {
    action: ACTIONS[op.name],
    resource: { arn, ...(record !== undefined ? { accountId: record.owner } : {}) },
    ...(record?.policy !== undefined ? { resourcePolicy: record.policy } : {}),
    context: {
      'aws:SourceIp': transport.sourceIp,
      'aws:SecureTransport': String(transport.secure),
      ...(op.name === 'ListObjectsV2' ? listContext(op.query) : {}),
    },
  };
}
