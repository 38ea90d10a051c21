/**
 * What the HTTP benchmarks share (bench/http.ts, bench/authorize.ts): servers in child processes that report their
 * CPU time, SigV4 pre-signing, one autocannon load with CPU figures, medians and flags.
 *
 * A benchmark file re-executes itself with `--serve <kind>` for each server; the child calls `serveUntilStdinEnds`
 * and the parent `startChild`. Each line the parent writes to the child's stdin asks for the CPU time the child has
 * used so far, so CPU per request can be computed for every load.
 */
import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { SignatureV4 } from '@smithy/signature-v4';
import autocannon from 'autocannon';
import { NodeSha256 } from '../src/client/node-sha256.ts';

/** An access key pair. */
export type Keys = { readonly accessKeyId: string; readonly secretAccessKey: string };

/** The root credentials the benchmarks configure (AWS's documentation example, never a real key). */
export const BENCH_ROOT: Keys = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

/**
 * Child side: prints `ready` as one JSON line, answers each stdin line with the CPU time used so far (µs), and
 * closes the server and exits when stdin ends (the parent finished or died).
 */
export function serveUntilStdinEnds(ready: object, close: () => Promise<void>): void {
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  createInterface({ input: process.stdin }).on('line', () => {
    const { user, system } = process.cpuUsage();
    process.stdout.write(`${user + system}\n`);
  });
  process.stdin.on('end', () => void close().then(() => process.exit(0)));
}

/** A server running in a child process. */
export type Child<Ready> = {
  readonly ready: Ready;
  /** The child's CPU time so far (user + system), µs. */
  cpu(): Promise<number>;
  stop(): void;
};

/** Starts `script --serve kind` in a child process (node with tsx, plus `nodeOptions`) and waits for its ready line. */
export async function startChild<Ready extends { url: string }>(
  script: string,
  kind: string,
  nodeOptions: readonly string[] = [],
): Promise<Child<Ready>> {
  const proc = spawn(process.execPath, [...nodeOptions, '--import', 'tsx', script, '--serve', kind], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: proc.stdout });
  const next = () =>
    new Promise<string>((resolve, reject) => {
      const exited = (code: number | null) => reject(new Error(`${kind} server exited with ${code}`));
      proc.once('exit', exited);
      lines.once('line', (line) => {
        proc.off('exit', exited);
        resolve(line);
      });
    });
  const ready = JSON.parse(await next()) as Ready;
  const cpu = async () => {
    const answer = next();
    proc.stdin.write('cpu\n');
    return Number(await answer);
  };
  return { ready, cpu, stop: () => proc.stdin.end() };
}

/** What to sign: a POST to `url` + `path` with `body`, for `service`. */
export type SignedCall = {
  readonly url: string;
  readonly path?: string;
  readonly service: string;
  readonly body: string;
  readonly contentType: string;
  readonly keys: Keys;
};

/**
 * `count` requests signed as the AWS SDK signs them, X-Amz-Date one second apart. A SigV4 signature carries no nonce
 * and is valid for 15 minutes either side of its date, so these stay valid for a whole run and are rotated by
 * autocannon; the server still verifies every one in full (body hash, canonical request, HMAC). Signing per request
 * would put the client's crypto on the same cores and measure the load generator instead of the server.
 */
export async function presign(call: SignedCall, count = 64): Promise<autocannon.Request[]> {
  const { hostname, port, host } = new URL(call.url);
  const path = call.path ?? '/';
  const signer = new SignatureV4({ credentials: call.keys, region: 'us-east-1', service: call.service, sha256: NodeSha256 });
  const out: autocannon.Request[] = [];
  const start = Date.now();
  for (let i = 0; i < count; i++) {
    const signed = await signer.sign(
      {
        method: 'POST',
        protocol: 'http:',
        hostname,
        port: Number(port),
        path,
        query: {},
        headers: { host, 'content-type': call.contentType },
        body: call.body,
      },
      { signingDate: new Date(start - i * 1000) },
    );
    out.push({ method: 'POST', path, headers: signed.headers as Record<string, string>, body: call.body });
  }
  return out;
}

/** One load's figures. */
export type Measured = {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  /** Server CPU (user + system) per request, µs: the fairer comparison on a shared machine. */
  cpuMicros: number;
  /** Server CPU time / wall time: near 1 means the server was the bottleneck. */
  serverBusy: number;
  /** Load generator (this process) CPU time / wall time. */
  clientBusy: number;
  errors: number;
};

/** Loads `server` with `requests` (rotated) for `duration` seconds over `connections` connections. */
export async function load(
  name: string,
  server: Child<{ url: string }>,
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
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMicros: result.requests.total > 0 ? cpuMicros / result.requests.total : 0,
    serverBusy: cpuMicros / wallMicros,
    clientBusy: (client.user + client.system) / wallMicros,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

/** The median of each figure over several rounds of one load (errors are summed). */
export function median(rounds: readonly Measured[]): Measured {
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

/** A positive numeric flag (`--name value`), at most `max`. */
export function flag(name: string, fallback: number, max = Number.POSITIVE_INFINITY): number {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!(value > 0 && value <= max)) throw new Error(`${name} must be a positive number${max < Infinity ? ` up to ${max}` : ''}`);
  return value;
}

/** The value of `--serve <kind>` when this process is a benchmark's server child. */
export function serveKind(): string | undefined {
  const at = process.argv.indexOf('--serve');
  return at >= 0 ? (process.argv[at + 1] ?? '') : undefined;
}

/**
 * An autocannon request to `url` as raw HTTP/1.1 bytes (keep-alive, with its content-length, and the URL's host
 * unless the request names one), for `drive`.
 */
export function rawRequest(request: autocannon.Request, url: string): Buffer {
  const body = typeof request.body === 'string' ? request.body : '';
  let head = `${request.method ?? 'POST'} ${request.path ?? '/'} HTTP/1.1\r\n`;
  const headers = request.headers ?? {};
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'host')) head += `host: ${new URL(url).host}\r\n`;
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'content-length') head += `${name}: ${value}\r\n`;
  }
  return Buffer.from(`${head}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

/**
 * Sends `count` requests (rotating through `requests`) to `url` over `connections` keep-alive sockets with one
 * request in flight on each, from this process; resolves with the number of answers that were not 200. Used to
 * measure CPU per request with client and server in one process, which a busy machine disturbs far less than
 * req/s (both sides are slowed alike, and no other process's load generator competes).
 */
export function drive(url: string, requests: readonly Buffer[], count: number, connections: number): Promise<number> {
  const { hostname, port } = new URL(url);
  let sent = 0;
  let done = 0;
  let failed = 0;
  const sockets: Socket[] = [];
  return new Promise((resolve, reject) => {
    const finish = () => {
      for (const s of sockets) s.destroy();
      resolve(failed);
    };
    for (let c = 0; c < connections; c++) {
      const socket = connect(Number(port), hostname);
      sockets.push(socket);
      socket.setNoDelay(true);
      let buffered = '';
      const next = () => {
        if (sent < count) socket.write(requests[sent++ % requests.length]!);
      };
      socket.on('connect', next);
      socket.on('error', reject);
      socket.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('latin1');
        for (;;) {
          const headEnd = buffered.indexOf('\r\n\r\n');
          if (headEnd < 0) return;
          const length = /\r\ncontent-length: *(\d+)/i.exec(buffered.slice(0, headEnd));
          if (length === null) return reject(new Error(`an answer without content-length: ${buffered.slice(0, 200)}`));
          const end = headEnd + 4 + Number(length[1]);
          if (buffered.length < end) return;
          if (!buffered.startsWith('HTTP/1.1 200')) failed++;
          buffered = buffered.slice(end);
          if (++done === count) return finish();
          next();
        }
      });
    }
  });
}
