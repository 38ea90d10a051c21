/** Set-up the example S3 service's suites share: the service in a temp folder, SDK clients, a filled bucket. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { type S3ExampleOptions, startS3Example } from '../../examples/s3/s3-server.ts';

/** A running example service; `close()` destroys its clients, stops it and removes its folder. */
export type S3Fixture = {
  readonly url: string;
  /** A path-style client of the service with one attempt and checksums only when required; `config` adds to it. */
  client(credentials: NonNullable<S3ClientConfig['credentials']>, config?: S3ClientConfig): S3Client;
  /** Destroys `c` on close too (a client built with other settings). */
  track(c: S3Client): S3Client;
  close(): Promise<void>;
};

/** Starts the example service in a fresh temp folder (named after `name`). */
export async function startS3Fixture(name: string, options: Omit<S3ExampleOptions, 'dataDir'>): Promise<S3Fixture> {
  const dataDir = await mkdtemp(join(tmpdir(), `${name}-`));
  const s3 = await startS3Example({ ...options, dataDir });
  const clients: S3Client[] = [];
  const track = (c: S3Client) => {
    clients.push(c);
    return c;
  };
  return {
    url: s3.url,
    client: (credentials, config = {}) =>
      track(
        new S3Client({
          endpoint: s3.url,
          region: 'us-east-1',
          forcePathStyle: true,
          credentials,
          maxAttempts: 1,
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
          ...config,
        }),
      ),
    track,
    close: async () => {
      for (const c of clients) c.destroy();
      await s3.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates the bucket `bucket` and puts each object of `objects` (key and body) into it. */
export async function fillBucket(owner: S3Client, objects: readonly (readonly [string, string])[]): Promise<void> {
  await owner.send(new CreateBucketCommand({ Bucket: 'bucket' }));
  for (const [Key, Body] of objects) await owner.send(new PutObjectCommand({ Bucket: 'bucket', Key, Body }));
}

/** The text of the object `Key` of `bucket`. */
export const readObject = async (c: S3Client, Key: string) =>
  (await c.send(new GetObjectCommand({ Bucket: 'bucket', Key }))).Body!.transformToString();
