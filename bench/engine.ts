/**
 * Policy engine benchmark (npm run bench:engine). Single thread, deterministic workloads (seeded PRNG).
 * W1: one identity policy of 3 statements, one request.
 * W2: 10 managed policies x 10 statements + a resource-based policy + a permissions boundary, 10,000 distinct requests.
 * W3: 1,000 statements for one principal, 10,000 distinct requests.
 * Throughput: decisions in a timed loop. Latency: the loop is timed in batches of BATCH decisions with
 * process.hrtime.bigint(); each batch time / BATCH is one sample; p50/p99 are taken over those samples. The CPU time
 * of each batch (process.cpuUsage) gives a second pair of percentiles that leaves out preemption by other processes.
 * Requests are prepared once (prepareRequest: lowercased action, split ARN, lowercased context map); one line
 * also shows W2 with preparation included.
 */
import { cpus, loadavg } from 'node:os';
import {
  type AuthorizationRequest,
  compilePolicies,
  type PolicyAuthorizer,
  type PreparedRequest,
  prepareRequest,
} from '../src/index.ts';

const A = '111111111111';
const BATCH = 64;
const SECONDS = Number(process.env.BENCH_SECONDS ?? '1.5');

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
  perSecond: number;
  /** Decisions per second of this process's CPU time: robust when other processes compete for the cores. */
  perCpuSecond: number;
  p50: number;
  p99: number;
  /** The same percentiles over each batch's CPU time: excludes time the process spent descheduled. */
  cpuP50: number;
  cpuP99: number;
}

const quantile = (sorted: readonly number[], f: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))]!;

/** Runs decisions over `requests` round-robin for SECONDS, timing batches of BATCH (wall and CPU time). */
function measure(authorizer: PolicyAuthorizer, requests: readonly (AuthorizationRequest | PreparedRequest)[]): Result {
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink += authorizer.authorize(requests[i % requests.length]!).reasons.length;
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  let count = 0;
  let index = 0;
  const end = process.hrtime.bigint() + BigInt(Math.round(SECONDS * 1e9));
  const cpu0 = process.cpuUsage();
  let cpuBefore = cpu0;
  const start = process.hrtime.bigint();
  let now = start;
  while (now < end) {
    const t0 = now;
    for (let i = 0; i < BATCH; i++) {
      sink += authorizer.authorize(requests[index]!).reasons.length;
      index = index + 1 === requests.length ? 0 : index + 1;
    }
    now = process.hrtime.bigint();
    const cpuAfter = process.cpuUsage();
    samples.push(Number(now - t0) / BATCH);
    cpuSamples.push(
      ((cpuAfter.user - cpuBefore.user + cpuAfter.system - cpuBefore.system) * 1000) / BATCH,
    );
    cpuBefore = cpuAfter;
    count += BATCH;
  }
  const cpu = process.cpuUsage(cpu0);
  if (sink < 0) console.log(sink);
  samples.sort((a, b) => a - b);
  cpuSamples.sort((a, b) => a - b);
  return {
    perSecond: count / (Number(now - start) / 1e9),
    perCpuSecond: count / ((cpu.user + cpu.system) / 1e6),
    p50: quantile(samples, 0.5),
    p99: quantile(samples, 0.99),
    cpuP50: quantile(cpuSamples, 0.5),
    cpuP99: quantile(cpuSamples, 0.99),
  };
}

const ONLY = process.env.BENCH_ONLY;

function report(name: string, r: Result, target: string): void {
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

console.log(`iamd policy engine benchmark: node ${process.version}, single thread, ${SECONDS}s per workload`);
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${cpus().length} cores; "/s cpu" = decisions per second of this process's CPU time`,
);
console.log(
  `latency = time of a batch of ${BATCH} decisions (process.hrtime.bigint) / ${BATCH}; p50/p99 over batches; "cpu p50/p99" = the same over each batch's process CPU time (process.cpuUsage), which leaves out time spent descheduled by other load\n`,
);

const w1 = compilePolicies({
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
});
const w1Request = prepareRequest({
  principal: user({}),
  action: 's3:GetObject',
  resource: { arn: 'arn:aws:s3:::example-bucket/report.csv', accountId: A },
  context: { 'aws:SourceIp': '203.0.113.5' },
});
if (ONLY === undefined || ONLY === 'W1')
  report('W1 1 policy x 3 statements, 1 request', measure(w1, [w1Request]), '>= 4,000,000/s');

const w2 = buildW2();
const w2Authorizer = compilePolicies({ identity: w2.policies, resource: w2.resource, permissionBoundary: w2.boundary });
const w2Raw = buildW2Requests(w2.shapes, 10_000);
const w2Prepared = w2Raw.map(prepareRequest);
if (ONLY === undefined || ONLY === 'W2') {
  report(
    'W2 10x10 + resource + boundary, 10k requests',
    measure(w2Authorizer, w2Prepared),
    '>= 1,500,000/s, p99 < 3 µs',
  );
  console.log(`   W2 decision mix: ${mix(w2Authorizer, w2Prepared)}`);
  report('W2 same, prepareRequest inside the loop', measure(w2Authorizer, w2Raw), 'informational');
}

const w3 = buildW3();
const w3Authorizer = compilePolicies({ identity: w3.policies });
const w3Prepared = w3.requests.map(prepareRequest);
if (ONLY === undefined || ONLY === 'W3') {
  report('W3 1,000 statements, 10k requests', measure(w3Authorizer, w3Prepared), '>= 500,000/s');
  console.log(`   W3 decision mix: ${mix(w3Authorizer, w3Prepared)}`);
}
