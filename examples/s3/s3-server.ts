import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  type ClientCredentials,
  type Clock,
  createIamdClient,
  GateRefusal,
  registerIamdFastify,
  s3ErrorXml,
} from '../../src/client/index.ts';
import { parsePolicy } from '../../src/index.ts';
import { decodeChunked } from './aws-chunked.ts';
import { ObjectStore } from './object-store.ts';
import { operationOf, questionOf, type S3Operation } from './s3-operation.ts';

/** Options of the example object service. */
export type S3ExampleOptions = {
  /** Folder that holds the buckets. */
  dataDir: string;
  /** iamd's URL and the credentials of a principal allowed `iamd:Authorize`. */
  iamd: { endpoint: string; credentials: ClientCredentials };
  host?: string;
  port?: number;
  /** Seconds an Allow for an identical request may be reused (default 0 = off). */
  cacheSeconds?: number;
  /** The clock calls to iamd are signed at and the cache runs on (default: system clock; tests: a ManualClock). */
  clock?: Clock;
};

/** A running example service. */
export type S3Example = { url: string; close(): Promise<void> };

const XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const SIGNED_STREAMING = /^STREAMING-AWS4-(HMAC-SHA256|ECDSA-P256-SHA256)-PAYLOAD/;

function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function fail(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'application/xml')
    .send(s3ErrorXml(code, message, String(reply.request.id)));
}

/** The object body as the client meant it: aws-chunked framing removed when the client streamed it unsigned. */
function bodyOf(request: FastifyRequest): Buffer | undefined {
  const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  const declared = request.headers['x-amz-content-sha256'];
  if (typeof declared === 'string' && declared.startsWith('STREAMING-UNSIGNED-PAYLOAD')) return decodeChunked(raw);
  return raw;
}

const BAD_CHUNKS = 'The aws-chunked body is malformed.';

async function handle(store: ObjectStore, request: FastifyRequest, reply: FastifyReply, op: S3Operation) {
  const verdict = request.iamd;
  const { bucket, key } = op;
  switch (op.name) {
    case 'CreateBucket': {
      const owner = verdict?.principal.accountId;
      if (owner === null || owner === undefined) return fail(reply, 403, 'AccessDenied', 'Access Denied');
      const existing = await store.bucket(bucket);
      if (existing !== undefined) {
        return existing.owner === owner
          ? fail(
              reply,
              409,
              'BucketAlreadyOwnedByYou',
              'Your previous request to create the named bucket succeeded and you already own it.',
            )
          : fail(reply, 409, 'BucketAlreadyExists', 'The requested bucket name is not available.');
      }
      await store.createBucket(bucket, owner, new Date());
      return reply.code(200).header('location', `/${bucket}`).send();
    }
    case 'PutBucketPolicy': {
      const body = bodyOf(request);
      if (body === undefined) return fail(reply, 400, 'IncompleteBody', BAD_CHUNKS);
      const text = body.toString('utf8');
      const parsed = parsePolicy(text, { kind: 'resource' });
      if (!parsed.ok) {
        return fail(
          reply,
          400,
          'MalformedPolicy',
          parsed.findings.map((f) => f.message).join('; ') || 'Policies must be valid JSON',
        );
      }
      await store.setPolicy(bucket, text);
      return reply.code(204).send();
    }
    case 'GetBucketPolicy': {
      const policy = (await store.bucket(bucket))?.policy;
      if (policy === undefined) return fail(reply, 404, 'NoSuchBucketPolicy', 'The bucket policy does not exist');
      return reply.code(200).header('content-type', 'application/json').send(policy);
    }
    case 'DeleteBucketPolicy':
      await store.setPolicy(bucket, undefined);
      return reply.code(204).send();
    case 'HeadBucket':
      return reply.code(200).send();
    case 'ListObjectsV2':
      return list(store, reply, op);
    case 'PutObject': {
      const body = bodyOf(request);
      if (body === undefined) return fail(reply, 400, 'IncompleteBody', BAD_CHUNKS);
      const etag = await store.putObject(bucket, key!, body);
      return reply.code(200).header('etag', `"${etag}"`).send();
    }
    case 'GetObject':
    case 'HeadObject': {
      const found = await store.getObject(bucket, key!);
      if (found === undefined) return fail(reply, 404, 'NoSuchKey', 'The specified key does not exist.');
      reply
        .code(200)
        .header('etag', `"${found.info.etag}"`)
        .header('last-modified', found.info.lastModified.toUTCString())
        .header('content-type', 'application/octet-stream')
        .header('content-length', String(found.info.size));
      return op.name === 'HeadObject' ? reply.send() : reply.send(found.body);
    }
    case 'DeleteObject':
      await store.deleteObject(bucket, key!);
      return reply.code(204).send();
  }
}

async function list(store: ObjectStore, reply: FastifyReply, op: S3Operation) {
  const prefix = op.query.get('prefix') ?? '';
  const maxKeys = Math.min(Math.max(Number(op.query.get('max-keys') ?? 1000) || 0, 0), 1000);
  const token = op.query.get('continuation-token');
  const startAfter =
    token !== null ? Buffer.from(token, 'base64url').toString('utf8') : (op.query.get('start-after') ?? '');
  const { objects, truncated } = await store.list(op.bucket, { prefix, startAfter, maxKeys });
  const last = objects.at(-1)?.key;
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="${XMLNS}"><Name>${xmlEscape(op.bucket)}</Name>` +
    `<Prefix>${xmlEscape(prefix)}</Prefix><KeyCount>${objects.length}</KeyCount><MaxKeys>${maxKeys}</MaxKeys>` +
    `<IsTruncated>${truncated}</IsTruncated>` +
    (token !== null ? `<ContinuationToken>${xmlEscape(token)}</ContinuationToken>` : '') +
    (truncated && last !== undefined
      ? `<NextContinuationToken>${Buffer.from(last, 'utf8').toString('base64url')}</NextContinuationToken>`
      : '') +
    objects
      .map(
        (o) =>
          `<Contents><Key>${xmlEscape(o.key)}</Key><LastModified>${o.lastModified.toISOString()}</LastModified>` +
          `<ETag>&quot;${o.etag}&quot;</ETag><Size>${o.size}</Size><StorageClass>STANDARD</StorageClass></Contents>`,
      )
      .join('') +
    '</ListBucketResult>';
  return reply.code(200).header('content-type', 'application/xml').send(xml);
}

/**
 * A minimal S3-compatible object service (path-style): CreateBucket, Put/Get/DeleteBucketPolicy, ListObjectsV2,
 * Put/Get/Head/DeleteObject on a local folder. Every request is authenticated and authorized by iamd through the
 * fastify hook of `iamd/client`; this service never sees a secret key and holds no IAM logic of its own.
 */
export async function startS3Example(options: S3ExampleOptions): Promise<S3Example> {
  const store = new ObjectStore(options.dataDir);
  await store.open();
  const client = createIamdClient({
    endpoint: options.iamd.endpoint,
    credentials: options.iamd.credentials,
    ...(options.clock !== undefined ? { clock: options.clock } : {}),
  });
  const app: FastifyInstance = Fastify({ logger: false, exposeHeadRoutes: false, bodyLimit: 64 * 1024 * 1024 });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  registerIamdFastify(app, {
    client,
    ...(options.cacheSeconds !== undefined ? { cacheSeconds: options.cacheSeconds } : {}),
    ...(options.clock !== undefined ? { clock: options.clock } : {}),
    describe: (request) => {
      const declared = request.headers['x-amz-content-sha256'];
      if (typeof declared === 'string' && SIGNED_STREAMING.test(declared)) {
        // Chunk signatures need the secret key, which only iamd has; this example asks clients not to stream signed.
        throw new GateRefusal('NotImplemented', 501, 'Signed aws-chunked uploads are not supported by this example.');
      }
      return questionOf(store, operationOf(request.method, request.url), { sourceIp: request.ip, secure: false });
    },
  });
  app.route({
    method: ['GET', 'PUT', 'DELETE', 'HEAD'],
    url: '/*',
    handler: async (request, reply) => handle(store, request, reply, operationOf(request.method, request.url)),
  });
  app.setErrorHandler((error, request, reply) => {
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 413)
      return fail(reply, 400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
    request.log.error(error);
    return fail(reply, 500, 'InternalError', 'We encountered an internal error. Please try again.');
  });
  app.addHook('onClose', async () => client.close());
  const url = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  return { url, close: () => app.close() };
}
