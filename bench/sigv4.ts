/**
 * Micro-benchmark: SigV4 verification of a typical IAM POST (the AWS SDK v3 header set, form body), as api/ runs it:
 * parseSignature + verifySignature, signing keys cached. Prints verifications per second.
 * Run: node --import tsx bench/sigv4.ts [seconds]
 */
import { parseSignature, SigningKeyCache, verifySignature } from '../src/sigv4/index.ts';
import { signWithSdk, TEST_SECRET_ACCESS_KEY } from '../src/sigv4/test-signer.ts';

const seconds = Number(process.argv[2] ?? 1.5);
const signedAt = new Date('2026-11-22T12:00:00Z');
const now = new Date('2026-11-22T12:00:05Z');

const req = await signWithSdk({
  method: 'POST',
  host: 'iam.example.internal:8443',
  service: 'iam',
  region: 'us-east-1',
  signingDate: signedAt,
  applyChecksum: true,
  sessionToken: undefined,
  headers: {
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': '96',
    'x-amz-user-agent': 'aws-sdk-js/3.1168.0',
    'amz-sdk-invocation-id': '7c957d1d-5b2a-409b-b6a9-d30bf5d9278c',
    'amz-sdk-request': 'attempt=1; max=3',
  },
  body: 'Action=CreateUser&Version=2010-05-08&UserName=alice&Path=%2Fdivision_abc%2Fsubdivision_xyz%2F',
});

function run(label: string, verifyOnce: () => boolean): void {
  // Warm up, then count for the requested time. CPU time is reported beside wall time: on a shared machine the
  // per-CPU-second figure is the one to compare.
  for (let i = 0; i < 2000; i++) if (!verifyOnce()) throw new Error(`${label}: verification failed`);
  let n = 0;
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(seconds * 1e9));
  let t = start;
  while (t < end) {
    for (let i = 0; i < 500; i++) verifyOnce();
    n += 500;
    t = process.hrtime.bigint();
  }
  const cpu = process.cpuUsage(cpuStart);
  const wall = Number(t - start) / 1e9;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const perWall = Math.round(n / wall);
  const perCpu = Math.round(n / cpuSeconds);
  console.log(
    `${label.padEnd(42)} ${String(perWall).padStart(7)}/s wall  ${String(perCpu).padStart(7)}/s per CPU-second  ` +
      `${(1e6 / perCpu).toFixed(1)} µs CPU each`,
  );
}

const cache = new SigningKeyCache();
run('IAM POST, signing key cached', () => {
  const parsed = parseSignature(req);
  return !('ok' in parsed) && verifySignature(req, parsed, TEST_SECRET_ACCESS_KEY, { now, keyCache: cache }).ok;
});
run('IAM POST, signing key derived every time', () => {
  const parsed = parseSignature(req);
  return !('ok' in parsed) && verifySignature(req, parsed, TEST_SECRET_ACCESS_KEY, { now }).ok;
});
run('parseSignature alone', () => !('ok' in parseSignature(req)));
