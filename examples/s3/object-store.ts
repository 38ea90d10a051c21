import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What is kept beside each bucket's folder (`<bucket>.bucket.json`): its owner and its bucket policy. */
export type BucketRecord = { owner: string; createdAt: string; policy?: string };

/** One stored object's listing facts. */
export type ObjectInfo = { key: string; size: number; etag: string; lastModified: Date };

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Whether `name` is a valid S3 bucket name (the simple rules: 3-63 of a-z 0-9 . -). */
export function isBucketName(name: string): boolean {
  return BUCKET_NAME.test(name) && !name.includes('..');
}

// Keys become single file names: every byte outside [A-Za-z0-9._-] is %-escaped, so no key can leave its folder.
function fileOf(key: string): string {
  return encodeURIComponent(key).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function keyOf(file: string): string {
  return decodeURIComponent(file);
}

/**
 * Buckets as folders under `root`, objects as files in them (flat, names escaped), and each bucket's owner and
 * policy in `<bucket>.bucket.json` beside its folder. A demonstration store: no multipart, no versions.
 */
export class ObjectStore {
  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
  }

  /** Creates the root folder. */
  async open(): Promise<void> {
    await mkdir(this.#root, { recursive: true });
  }

  #record(bucket: string): string {
    return join(this.#root, `${bucket}.bucket.json`);
  }

  #folder(bucket: string): string {
    return join(this.#root, bucket);
  }

  /** The bucket's record, or undefined when it does not exist. */
  async bucket(bucket: string): Promise<BucketRecord | undefined> {
    if (!isBucketName(bucket)) return undefined;
    try {
      return JSON.parse(await readFile(this.#record(bucket), 'utf8')) as BucketRecord;
    } catch {
      return undefined;
    }
  }

  /** Creates a bucket owned by `owner`; false when it already exists. */
  async createBucket(bucket: string, owner: string, now: Date): Promise<boolean> {
    if ((await this.bucket(bucket)) !== undefined) return false;
    await mkdir(this.#folder(bucket), { recursive: true });
    const record: BucketRecord = { owner, createdAt: now.toISOString() };
    await writeFile(this.#record(bucket), JSON.stringify(record), { flag: 'wx' }).catch(() => undefined);
    return true;
  }

  /** Sets (or, with undefined, removes) the bucket policy. */
  async setPolicy(bucket: string, policy: string | undefined): Promise<void> {
    const record = await this.bucket(bucket);
    if (record === undefined) throw new Error(`no bucket ${bucket}`);
    const { policy: _old, ...rest } = record;
    await writeFile(this.#record(bucket), JSON.stringify(policy === undefined ? rest : { ...rest, policy }));
  }

  /** Stores an object; returns its ETag (MD5 hex, as S3 does for single-part uploads). */
  async putObject(bucket: string, key: string, body: Uint8Array): Promise<string> {
    await writeFile(join(this.#folder(bucket), fileOf(key)), body);
    return createHash('md5').update(body).digest('hex');
  }

  /** An object's bytes and facts, or undefined. */
  async getObject(bucket: string, key: string): Promise<{ body: Buffer; info: ObjectInfo } | undefined> {
    const file = join(this.#folder(bucket), fileOf(key));
    try {
      const [body, facts] = await Promise.all([readFile(file), stat(file)]);
      const etag = createHash('md5').update(body).digest('hex');
      return { body, info: { key, size: body.length, etag, lastModified: facts.mtime } };
    } catch {
      return undefined;
    }
  }

  /** Deletes an object (no error when it does not exist, as S3). */
  async deleteObject(bucket: string, key: string): Promise<void> {
    await rm(join(this.#folder(bucket), fileOf(key)), { force: true });
  }

  /** Keys in order, after `startAfter`, starting with `prefix`; at most `maxKeys`, and whether more remain. */
  async list(
    bucket: string,
    options: { prefix: string; startAfter: string; maxKeys: number },
  ): Promise<{ objects: ObjectInfo[]; truncated: boolean }> {
    const keys = (await readdir(this.#folder(bucket)))
      .map(keyOf)
      .filter((k) => k.startsWith(options.prefix) && k > options.startAfter)
      .sort();
    const page = keys.slice(0, options.maxKeys);
    const objects: ObjectInfo[] = [];
    for (const key of page) {
      const found = await this.getObject(bucket, key);
      if (found !== undefined) objects.push(found.info);
    }
    return { objects, truncated: keys.length > page.length };
  }
}
