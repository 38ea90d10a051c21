/**
 * Authorize API benchmark (`node --import tsx bench/authorize.ts [--duration 5] [--connections 10]`), loopback only.
 *
 * iamd and a bare fastify server run in child processes (this file re-executed with `--serve iamd|bare`) so the
 * load generator (autocannon) does not share their event loop. Loads, `--duration` seconds each:
 *   1. the bare server: a POST answered with a fixed JSON body of the same size as an authorize answer;
 *   2. `POST /v1/authorize`: one question with a SigV4-signed S3 GetObject inside (verified by iamd every time);
 *   3. `POST /v1/authorize/batch`: the same signed request with 100 questions;
 *   4. (informational) the floor: the bare server plus one JSON.parse and both SigV4 checks of the same call.
 * The API calls are themselves signed (service `iamd`). A signature carries no nonce and is valid for 15 minutes,
 * so 64 calls are signed up front (X-Amz-Date one second apart) and rotated; iamd still verifies both signatures
 * of every call in full (body hash, canonical request, HMAC with a cached signing key). Prints req/s,
 * decisions/s, p50/p99 latency, and the ratio of each to the bare server (target ≥ 0.7 single, p99 < 5 ms).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignatureV4 } from '@smithy/signature-v4';
import type autocannon from 'autocannon';
import Fastify, { type FastifyRequest } from 'fastify';
import { NodeSha256 } from '../src/client/node-sha256.ts';
import { loadServerConfig, startServer } from '../src/server/index.ts';
import { authenticateRequest, type IncomingRequest, SigningKeyCache } from '../src/sigv4/index.ts';
import {
  BENCH_ROOT as ROOT,
  type Child,
  flag,
  type Keys,
  load as loadOnce,
  presign,
  serveKind,
  serveUntilStdinEnds,
  startChild,
} from './load-harness.ts';

type Ready = { url: string; accountId?: string; root?: Keys; alice?: Keys };
const READ_PUBLIC = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/public/*' }],
});
const BUCKET_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/public/secret*' },
  ],
});

/** Child: run one server, print its ready line, exit when stdin closes. */
async function serve(kind: string): Promise<void> {
  let ready: Ready;
  let close: () => Promise<void>;
  if (kind === 'iamd') {
    const dataDir = await mkdtemp(join(tmpdir(), 'iamd-bench-authz-'));
    const config = loadServerConfig({ port: 0, dataDir, logLevel: 'warn' }, {});
    const server = await startServer({
      ...config,
      rootAccessKeyId: ROOT.accessKeyId,
      rootSecretAccessKey: ROOT.secretAccessKey,
    });
    const accountId = server.accountId;
    const ctx = {
      accountId,
      partition: 'aws',
      region: 'us-east-1',
      requestId: 'bench',
      caller: { type: 'root' as const, accountId, arn: `arn:aws:iam::${accountId}:root`, userId: accountId },
    };
    await server.services.iam.createUser(ctx, { UserName: 'alice' });
    await server.services.iam.putUserPolicy(ctx, {
      UserName: 'alice',
      PolicyName: 'read',
      PolicyDocument: READ_PUBLIC,
    });
    const key = await server.services.iam.createAccessKey(ctx, { UserName: 'alice' });
    ready = {
      url: server.url,
      accountId,
      root: ROOT,
      alice: { accessKeyId: key.AccessKey.AccessKeyId, secretAccessKey: key.AccessKey.SecretAccessKey },
    };
    close = async () => {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    };
  } else {
    const app = Fastify({ logger: false });
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    const floor = kind === 'floor' ? floorCheck(JSON.parse(process.env['BENCH_FLOOR_KEYS'] ?? '[]') as Keys[]) : undefined;
    // The floor hashes the raw body for the caller's signature and parses it once itself, as iamd does.
    if (floor !== undefined) app.removeContentTypeParser('application/json');
    const fixed = JSON.stringify({
      decision: 'Allow',
      detail: 'Allow',
      principal: {},
      reasons: [],
      message: 'x'.repeat(300),
    });
    app.post('/', async (request, reply) => {
      if (floor !== undefined && !floor(request)) return reply.code(403).send('{}');
      return reply.header('content-type', 'application/json').send(fixed);
    });
    app.post('/v1/authorize', async (request, reply) => {
      if (floor !== undefined && !floor(request)) return reply.code(403).send('{}');
      return reply.header('content-type', 'application/json').send(fixed);
    });
    ready = { url: await app.listen({ host: '127.0.0.1', port: 0 }) };
    close = () => app.close();
  }
  serveUntilStdinEnds(ready, close);
}

/**
 * The floor's whole work per call (informational): parse the JSON body once, verify the API caller's SigV4 signature
 * over it and the forwarded S3 request's signature, with signing keys cached as iamd caches them. No decision, no
 * principal, no answer building: no authorize server can be cheaper, so its ratio bounds the single-call target.
 */
function floorCheck(keys: readonly Keys[]): (request: FastifyRequest) => boolean {
  const keyCache = new SigningKeyCache();
  const secrets = new Map(keys.map((k) => [k.accessKeyId, k.secretAccessKey]));
  const lookup = (id: string) => secrets.get(id);
  return (request) => {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const now = new Date();
    const caller: IncomingRequest = { method: 'POST', path: request.url, query: '', headers: request.headers, body };
    if (!('parsed' in authenticateRequest(caller, lookup, { now, keyCache, service: 'iamd' }))) return false;
    const forwarded = (JSON.parse(body.toString('utf8')) as { request: { method: string; path: string; headers: Record<string, string> } }).request;
    const lower: Record<string, string> = {};
    for (const [k, v] of Object.entries(forwarded.headers)) lower[k.toLowerCase()] = v;
    const req: IncomingRequest = { method: forwarded.method, path: forwarded.path, query: '', headers: lower, body: Buffer.alloc(0) };
    const checked = authenticateRequest(req, lookup, { now, keyCache, uriEscapePath: false, allowUnsignedPayload: true, service: 's3' });
    return 'parsed' in checked;
  };
}

/** The S3 GetObject alice's client sent to the platform, as the platform forwards it. */
async function forwardedGet(alice: Keys, key: string): Promise<object> {
  const signer = new SignatureV4({
    credentials: alice,
    region: 'us-east-1',
    service: 's3',
    sha256: NodeSha256,
    uriEscapePath: false,
  });
  const path = `/bucket/${key}`;
  const signed = await signer.sign({
    method: 'GET',
    protocol: 'http:',
    hostname: 'objects.local',
    path,
    query: {},
    headers: {
      host: 'objects.local',
      'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    },
  });
  return { method: 'GET', path, headers: signed.headers };
}

/** 64 calls to `path` with `body`, signed for service iamd one second apart (see presign). */
function signedCalls(url: string, path: string, body: string, root: Keys): Promise<autocannon.Request[]> {
  return presign({ url, path, service: 'iamd', body, contentType: 'application/json', keys: root });
}

type Measured = {
  name: string;
  rps: number;
  decisions: number;
  p50: number;
  p99: number;
  /** Server CPU (user + system) per call, µs: the fairer comparison on a shared machine. */
  cpuMicros: number;
  errors: number;
};

async function load(
  name: string,
  server: Child<Ready>,
  requests: autocannon.Request[],
  perCall: number,
  duration: number,
  connections: number,
): Promise<Measured> {
  const m = await loadOnce(name, server, requests, duration, connections);
  return { name, rps: m.rps, decisions: m.rps * perCall, p50: m.p50, p99: m.p99, cpuMicros: m.cpuMicros, errors: m.errors };
}

async function main(): Promise<void> {
  const duration = flag('--duration', 5, 120);
  const connections = Math.round(flag('--connections', 10, 120));
  const script = fileURLToPath(import.meta.url);
  const iamd = await startChild<Ready>(script, 'iamd');
  const bare = await startChild<Ready>(script, 'bare');
  const { url, accountId, root, alice } = iamd.ready;
  process.env['BENCH_FLOOR_KEYS'] = JSON.stringify([root, alice]);
  const floor = await startChild<Ready>(script, 'floor');
  try {
    const request = await forwardedGet(alice!, 'public/a.txt');
    const question = (key: string) => ({
      action: 's3:GetObject',
      resource: { arn: `arn:aws:s3:::bucket/${key}`, accountId },
      resourcePolicy: BUCKET_POLICY,
      context: { 'aws:SourceIp': '10.0.0.1' },
    });
    const single = await signedCalls(
      url,
      '/v1/authorize',
      JSON.stringify({ request, ...question('public/a.txt') }),
      root!,
    );
    const keys = Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? `public/k${i}` : `private/k${i}`));
    const batch = await signedCalls(
      url,
      '/v1/authorize/batch',
      JSON.stringify({ request, questions: keys.map(question) }),
      root!,
    );
    const floorCalls = await signedCalls(
      floor.ready.url,
      '/v1/authorize',
      JSON.stringify({ request, ...question('public/a.txt') }),
      root!,
    );
    const plain: autocannon.Request[] = [
      { method: 'POST', path: '/', headers: { 'content-type': 'application/json' }, body: '{}' },
    ];
    const warm = Math.min(2, duration);
    await load('warm-up', iamd, single, 1, warm, connections);
    await load('warm-up', bare, plain, 1, warm, connections);
    await load('warm-up', floor, floorCalls, 1, warm, connections);
    const results = [
      await load('bare fastify, fixed JSON', bare, plain, 1, duration, connections),
      await load('POST /v1/authorize (signed S3 request inside)', iamd, single, 1, duration, connections),
      await load('POST /v1/authorize/batch (100 questions)', iamd, batch, 100, duration, connections),
      await load('floor: bare + JSON.parse + both SigV4 checks', floor, floorCalls, 1, duration, connections),
    ];
    const base = results[0]!.rps;
    console.log(`authorize API vs bare fastify: ${duration}s per load, ${connections} connections, loopback`);
    const header = ['req/s', 'decisions/s', 'p50 ms', 'p99 ms', 'ratio', 'CPU µs/call', 'errors'];
    console.log('load'.padEnd(48), ...header.map((h) => h.padStart(12)));
    for (const m of results) {
      const cells = [m.rps.toFixed(0), m.decisions.toFixed(0), String(m.p50), String(m.p99)];
      cells.push((m.rps / base).toFixed(2), m.cpuMicros.toFixed(0), String(m.errors));
      console.log(m.name.padEnd(48), ...cells.map((c) => c.padStart(12)));
    }
    const [b, s] = [results[0]!, results[1]!];
    console.log(
      `single: ratio ${(s.rps / base).toFixed(2)} (target ≥ 0.70), p99 ${s.p99} ms (target < 5 ms); ` +
        `server CPU per call ${s.cpuMicros.toFixed(0)} µs vs bare ${b.cpuMicros.toFixed(0)} µs ` +
        `(CPU ratio ${(b.cpuMicros / s.cpuMicros).toFixed(2)})`,
    );
    const f = results[3]!;
    console.log(
      `floor (bare server + one JSON.parse + the caller's and the forwarded request's SigV4 checks, nothing else): ` +
        `ratio ${(f.rps / base).toFixed(2)}, CPU ${f.cpuMicros.toFixed(0)} µs/call; no authorize server can beat it here.`,
    );
  } finally {
    iamd.stop();
    bare.stop();
    floor.stop();
  }
}

const kind = serveKind();
if (kind !== undefined) await serve(kind);
else await main();
