/**
 * Policy engine benchmark (npm run bench:engine). Single thread, deterministic workloads (seeded PRNG).
 * W1: one identity policy of 3 statements, one request.
 * W2: 10 managed policies x 10 statements + a resource-based policy + a permissions boundary, 10,000 distinct requests.
 * W3: 1,000 statements for one principal, 10,000 distinct requests.
 * Each workload: WARMUP decisions, then ROUNDS timed rounds of SECONDS; every printed figure is the median over the
 * rounds, so one round disturbed by other processes does not move it. A round spends half its time on throughput
 * (the clock is read once per CHUNK decisions) and half on latency: batches of BATCH decisions timed with
 * process.hrtime.bigint(); each batch time / BATCH is one sample; p50/p99 are over a round's samples. The CPU time
 * of each batch (process.cpuUsage) gives a second pair that leaves out preemption by other processes.
 * Requests are prepared once (prepareRequest: lowercased action, split ARN, lowercased context map); one line also
 * shows W2 with preparation included, and one W2 reading every reason of every decision.
 * Environment: BENCH_SECONDS (per round, default 0.5), BENCH_ROUNDS (default 5), BENCH_ONLY=W1|W2|W3, and
 * BENCH_DECISIONS=N: run exactly N decisions per workload untimed, for instruction counts under valgrind, which do not
 * depend on the machine's load (compare two values of N to cancel start-up). BENCH_COMPARE=/path/to/other/src/index.ts
 * compares another engine (e.g. a git worktree of an older commit) with this one in the same process instead.
 */
import { cpus, loadavg } from 'node:os';
import {
  type AuthorizationRequest,
  compilePolicies,
  type PolicyAuthorizer,
  type PreparedRequest,
  prepareRequest,
  type ScenarioPolicies,
} from '../src/index.ts';

const A = '111111111111';
const BATCH = 64;
const CHUNK = 1024;
const SECONDS = Number(process.env.BENCH_SECONDS ?? '0.5');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? '5');
const WARMUP = 50_000;
const FIXED = process.env.BENCH_DECISIONS === undefined ? undefined : Number(process.env.BENCH_DECISIONS);
const ONLY = process.env.BENCH_ONLY;
const COMPARE = process.env.BENCH_COMPARE;
const SLICES = 100;
const SLICE_MS = 15;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(20261122);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const word = () => Math.floor(rnd() * 1e6).toString(36);

const SERVICES = ['s3', 'dynamodb', 'sqs', 'sns', 'lambda', 'ec2', 'logs', 'kinesis', 'secretsmanager', 'ssm'];
const VERBS = ['Get', 'List', 'Describe', 'Put', 'Create', 'Update', 'Tag', 'Delete'];
const NOUNS = ['Item', 'Object', 'Queue', 'Topic', 'Function', 'Instance', 'Stream', 'Secret', 'Parameter', 'Table'];
const TEAMS = ['red', 'blue', 'green'];

interface Stmt {
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}
interface Shape {
  stmt: Stmt;
  service: string;
  verb: string;
  team: string;
  condition: string | undefined;
}

const user = (tags: Record<string, string>) =>
  ({ type: 'user', arn: `arn:aws:iam::${A}:user/alice`, accountId: A, tags }) as const;
// One principal object per caller, shared by its requests (as the enforcement layer does): derived keys are cached per object.
const USERS: Record<string, ReturnType<typeof user>> = Object.fromEntries(TEAMS.map((t) => [t, user({ team: t })]));

function conditionFor(kind: string, team: string): Stmt['Condition'] {
  switch (kind) {
    case 'StringEquals':
      return { StringEquals: { 'aws:PrincipalTag/team': team } };
    case 'StringLike':
      return { StringLike: { 'aws:RequestTag/project': `${team}-*` } };
    case 'IpAddress':
      return { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } };
    default:
      return { Bool: { 'aws:SecureTransport': 'true' } };
  }
}

/** W2 policies: statement 9 of every policy is a Deny; 30% of statements carry a condition. */
function buildW2(): { shapes: Shape[]; policies: object[]; boundary: object; resource: object } {
  const shapes: Shape[] = [];
  const policies: object[] = [];
  for (let p = 0; p < 10; p++) {
    const statements: Stmt[] = [];
    for (let s = 0; s < 10; s++) {
      const service = SERVICES[(p + s) % SERVICES.length]!;
      const deny = s === 9;
      const verb = deny ? 'Delete' : pick(['Get', 'List', 'Describe', 'Put']);
      const team = pick(TEAMS);
      const wildcardAction = rnd() < 0.5;
      const Action = wildcardAction ? [`${service}:${verb}*`] : NOUNS.slice(0, 3).map((n) => `${service}:${verb}${n}`);
      const Resource = [`arn:aws:${service}:*:${A}:${team}-p${p}s${s}/*`];
      const condition = !deny && rnd() < 0.3 ? pick(['StringEquals', 'StringLike', 'IpAddress', 'Bool']) : undefined;
      const stmt: Stmt = { Effect: deny ? 'Deny' : 'Allow', Action, Resource };
      if (condition !== undefined) stmt.Condition = conditionFor(condition, team);
      statements.push(stmt);
      shapes.push({ stmt, service, verb, team, condition });
    }
    policies.push({ Version: '2012-10-17', Statement: statements });
  }
  const boundary = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: SERVICES.map((s) => `${s}:*`), Resource: '*' },
      { Effect: 'Deny', Action: 'iam:*', Resource: '*' },
    ],
  };
  const resource = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${A}:role/reader` },
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::shared/*',
      },
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  };
  return { shapes, policies, boundary, resource };
}

function requestFor(shape: Shape): AuthorizationRequest {
  const { stmt, team, condition } = shape;
  const action = stmt.Action.length === 1 ? stmt.Action[0]!.replace('*', pick(NOUNS)) : pick(stmt.Action);
  const arn = stmt.Resource[0]!.replace(':*:', ':us-east-1:').replace('/*', `/${word()}`);
  const context: Record<string, string> = {
    'aws:SourceIp':
      condition === 'IpAddress'
        ? `10.${Math.floor(rnd() * 255)}.0.${Math.floor(rnd() * 255)}`
        : `203.0.113.${Math.floor(rnd() * 255)}`,
    'aws:SecureTransport': 'true',
    'aws:CurrentTime': new Date(Date.UTC(2026, 0, 1) + Math.floor(rnd() * 1e9)).toISOString(),
    'aws:RequestTag/project': `${team}-${word()}`,
  };
  return { principal: USERS[team]!, action, resource: { arn, accountId: A }, context };
}

function unrelatedRequest(): AuthorizationRequest {
  const service = pick(SERVICES);
  return {
    principal: USERS[pick(TEAMS)]!,
    action: `${service}:${pick(['Create', 'Update', 'Tag'])}${pick(NOUNS)}`,
    resource: { arn: `arn:aws:${service}:us-east-1:${A}:other-${word()}/${word()}`, accountId: A },
    context: {
      'aws:SourceIp': '198.51.100.7',
      'aws:SecureTransport': 'true',
      'aws:CurrentTime': '2026-01-01T00:00:00Z',
    },
  };
}

function buildW2Requests(shapes: Shape[], n: number): AuthorizationRequest[] {
  const allows = shapes.filter((s) => s.stmt.Effect === 'Allow');
  const denies = shapes.filter((s) => s.stmt.Effect === 'Deny');
  const out: AuthorizationRequest[] = [];
  for (let i = 0; i < n; i++) {
    const r = rnd();
    out.push(r < 0.4 ? requestFor(pick(allows)) : r < 0.6 ? requestFor(pick(denies)) : unrelatedRequest());
  }
  return out;
}

function buildW3(): { policies: object[]; requests: AuthorizationRequest[] } {
  const services = Array.from({ length: 50 }, (_, i) => `svc${i}`);
  const policies: object[] = [];
  const shapes: Shape[] = [];
  for (let p = 0; p < 10; p++) {
    const statements: Stmt[] = [];
    for (let s = 0; s < 100; s++) {
      const service = pick(services);
      const verb = pick(VERBS);
      const team = pick(TEAMS);
      const Action = rnd() < 0.5 ? [`${service}:${verb}*`] : [`${service}:${verb}${pick(NOUNS)}`];
      const stmt: Stmt = {
        Effect: rnd() < 0.1 ? 'Deny' : 'Allow',
        Action,
        Resource: [`arn:aws:${service}:*:${A}:${team}/*`],
      };
      if (rnd() < 0.3) stmt.Condition = conditionFor(pick(['StringEquals', 'IpAddress', 'Bool']), team);
      statements.push(stmt);
      shapes.push({ stmt, service, verb, team, condition: undefined });
    }
    policies.push({ Version: '2012-10-17', Statement: statements });
  }
  const requests: AuthorizationRequest[] = [];
  for (let i = 0; i < 10_000; i++) {
    const service = pick(services);
    const team = pick(TEAMS);
    requests.push({
      principal: USERS[team]!,
      action: `${service}:${pick(VERBS)}${pick(NOUNS)}`,
      resource: { arn: `arn:aws:${service}:us-east-1:${A}:${pick(TEAMS)}/${word()}`, accountId: A },
      context: { 'aws:SourceIp': rnd() < 0.5 ? '10.1.2.3' : '203.0.113.9', 'aws:SecureTransport': 'true' },
    });
  }
  return { policies, requests };
}

interface Result {
  /** Median over rounds of decisions per wall-clock second. */
  perSecond: number;
  /** Median over rounds of decisions per second of this process's CPU time: robust when other processes compete. */
  perCpuSecond: number;
  /** Medians over rounds of each round's batch percentiles (wall clock). */
  p50: number;
  p99: number;
  /** The same over each batch's CPU time: excludes time the process spent descheduled. */
  cpuP50: number;
  cpuP99: number;
}

const quantile = (sorted: readonly number[], f: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))]!;
const median = (xs: readonly number[]) => quantile([...xs].sort((a, b) => a - b), 0.5);

type Read = (authorizer: PolicyAuthorizer, request: AuthorizationRequest | PreparedRequest) => number;
/** What an enforcement point reads: the decision only. */
const readDecision: Read = (a, r) => (a.authorize(r).decision === 'Allow' ? 1 : 0);
/** A caller that also reads every statement reason. */
const readReasons: Read = (a, r) => {
  const reasons = a.authorize(r).reasons;
  let n = 0;
  for (let i = 0; i < reasons.length; i++) n += reasons[i]!.statementIndex;
  return n;
};

/**
 * One round: a throughput phase of SECONDS / 2 that reads the clock once per CHUNK decisions (so the clock calls
 * cost nothing measurable), then a latency phase of SECONDS / 2 timed in batches of BATCH (wall and CPU time).
 */
function round(
  authorizer: PolicyAuthorizer,
  requests: readonly (AuthorizationRequest | PreparedRequest)[],
  read: Read,
  start: number,
): { result: Result; sink: number; next: number } {
  const half = BigInt(Math.round((SECONDS * 1e9) / 2));
  let sink = 0;
  let index = start;
  let count = 0;
  const cpu0 = process.cpuUsage();
  const t = process.hrtime.bigint();
  const stop = t + half;
  let now = t;
  while (now < stop) {
    for (let i = 0; i < CHUNK; i++) {
      sink += read(authorizer, requests[index]!);
      index = index + 1 === requests.length ? 0 : index + 1;
    }
    count += CHUNK;
    now = process.hrtime.bigint();
  }
  const cpu = process.cpuUsage(cpu0);
  const perSecond = count / (Number(now - t) / 1e9);
  const perCpuSecond = count / ((cpu.user + cpu.system) / 1e6);

  const samples: number[] = [];
  const cpuSamples: number[] = [];
  const end = process.hrtime.bigint() + half;
  let cpuBefore = process.cpuUsage();
  now = process.hrtime.bigint();
  while (now < end) {
    const t0 = now;
    for (let i = 0; i < BATCH; i++) {
      sink += read(authorizer, requests[index]!);
      index = index + 1 === requests.length ? 0 : index + 1;
    }
    now = process.hrtime.bigint();
    const cpuAfter = process.cpuUsage();
    samples.push(Number(now - t0) / BATCH);
    cpuSamples.push(((cpuAfter.user - cpuBefore.user + cpuAfter.system - cpuBefore.system) * 1000) / BATCH);
    cpuBefore = cpuAfter;
  }
  samples.sort((a, b) => a - b);
  cpuSamples.sort((a, b) => a - b);
  const result = {
    perSecond,
    perCpuSecond,
    p50: quantile(samples, 0.5),
    p99: quantile(samples, 0.99),
    cpuP50: quantile(cpuSamples, 0.5),
    cpuP99: quantile(cpuSamples, 0.99),
  };
  return { result, sink, next: index };
}

/** Warm-up (WARMUP decisions), then ROUNDS timed rounds; every figure is the median over the rounds. */
function measure(
  authorizer: PolicyAuthorizer,
  requests: readonly (AuthorizationRequest | PreparedRequest)[],
  read: Read = readDecision,
): Result {
  let sink = 0;
  for (let i = 0; i < WARMUP; i++) sink += read(authorizer, requests[i % requests.length]!);
  if (FIXED !== undefined) {
    // Fixed-count mode for instruction counting (valgrind): no timing, the same work whatever the load.
    for (let i = 0; i < FIXED; i++) sink += read(authorizer, requests[i % requests.length]!);
    if (sink < 0) console.log(sink);
    return { perSecond: NaN, perCpuSecond: NaN, p50: NaN, p99: NaN, cpuP50: NaN, cpuP99: NaN };
  }
  const rounds: Result[] = [];
  let next = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const one = round(authorizer, requests, read, next);
    rounds.push(one.result);
    sink += one.sink;
    next = one.next;
  }
  if (sink < 0) console.log(sink);
  const m = (f: (r: Result) => number) => median(rounds.map(f));
  return {
    perSecond: m((r) => r.perSecond),
    perCpuSecond: m((r) => r.perCpuSecond),
    p50: m((r) => r.p50),
    p99: m((r) => r.p99),
    cpuP50: m((r) => r.cpuP50),
    cpuP99: m((r) => r.cpuP99),
  };
}

function report(name: string, r: Result, target: string): void {
  if (FIXED !== undefined) {
    console.log(`${name}: ${FIXED} decisions after ${WARMUP} warm-up decisions (fixed-count mode, not timed)`);
    return;
  }
  const rate = Math.round(r.perSecond).toLocaleString('en-US');
  const cpuRate = Math.round(r.perCpuSecond).toLocaleString('en-US');
  const us = (ns: number) => (ns / 1000).toFixed(3);
  console.log(
    `${name.padEnd(44)} ${rate.padStart(11)}/s wall ${cpuRate.padStart(11)}/s cpu   p50 ${us(r.p50)} µs   p99 ${us(r.p99)} µs   cpu p50 ${us(r.cpuP50)} µs   cpu p99 ${us(r.cpuP99)} µs   (target ${target})`,
  );
}

function mix(authorizer: PolicyAuthorizer, requests: readonly PreparedRequest[]): string {
  const counts = { Allow: 0, ImplicitDeny: 0, ExplicitDeny: 0 };
  for (const r of requests) counts[authorizer.authorize(r).decision]++;
  const pct = (n: number) => `${((100 * n) / requests.length).toFixed(1)}%`;
  return `Allow ${pct(counts.Allow)}, ImplicitDeny ${pct(counts.ImplicitDeny)}, ExplicitDeny ${pct(counts.ExplicitDeny)}`;
}

/** Distinct (action, resource, context) triples: the workload promises distinct requests. */
function distinct(requests: readonly AuthorizationRequest[]): number {
  return new Set(requests.map((r) => JSON.stringify([r.principal.tags, r.action, r.resource.arn, r.context]))).size;
}

function statementsWithConditions(policies: readonly object[]): string {
  const statements = policies.flatMap((p) => (p as { Statement: Stmt[] }).Statement);
  const withCondition = statements.filter((s) => s.Condition !== undefined);
  const operators = new Map<string, number>();
  for (const s of withCondition) {
    for (const op of Object.keys(s.Condition!)) operators.set(op, (operators.get(op) ?? 0) + 1);
  }
  const list = [...operators].map(([op, n]) => `${op} ${n}`).join(', ');
  return `${withCondition.length} of ${statements.length} statements with a condition (${list})`;
}

/** Another engine to compare with (BENCH_COMPARE): its package root, e.g. a worktree's `src/index.ts`. */
interface Engine {
  compilePolicies(policies: ScenarioPolicies): PolicyAuthorizer;
  prepareRequest(request: AuthorizationRequest): PreparedRequest;
}

/**
 * Compare mode: both engines in this one process, alternating SLICE_MS slices on the same requests, so both see
 * the same machine load; reports the median CPU-time rate of each and the median of the paired ratios. First
 * checks that both return the same decisions (compared as JSON, reasons included).
 */
function compare(other: Engine, name: string, policies: ScenarioPolicies, raw: readonly AuthorizationRequest[]): void {
  const self: Engine = { compilePolicies, prepareRequest };
  const sides = [other, self].map((e) => ({ authorizer: e.compilePolicies(policies), requests: raw.map(e.prepareRequest) }));
  const [a, b] = sides as [(typeof sides)[0], (typeof sides)[0]];
  let differ = 0;
  for (let i = 0; i < raw.length; i++) {
    const x = JSON.stringify(a.authorizer.authorize(a.requests[i]!));
    if (x !== JSON.stringify(b.authorizer.authorize(b.requests[i]!))) differ++;
  }
  const positions = [0, 0];
  const slice = (k: number, ms: number): number => {
    const { authorizer, requests } = sides[k]!;
    const end = process.hrtime.bigint() + BigInt(ms * 1e6);
    const cpu0 = process.cpuUsage();
    let index = positions[k]!;
    let count = 0;
    let sink = 0;
    while (process.hrtime.bigint() < end) {
      for (let i = 0; i < 256; i++) {
        sink += readDecision(authorizer, requests[index]!);
        index = index + 1 === requests.length ? 0 : index + 1;
      }
      count += 256;
    }
    const cpu = process.cpuUsage(cpu0);
    positions[k] = index;
    if (sink < 0) console.log(sink);
    return count / ((cpu.user + cpu.system) / 1e6);
  };
  for (let i = 0; i < 4; i++) for (const k of [0, 1]) slice(k, 150);
  const rates: [number[], number[]] = [[], []];
  for (let i = 0; i < SLICES; i++) for (const k of [0, 1] as const) rates[k].push(slice(k, SLICE_MS));
  const ratios = rates[1].map((r, i) => r / rates[0][i]!);
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(
    `${name}: ${differ} of ${raw.length} decisions differ; other ${fmt(median(rates[0]))}/s cpu, this ${fmt(median(rates[1]))}/s cpu, this/other ${median(ratios).toFixed(3)} (median of ${SLICES} paired ${SLICE_MS} ms slices)`,
  );
}

const w1Policies: ScenarioPolicies = {
  identity: [
    {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: 'arn:aws:s3:::example-bucket/*' },
        { Effect: 'Allow', Action: 'dynamodb:Get*', Resource: `arn:aws:dynamodb:us-east-1:${A}:table/t` },
        { Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' },
      ],
    },
  ],
};
const w1Raw: AuthorizationRequest = {
  principal: user({}),
  action: 's3:GetObject',
  resource: { arn: 'arn:aws:s3:::example-bucket/report.csv', accountId: A },
  context: { 'aws:SourceIp': '203.0.113.5' },
};
const w2 = buildW2();
const w2Policies: ScenarioPolicies = { identity: w2.policies, resource: w2.resource, permissionBoundary: w2.boundary };
const w2Raw = buildW2Requests(w2.shapes, 10_000);
const w3 = buildW3();
const w3Policies: ScenarioPolicies = { identity: w3.policies };
const selected = (w: string) => ONLY === undefined || ONLY === w;

if (COMPARE !== undefined) {
  const other = (await import(COMPARE)) as Engine;
  console.log(`comparing ${COMPARE} (other) with this checkout (this), CPU time, W2 and W3 over 10,000 requests`);
  if (selected('W1')) compare(other, 'W1', w1Policies, [w1Raw]);
  if (selected('W2')) compare(other, 'W2', w2Policies, w2Raw);
  if (selected('W3')) compare(other, 'W3', w3Policies, w3.requests);
} else {
  console.log(
    `iamd policy engine benchmark: node ${process.version}, single thread, ${WARMUP} warm-up decisions, then ${ROUNDS} rounds of ${SECONDS}s per workload; figures are medians over the rounds`,
  );
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${cpus().length} cores; "/s cpu" = decisions per second of this process's CPU time`,
  );
  console.log(
    `throughput: the clock is read once per ${CHUNK} decisions; latency = time of a batch of ${BATCH} decisions (process.hrtime.bigint) / ${BATCH}; p50/p99 over a round's batches; "cpu p50/p99" = the same over each batch's process CPU time (process.cpuUsage), which leaves out time spent descheduled by other load; the loop reads each decision's \`decision\` (one line also reads its reasons)\n`,
  );

  if (selected('W1')) {
    const w1 = compilePolicies(w1Policies);
    report('W1 1 policy x 3 statements, 1 request', measure(w1, [prepareRequest(w1Raw)]), '>= 4,000,000/s');
  }

  if (selected('W2')) {
    const w2Authorizer = compilePolicies(w2Policies);
    const w2Prepared = w2Raw.map(prepareRequest);
    report(
      'W2 10x10 + resource + boundary, 10k requests',
      measure(w2Authorizer, w2Prepared),
      '>= 1,500,000/s, p99 < 3 µs',
    );
    if (FIXED === undefined) {
      console.log(`   W2 decision mix: ${mix(w2Authorizer, w2Prepared)}; ${distinct(w2Raw)} distinct requests`);
      console.log(`   W2 policies: ${statementsWithConditions(w2.policies)}`);
      report('W2 same, reading every reason', measure(w2Authorizer, w2Prepared, readReasons), 'informational');
      report('W2 same, prepareRequest inside the loop', measure(w2Authorizer, w2Raw), 'informational');
    }
  }

  if (selected('W3')) {
    const w3Authorizer = compilePolicies(w3Policies);
    const w3Prepared = w3.requests.map(prepareRequest);
    report('W3 1,000 statements, 10k requests', measure(w3Authorizer, w3Prepared), '>= 500,000/s');
    if (FIXED === undefined) console.log(`   W3 decision mix: ${mix(w3Authorizer, w3Prepared)}`);
  }
}
