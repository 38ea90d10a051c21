/**
 * HTTP benchmark (`npm run bench:http [-- --duration 10]`): iamd against a bare fastify server, over loopback.
 *
 * Both servers run in child processes (this file re-executed with `--serve iamd|bare`) so the load generator
 * (autocannon, 10 connections) does not share an event loop with them. Loads, each `--duration` seconds:
 *   1. iamd, signed IAM GetUser of an existing user (SQLite in a temp dir);
 *   2. iamd, signed STS GetCallerIdentity;
 *   3. the bare server, a plain POST answered with a fixed XML body;
 *   4. (extra, outside the target) GetUser signed by an IAM user with an inline policy, so each request
 *      also pays for a real policy decision (the root user of the loads above is never limited by policies);
 *   5. (extra) the floor: the bare server plus only SigV4 verification of a signed GetCallerIdentity, so the
 *      printed ratio shows what any signature-verifying server could reach here.
 * Then, unless `--no-authorize` is given, the authorize API's loads of ./authorize.ts (issue 7) with the same
 * `--duration` and `--connections`.
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
 * `--connections C` (default 10), `--cpu-prof DIR` (the iamd child writes a V8 CPU profile into DIR).
 * `--in-process` measures instead client + server CPU per request with everything in this one process (the same
 * loads and the floor, 4 keep-alive connections, `--requests N` per round, default 2000, `--rounds R`, default 11):
 * steadier than req/s on a busy machine. `--compare DIR` (with `--in-process`) also runs iamd from the checkout in DIR, for a
 * before/after comparison in the same conditions.
 * Child processes, pre-signing and the load itself come from ./load-harness.ts (shared with bench/authorize.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type autocannon from 'autocannon';
import Fastify from 'fastify';
import { loadServerConfig, startServer } from '../src/server/index.ts';
import { authenticateRequest, type IncomingRequest, SigningKeyCache } from '../src/sigv4/index.ts';
import {
  BENCH_ROOT,
  type Child,
  drive,
  flag,
  type Keys,
  load,
  type Measured,
  median,
  presign,
  rawRequest,
  serveKind,
  serveUntilStdinEnds,
  startChild,
} from './load-harness.ts';

type Ready = { url: string; user?: Keys };

const FIXED_XML =
  '<?xml version="1.0" encoding="UTF-8"?>\n<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">' +
  '<GetCallerIdentityResult><UserId>123456789012</UserId><Account>123456789012</Account>' +
  '<Arn>arn:aws:iam::123456789012:root</Arn></GetCallerIdentityResult><ResponseMetadata>' +
  '<RequestId>c2b2ae94-3bb4-4e3c-9c1b-6f1f1b2a0d3e</RequestId></ResponseMetadata></GetCallerIdentityResponse>';

type ServerModule = { loadServerConfig: typeof loadServerConfig; startServer: typeof startServer };
type Running = { url: string; close(): Promise<void> };

/**
 * iamd on a free port (SQLite in a temp dir) with a user `bench-user` that has an inline policy allowing
 * `iam:Get*` and `iam:List*` and one access key (`user`), for the extra load: bench-user reading itself, so every
 * request goes through a real policy decision.
 */
async function startIamd(server: ServerModule): Promise<Running & { user: Keys }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'iamd-bench-'));
  const config = server.loadServerConfig({ port: 0, dataDir, logLevel: 'warn' }, {});
  const iamd = await server.startServer({
    ...config,
    rootAccessKeyId: BENCH_ROOT.accessKeyId,
    rootSecretAccessKey: BENCH_ROOT.secretAccessKey,
  });
  const ctx = {
    accountId: iamd.accountId,
    partition: 'aws',
    region: 'us-east-1',
    requestId: 'bench',
    caller: {
      type: 'root' as const,
      accountId: iamd.accountId,
      arn: `arn:aws:iam::${iamd.accountId}:root`,
      userId: iamd.accountId,
    },
  };
  await iamd.services.iam.createUser(ctx, { UserName: 'bench-user' });
  await iamd.services.iam.putUserPolicy(ctx, {
    UserName: 'bench-user',
    PolicyName: 'read-iam',
    PolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' }],
    }),
  });
  const { AccessKey } = await iamd.services.iam.createAccessKey(ctx, { UserName: 'bench-user' });
  return {
    url: iamd.url,
    user: { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey },
    close: async () => {
      await iamd.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The bare server: fastify answering every POST / with a fixed XML body. */
async function startBare(): Promise<Running> {
  const app = Fastify({ logger: false });
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.post('/', async (_request, reply) => reply.header('content-type', 'text/xml').send(FIXED_XML));
  return { url: await app.listen({ host: '127.0.0.1', port: 0 }), close: () => app.close() };
}

/**
 * The floor (informational): the bare server plus nothing but SigV4 verification of each request (one fixed key,
 * signing keys cached as iamd caches them), answering the same fixed XML. No signed request can be served for
 * less, so its ratio to the bare server bounds what any SigV4-verifying server can reach on this machine.
 */
async function startFloor(): Promise<Running> {
  const app = Fastify({ logger: false });
  const keyCache = new SigningKeyCache();
  const lookup = (id: string) => (id === BENCH_ROOT.accessKeyId ? BENCH_ROOT.secretAccessKey : undefined);
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.post('/', async (request, reply) => {
    const url = request.raw.url ?? '/';
    const q = url.indexOf('?');
    const req: IncomingRequest = {
      method: request.method,
      path: q < 0 ? url : url.slice(0, q),
      query: q < 0 ? '' : url.slice(q + 1),
      headers: request.headers,
      body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
    };
    const checked = authenticateRequest(req, lookup, { now: new Date(), keyCache });
    if (!('parsed' in checked)) return reply.code(403).send('signature refused');
    return reply.header('content-type', 'text/xml').send(FIXED_XML);
  });
  return { url: await app.listen({ host: '127.0.0.1', port: 0 }), close: () => app.close() };
}

/** Child process: run one server (iamd, the bare server or the floor) until stdin closes. */
async function serve(kind: string): Promise<void> {
  if (kind === 'iamd') {
    const { url, user, close } = await startIamd({ loadServerConfig, startServer });
    serveUntilStdinEnds({ url, user }, close);
  } else if (kind === 'floor') {
    const { url, close } = await startFloor();
    serveUntilStdinEnds({ url }, close);
  } else {
    const { url, close } = await startBare();
    serveUntilStdinEnds({ url }, close);
  }
}

/** The plain POST the bare server is loaded with. */
const PLAIN: autocannon.Request = {
  method: 'POST',
  path: '/',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: 'Action=GetCallerIdentity&Version=2011-06-15',
};

/** The three iamd loads, pre-signed: GetUser and GetCallerIdentity as root, GetUser as bench-user. */
async function iamdLoads(url: string, user: Keys): Promise<[string, autocannon.Request[]][]> {
  const form = 'application/x-www-form-urlencoded; charset=utf-8';
  const getUser = 'Action=GetUser&Version=2010-05-08&UserName=bench-user';
  return [
    ['GetUser (signed)', await presign({ url, service: 'iam', body: getUser, contentType: form, keys: BENCH_ROOT })],
    [
      'GetCallerIdentity (signed)',
      await presign({
        url,
        service: 'sts',
        body: 'Action=GetCallerIdentity&Version=2011-06-15',
        contentType: form,
        keys: BENCH_ROOT,
      }),
    ],
    ['extra: GetUser as an IAM user', await presign({ url, service: 'iam', body: getUser, contentType: form, keys: user })],
  ];
}

/**
 * `--in-process [--compare DIR]`: CPU µs per request with the servers and the client in this one process (keep-alive
 * sockets over loopback, 4 connections), rounds interleaved, median per load. Steadier than req/s on a busy machine.
 * With `--compare DIR`, iamd is also started from the checkout in DIR (with its node_modules), for before/after.
 */
async function inProcess(): Promise<void> {
  const rounds = Math.round(flag('--rounds', 11));
  const count = Math.round(flag('--requests', 2000));
  const at = process.argv.indexOf('--compare');
  const trees: [string, string][] = [['', '../src/server/index.ts']];
  if (at >= 0) trees.push([`${process.argv[at + 1]} `, pathToFileURL(join(process.argv[at + 1] ?? '.', 'src/server/index.ts')).href]);
  const running: Running[] = [];
  const loads: { name: string; url: string; requests: Buffer[] }[] = [];
  try {
    const bare = await startBare();
    running.push(bare);
    loads.push({ name: 'bare fastify, fixed XML', url: bare.url, requests: [rawRequest(PLAIN, bare.url)] });
    for (const [label, module] of trees) {
      const iamd = await startIamd((await import(module)) as ServerModule);
      running.push(iamd);
      for (const [name, requests] of await iamdLoads(iamd.url, iamd.user)) {
        loads.push({ name: `${label}iamd ${name}`, url: iamd.url, requests: requests.map((r) => rawRequest(r, iamd.url)) });
      }
    }
    const floor = await startFloor();
    running.push(floor);
    const floorRequests = await presign({
      url: floor.url,
      service: 'sts',
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
      contentType: 'application/x-www-form-urlencoded; charset=utf-8',
      keys: BENCH_ROOT,
    });
    loads.push({
      name: 'floor: bare + SigV4 verify only',
      url: floor.url,
      requests: floorRequests.map((r) => rawRequest(r, floor.url)),
    });
    for (const l of loads) await drive(l.url, l.requests, count, 4);
    const micros = loads.map(() => [] as number[]);
    for (let r = 0; r < rounds; r++) {
      // Alternate the order, so a change in the machine's load touches every load alike.
      const order = r % 2 === 0 ? [...loads.keys()] : [...loads.keys()].reverse();
      for (const i of order) {
        const l = loads[i]!;
        const before = process.cpuUsage();
        const failed = await drive(l.url, l.requests, count, 4);
        const used = process.cpuUsage(before);
        if (failed > 0) throw new Error(`${l.name}: ${failed} answers were not 200`);
        micros[i]!.push((used.user + used.system) / count);
      }
    }
    const mid = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
    const bareMicros = mid(micros[0]!);
    console.log(
      `\nclient + server CPU per request, one process, ${count} requests x ${rounds} rounds, median; ` +
        `load average ${os.loadavg()[0]!.toFixed(1)}\n`,
    );
    console.log(`${'load'.padEnd(56)} CPU µs/req  beyond bare  CPU ratio`);
    for (const [i, l] of loads.entries()) {
      const m = mid(micros[i]!);
      console.log(
        `${l.name.padEnd(56)} ${m.toFixed(1).padStart(10)}  ${(m - bareMicros).toFixed(1).padStart(11)}  ` +
          `${(bareMicros / m).toFixed(2).padStart(9)}`,
      );
    }
  } finally {
    for (const r of running) await r.close();
  }
}

/** `--cpu-prof DIR`: the iamd child writes a V8 CPU profile there (sum self time per function to see where time goes). */
function profileOptions(): string[] {
  const at = process.argv.indexOf('--cpu-prof');
  return at >= 0 ? ['--cpu-prof', '--cpu-prof-dir', process.argv[at + 1] ?? 'bench-profiles'] : [];
}

async function main(): Promise<void> {
  const duration = flag('--duration', 10);
  const rounds = Math.round(flag('--rounds', 1));
  const connections = Math.round(flag('--connections', 10));
  const script = fileURLToPath(import.meta.url);
  const iamd = await startChild<Ready>(script, 'iamd', profileOptions());
  const bare = await startChild<Ready>(script, 'bare');
  const floor = await startChild<Ready>(script, 'floor');
  try {
    const floorLoad = await presign({
      url: floor.ready.url,
      service: 'sts',
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
      contentType: 'application/x-www-form-urlencoded; charset=utf-8',
      keys: BENCH_ROOT,
    });
    const [[, getUser], [, whoAmI], [, asUser]] = (await iamdLoads(iamd.ready.url, iamd.ready.user!)) as [
      [string, autocannon.Request[]],
      [string, autocannon.Request[]],
      [string, autocannon.Request[]],
    ];
    const plain = [PLAIN];
    await load('warm-up', iamd, getUser, Math.min(2, duration), connections);
    await load('warm-up', iamd, whoAmI, Math.min(2, duration), connections);
    await load('warm-up', iamd, asUser, Math.min(2, duration), connections);
    await load('warm-up', bare, plain, Math.min(2, duration), connections);
    await load('warm-up', floor, floorLoad, Math.min(2, duration), connections);
    const loads: [string, Child<Ready>, autocannon.Request[]][] = [
      ['bare fastify, fixed XML', bare, plain],
      ['iamd GetUser (signed)', iamd, getUser],
      ['iamd GetCallerIdentity (signed)', iamd, whoAmI],
      ['extra: GetUser as an IAM user', iamd, asUser],
      ['floor: bare + SigV4 verify only', floor, floorLoad],
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
    console.log('The issue-3 target covers the first three loads (signed as the root user, whom no policy limits);');
    console.log('the extra load signs as an IAM user with an inline policy, so each request also gets a policy decision.');
    console.log('floor = the bare server that only verifies the SigV4 signature of the same signed GetCallerIdentity and');
    console.log('answers the fixed XML: no server that verifies signatures can beat its ratio on this machine.');
    const failed = results.filter((r) => r.errors > 0);
    if (failed.length > 0)
      console.log(`\nWARNING: ${failed.map((r) => r.name).join(', ')} had errors or non-2xx answers`);
  } finally {
    iamd.stop();
    bare.stop();
    floor.stop();
  }
}

const kind = serveKind();
if (kind !== undefined) await serve(kind);
else if (process.argv.includes('--in-process')) await inProcess();
else {
  await main();
  // Issue 7 extends bench:http with the authorize API's loads; `npm run bench:authorize` runs them alone.
  if (!process.argv.includes('--no-authorize')) {
    console.log('');
    await import('./authorize.ts');
  }
}
