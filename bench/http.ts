/**
 * HTTP benchmark (`npm run bench:http [-- --duration 10]`): iamd against a bare fastify server, over loopback.
 *
 * Both servers run in child processes (this file re-executed with `--serve iamd|bare`) so the load generator
 * (autocannon, 10 connections) does not share an event loop with them. Loads, each `--duration` seconds:
 *   1. iamd, signed IAM GetUser of an existing user (SQLite in a temp dir);
 *   2. iamd, signed STS GetCallerIdentity;
 *   3. the bare server, a plain POST answered with a fixed XML body.
 * Signing: a SigV4 signature is valid for 15 minutes either side of its X-Amz-Date and carries no nonce, so the
 * requests are pre-signed once (64 distinct ones, X-Amz-Date one second apart, rotated by autocannon) and stay
 * valid for the whole run. Every one of them is still fully verified by iamd (body hash, canonical request, HMAC
 * with the cached signing key): nothing is cached per signature. Signing per request would put the client's
 * crypto on the same two cores and measure the load generator instead of the server.
 * Prints req/s, p50 and p99 latency, and the ratio to the bare server (target ≥ 0.7, p99 < 5 ms), plus the
 * server's CPU time per request and how busy the server and the load generator were: on a small or shared machine
 * the load generator competes with the server for the same cores, and CPU per request is the fairer comparison.
 * Flags: `--duration S` (seconds per load, default 10), `--rounds N` (default 1: with more, the three loads are run
 * in turn N times and the median of each figure is printed, which evens out a machine whose load changes),
 * `--connections C` (default 10).
 */
import { spawn } from 'node:child_process';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SignatureV4 } from '@smithy/signature-v4';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { loadServerConfig, startServer } from '../src/server/index.ts';

type Ready = { url: string; accessKeyId?: string; secretAccessKey?: string };

const ROOT = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const FIXED_XML =
  '<?xml version="1.0" encoding="UTF-8"?>\n<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">' +
  '<GetCallerIdentityResult><UserId>123456789012</UserId><Account>123456789012</Account>' +
  '<Arn>arn:aws:iam::123456789012:root</Arn></GetCallerIdentityResult><ResponseMetadata>' +
  '<RequestId>c2b2ae94-3bb4-4e3c-9c1b-6f1f1b2a0d3e</RequestId></ResponseMetadata></GetCallerIdentityResponse>';

/** Child process: run one server and print `{url,...}` on stdout; exit when stdin closes. */
async function serve(kind: string): Promise<void> {
  let ready: Ready;
  let close: () => Promise<void>;
  if (kind === 'iamd') {
    const dataDir = await mkdtemp(join(tmpdir(), 'iamd-bench-'));
    const config = loadServerConfig({ port: 0, dataDir, logLevel: 'warn' }, {});
    const server = await startServer({
      ...config,
      rootAccessKeyId: ROOT.accessKeyId,
      rootSecretAccessKey: ROOT.secretAccessKey,
    });
    const ctx = {
      accountId: server.accountId,
      partition: 'aws',
      region: 'us-east-1',
      requestId: 'bench',
      caller: {
        type: 'root' as const,
        accountId: server.accountId,
        arn: `arn:aws:iam::${server.accountId}:root`,
        userId: server.accountId,
      },
    };
    await server.services.iam.createUser(ctx, { UserName: 'bench-user' });
    ready = { url: server.url, ...ROOT };
    close = async () => {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    };
  } else {
    const app = Fastify({ logger: false });
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    app.post('/', async (_request, reply) => reply.header('content-type', 'text/xml').send(FIXED_XML));
    ready = { url: await app.listen({ host: '127.0.0.1', port: 0 }) };
    close = () => app.close();
  }
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  // Each line on stdin asks for the CPU time used so far (µs), so the parent can compute CPU per request.
  createInterface({ input: process.stdin }).on('line', () => {
    const { user, system } = process.cpuUsage();
    process.stdout.write(`${user + system}\n`);
  });
  process.stdin.on('end', () => void close().then(() => process.exit(0)));
}

/** Starts a server child and waits for its ready line. */
type Child = { ready: Ready; cpu: () => Promise<number>; stop: () => void };

async function child(kind: string): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', kind], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: proc.stdout });
  const next = () =>
    new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      proc.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
    });
  const ready = JSON.parse(await next()) as Ready;
  const cpu = async () => {
    const answer = next();
    proc.stdin.write('cpu\n');
    return Number(await answer);
  };
  return { ready, cpu, stop: () => proc.stdin.end() };
}

class NodeSha256 {
  #hash: Hash | Hmac;
  readonly #secret: string | Uint8Array | undefined;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#secret = secret === undefined ? undefined : toBytes(secret);
    this.#hash = this.#fresh();
  }
  #fresh(): Hash | Hmac {
    return this.#secret === undefined ? createHash('sha256') : createHmac('sha256', this.#secret);
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#hash.update(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
  reset(): void {
    this.#hash = this.#fresh();
  }
}
function toBytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

/** 64 requests signed as the AWS SDK signs them, X-Amz-Date one second apart (all inside the 15-minute window). */
async function presign(url: string, service: 'iam' | 'sts', body: string, ready: Ready): Promise<autocannon.Request[]> {
  const { hostname, port, host } = new URL(url);
  const signer = new SignatureV4({
    credentials: { accessKeyId: ready.accessKeyId!, secretAccessKey: ready.secretAccessKey! },
    region: 'us-east-1',
    service,
    sha256: NodeSha256,
  });
  const out: autocannon.Request[] = [];
  const start = Date.now();
  for (let i = 0; i < 64; i++) {
    const signed = await signer.sign(
      {
        method: 'POST',
        protocol: 'http:',
        hostname,
        port: Number(port),
        path: '/',
        query: {},
        headers: { host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body,
      },
      { signingDate: new Date(start - i * 1000) },
    );
    out.push({ method: 'POST', path: '/', headers: signed.headers as Record<string, string>, body });
  }
  return out;
}

type Measured = {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  /** Server CPU (user + system) per request, µs. */
  cpuMicros: number;
  /** Server CPU time / wall time: near 1 means the server was the bottleneck. */
  serverBusy: number;
  /** Load generator (this process) CPU time / wall time. */
  clientBusy: number;
  errors: number;
};

async function load(
  name: string,
  server: Child,
  requests: autocannon.Request[],
  duration: number,
  connections: number,
): Promise<Measured> {
  const before = await server.cpu();
  const clientBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  const result = await autocannon({ url: server.ready.url, connections, duration, requests });
  const wallMicros = Number(process.hrtime.bigint() - start) / 1000;
  const client = process.cpuUsage(clientBefore);
  const cpuMicros = (await server.cpu()) - before;
  const errors = result.errors + result.non2xx + result.timeouts;
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMicros: result.requests.total > 0 ? cpuMicros / result.requests.total : 0,
    serverBusy: cpuMicros / wallMicros,
    clientBusy: (client.user + client.system) / wallMicros,
    errors,
  };
}

/** The median of each figure over several rounds of one load (errors are summed). */
function median(rounds: Measured[]): Measured {
  const mid = (pick: (m: Measured) => number) => {
    const sorted = rounds.map(pick).sort((a, b) => a - b);
    const i = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[i]! : (sorted[i - 1]! + sorted[i]!) / 2;
  };
  return {
    name: rounds[0]!.name,
    rps: mid((m) => m.rps),
    p50: mid((m) => m.p50),
    p99: mid((m) => m.p99),
    cpuMicros: mid((m) => m.cpuMicros),
    serverBusy: mid((m) => m.serverBusy),
    clientBusy: mid((m) => m.clientBusy),
    errors: rounds.reduce((n, m) => n + m.errors, 0),
  };
}

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!(value > 0)) throw new Error(`${name} must be a positive number`);
  return value;
}

async function main(): Promise<void> {
  const duration = flag('--duration', 10);
  const rounds = Math.round(flag('--rounds', 1));
  const connections = Math.round(flag('--connections', 10));
  const iamd = await child('iamd');
  const bare = await child('bare');
  try {
    const getUser = await presign(
      iamd.ready.url,
      'iam',
      'Action=GetUser&Version=2010-05-08&UserName=bench-user',
      iamd.ready,
    );
    const whoAmI = await presign(iamd.ready.url, 'sts', 'Action=GetCallerIdentity&Version=2011-06-15', iamd.ready);
    const plain: autocannon.Request[] = [
      {
        method: 'POST',
        path: '/',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'Action=GetCallerIdentity&Version=2011-06-15',
      },
    ];
    await load('warm-up', iamd, getUser, Math.min(2, duration), connections);
    await load('warm-up', iamd, whoAmI, Math.min(2, duration), connections);
    await load('warm-up', bare, plain, Math.min(2, duration), connections);
    const loads: [string, Child, autocannon.Request[]][] = [
      ['bare fastify, fixed XML', bare, plain],
      ['iamd GetUser (signed)', iamd, getUser],
      ['iamd GetCallerIdentity (signed)', iamd, whoAmI],
    ];
    // Round-robin, so a change in the machine's load touches every load alike.
    const measured: Measured[][] = loads.map(() => []);
    for (let r = 0; r < rounds; r++) {
      for (const [i, [name, server, requests]] of loads.entries()) {
        measured[i]!.push(await load(name, server, requests, duration, connections));
      }
    }
    const results = measured.map(median);
    const baseline = results[0]!;
    const each = rounds > 1 ? `, median of ${rounds} rounds` : '';
    console.log(
      `\n${duration}s each${each}, ${connections} connections, loopback, ${os.cpus().length} CPUs, ` +
        `load average ${os.loadavg()[0]!.toFixed(1)}\n`,
    );
    console.log(
      'load                                req/s  p50 ms  p99 ms  ratio  server CPU µs/req  CPU ratio  server busy  ' +
        'client busy  errors',
    );
    const pct = (x: number) => `${Math.round(x * 100)}%`;
    for (const r of results) {
      console.log(
        `${r.name.padEnd(32)} ${r.rps.toFixed(0).padStart(8)}  ` +
          `${String(r.p50).padStart(6)}  ${String(r.p99).padStart(6)}  ` +
          `${(r.rps / baseline.rps).toFixed(2).padStart(5)}  ${r.cpuMicros.toFixed(0).padStart(17)}  ` +
          `${(baseline.cpuMicros / r.cpuMicros).toFixed(2).padStart(9)}  ${pct(r.serverBusy).padStart(11)}  ` +
          `${pct(r.clientBusy).padStart(11)}  ${r.errors}`,
      );
    }
    console.log('\nratio = req/s relative to the bare server (target >= 0.7); CPU ratio = bare CPU per request / this');
    console.log('CPU per request, the server-bound throughput ratio, is the stabler figure on a shared machine.');
    console.log('busy = CPU time / wall time of the server process and of this load generator (100% = one core).');
    const failed = results.filter((r) => r.errors > 0);
    if (failed.length > 0)
      console.log(`\nWARNING: ${failed.map((r) => r.name).join(', ')} had errors or non-2xx answers`);
  } finally {
    iamd.stop();
    bare.stop();
  }
}

const serveAt = process.argv.indexOf('--serve');
if (serveAt >= 0) await serve(process.argv[serveAt + 1] ?? '');
else await main();
